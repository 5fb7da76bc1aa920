// The offering form's logic: the classifier picker's matching, the form's fields from an
// offering, checks that need no database, and the input the app saves.
import type { ClassifierOption, OfferingInput, OfferingRow, RegionStock } from '../bindings/bindings';
import type { Lang } from '../i18n/index';
import type { MessageKey } from '../i18n/en';

export type OfferingFields = {
  classifierCode: string;
  price: string;
  /** The stock typed for each region, by region code (an empty text counts as 0). */
  stock: Record<string, string>;
  /** What the edited offering holds in each region now (empty for a new offering). */
  held: Record<string, number>;
  regions: string[];
  warrantyMonths: string;
  description: string;
  published: boolean;
  /** The model ("Phonak Naída P50") and who makes it ("Sonova AG"), as typed; blank for none. */
  model: string;
  manufacturer: string;
};

/**
 * A field the form refuses before asking the app, with the dictionary key of its message; for
 * the stock and the regions, the region it is about.
 */
export type FormProblem = {
  field: 'classifier_code' | 'stock' | 'regions' | 'warranty_months';
  key: MessageKey;
  region?: string;
};

export const MAX_WARRANTY_MONTHS = 120;

/** A new offering's fields; the price is left to the user (the limit is shown beside it). */
export function emptyFields(): OfferingFields {
  return {
    classifierCode: '',
    price: '',
    stock: {},
    held: {},
    regions: [],
    warrantyMonths: '12',
    description: '',
    published: false,
    model: '',
    manufacturer: '',
  };
}

/** An existing offering's fields, the price as the user's language writes it (`formatPrice`). */
export function fieldsFromRow(row: OfferingRow, formatPrice: (tiyn: number) => string): OfferingFields {
  return {
    classifierCode: row.classifier_code,
    price: formatPrice(row.price_tiyn),
    stock: Object.fromEntries(row.stock_by_region.map((r) => [r.region, String(r.quantity)])),
    held: Object.fromEntries(row.stock_by_region.map((r) => [r.region, r.quantity])),
    regions: [...row.regions],
    warrantyMonths: String(row.warranty_months),
    description: row.description,
    published: row.published,
    model: row.model ?? '',
    manufacturer: row.manufacturer ?? '',
  };
}

/**
 * True when the option matches what was typed: every word found in its code or in its name in
 * any of the three languages (a code is often typed in part, a name in any language).
 */
export function matchesClassifier(option: ClassifierOption, typed: string): boolean {
  const words = typed.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const haystack = [option.code, option.name.kk, option.name.ru, option.name.en].join('\n').toLocaleLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** The options that match, the one already chosen first. */
export function pickerOptions(options: ClassifierOption[], typed: string, chosen: string, lang: Lang, limit = 30) {
  const matching = options.filter((o) => o.code === chosen || matchesClassifier(o, typed));
  matching.sort((a, b) => Number(b.code === chosen) - Number(a.code === chosen) || a.name[lang].localeCompare(b.name[lang], lang));
  return matching.slice(0, limit);
}

function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/**
 * The regions whose stock the form shows: the chosen ones, and the ones the edited offering
 * holds stock in but that are no longer chosen (their stock must go to 0 before they can go).
 */
export function stockRegions(fields: OfferingFields): string[] {
  const leaving = Object.keys(fields.held).filter((r) => fields.held[r] > 0 && !fields.regions.includes(r));
  return [...fields.regions, ...leaving];
}

/** The region's typed stock as a number; an empty text is 0, anything else not whole is null. */
function typedStock(fields: OfferingFields, region: string): number | null {
  const text = fields.stock[region] ?? '';
  return text.trim() === '' ? 0 : wholeNumber(text);
}

/** The whole stock the form holds now, or null while a region's stock is not a whole number. */
export function totalStock(fields: OfferingFields): number | null {
  let total = 0;
  for (const region of fields.regions) {
    const n = typedStock(fields, region);
    if (n === null) return null;
    total += n;
  }
  return total;
}

/** What is wrong before the app is asked (the price and its limit are the app's to check). */
export function checkFields(fields: OfferingFields): FormProblem | null {
  if (!fields.classifierCode) return { field: 'classifier_code', key: 'offering.pickItem' };
  for (const region of stockRegions(fields)) {
    const n = typedStock(fields, region);
    if (n === null) return { field: 'stock', key: 'offering.stockWhole', region };
    if (n > 0 && !fields.regions.includes(region)) return { field: 'regions', key: 'offering.regionHoldsStock', region };
  }
  const warranty = wholeNumber(fields.warrantyMonths);
  if (warranty === null || warranty > MAX_WARRANTY_MONTHS) return { field: 'warranty_months', key: 'offering.warrantyRange' };
  return null;
}

/** The input the app saves; call after `checkFields` found nothing. */
export function toOfferingInput(offeringId: string | null, fields: OfferingFields, photos?: string[]): OfferingInput {
  return {
    offering_id: offeringId,
    classifier_code: fields.classifierCode,
    price: fields.price.trim(),
    regions: [...fields.regions],
    stock_by_region: stockRegions(fields).map((region): RegionStock => ({ region, quantity: typedStock(fields, region) ?? 0 })),
    warranty_months: Number(fields.warrantyMonths.trim()),
    description: fields.description.trim(),
    published: fields.published,
    // Always sent, blank for none: the app sends a change of them only (their length is the
    // app's to check, against the contract).
    model: fields.model.trim(),
    manufacturer: fields.manufacturer.trim(),
    // Absent keeps an edited offering's photos as they are.
    ...(photos ? { photos: [...photos] } : {}),
  };
}

/** A price as the form shows it for editing: `92 000,00` (what the app parses back). */
export function priceText(tiyn: number): string {
  const whole = Math.trunc(tiyn / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${whole},${String(Math.abs(tiyn % 100)).padStart(2, '0')}`;
}

/**
 * The typed price in tiyn, read as the app reads it (`12 345,50`, `12345.5`, a trailing ₸);
 * null when it is not a price. Used only to word the app's refusal in the user's language.
 */
export function typedPriceTiyn(text: string): number | null {
  const compact = text
    .trim()
    .replace(/(₸|KZT|kzt|тг\.?)$/, '')
    .replace(/[\s\u00a0\u202f']/g, '');
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** True when the app's refusal of the price is the limit price (not a malformed price). */
export function isAboveLimit(text: string, limitTiyn: number | null): boolean {
  const tiyn = typedPriceTiyn(text);
  return tiyn !== null && limitTiyn !== null && tiyn > limitTiyn;
}
