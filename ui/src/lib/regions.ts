// Kazakhstan's regions and cities of republican significance (ISO 3166-2:KZ codes), by language.
import type { Lang } from '../i18n/index';

type Names = Record<Lang, string>;

export const REGIONS: Readonly<Record<string, Names>> = {
  'KZ-AST': { kk: 'Астана', ru: 'Астана', en: 'Astana' },
  'KZ-ALA': { kk: 'Алматы', ru: 'Алматы', en: 'Almaty' },
  'KZ-SHY': { kk: 'Шымкент', ru: 'Шымкент', en: 'Shymkent' },
  'KZ-ABY': { kk: 'Абай облысы', ru: 'Область Абай', en: 'Abai Region' },
  'KZ-AKM': { kk: 'Ақмола облысы', ru: 'Акмолинская область', en: 'Akmola Region' },
  'KZ-AKT': { kk: 'Ақтөбе облысы', ru: 'Актюбинская область', en: 'Aktobe Region' },
  'KZ-ALM': { kk: 'Алматы облысы', ru: 'Алматинская область', en: 'Almaty Region' },
  'KZ-ATY': { kk: 'Атырау облысы', ru: 'Атырауская область', en: 'Atyrau Region' },
  'KZ-VOS': { kk: 'Шығыс Қазақстан облысы', ru: 'Восточно-Казахстанская область', en: 'East Kazakhstan Region' },
  'KZ-ZHA': { kk: 'Жамбыл облысы', ru: 'Жамбылская область', en: 'Jambyl Region' },
  'KZ-ZHT': { kk: 'Жетісу облысы', ru: 'Область Жетісу', en: 'Zhetysu Region' },
  'KZ-ZAP': { kk: 'Батыс Қазақстан облысы', ru: 'Западно-Казахстанская область', en: 'West Kazakhstan Region' },
  'KZ-KAR': { kk: 'Қарағанды облысы', ru: 'Карагандинская область', en: 'Karaganda Region' },
  'KZ-KUS': { kk: 'Қостанай облысы', ru: 'Костанайская область', en: 'Kostanay Region' },
  'KZ-KZY': { kk: 'Қызылорда облысы', ru: 'Кызылординская область', en: 'Kyzylorda Region' },
  'KZ-MAN': { kk: 'Маңғыстау облысы', ru: 'Мангистауская область', en: 'Mangystau Region' },
  'KZ-PAV': { kk: 'Павлодар облысы', ru: 'Павлодарская область', en: 'Pavlodar Region' },
  'KZ-SEV': { kk: 'Солтүстік Қазақстан облысы', ru: 'Северо-Казахстанская область', en: 'North Kazakhstan Region' },
  'KZ-YUZ': { kk: 'Түркістан облысы', ru: 'Туркестанская область', en: 'Turkestan Region' },
  'KZ-ULT': { kk: 'Ұлытау облысы', ru: 'Область Ұлытау', en: 'Ulytau Region' },
};

export const REGION_CODES: readonly string[] = Object.keys(REGIONS);

/** The region's name in the language, or the code itself when it is not one we know. */
export function regionName(code: string, lang: Lang): string {
  return REGIONS[code.toUpperCase()]?.[lang] ?? code;
}

/** True when the list names every region we know (an offering delivered countrywide). */
export function coversAllRegions(codes: readonly string[]): boolean {
  const set = new Set(codes.map((c) => c.toUpperCase()));
  return REGION_CODES.every((c) => set.has(c));
}
