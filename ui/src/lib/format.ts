// Formatting of money, counts, percentages and dates per language.
import { INTL_LOCALES, translate, type Lang } from '../i18n/index';
import { MINUTE_MS, formatDuration } from './countdown';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

// Some webviews (Chromium builds among them) ship ICU without Kazakh data yet claim to support
// `kk`, and then format in the root locale (`₸ 1,234.50`, `2025 M03 8`). These probes notice it;
// Kazakh then borrows Russian number conventions (the same: `1 234,50 ₸`) and a hand-made date.
let kazakhNumbers: boolean | undefined;
let kazakhDates: boolean | undefined;

export function intlHasKazakhNumbers(): boolean {
  kazakhNumbers ??= new Intl.NumberFormat('kk-KZ').format(1234.5).replace(/\s/g, ' ') === '1 234,5';
  return kazakhNumbers;
}

export function intlHasKazakhDates(): boolean {
  kazakhDates ??= new Intl.DateTimeFormat('kk-KZ', { timeZone: 'UTC', month: 'short' })
    .format(Date.UTC(2025, 2, 8))
    .startsWith('нау');
  return kazakhDates;
}

/** The locale used for numbers in a language. */
export function numberLocale(lang: Lang, kazakhData = intlHasKazakhNumbers()): string {
  return lang === 'kk' && !kazakhData ? INTL_LOCALES.ru : INTL_LOCALES[lang];
}

/**
 * Money held as integer tiyn (1/100 tenge), shown in tenge with the ₸ sign and always two
 * decimals: `1 234,50 ₸` (kk, ru), `₸1,234.50` (en).
 */
export function formatMoney(tiyn: number, lang: Lang): string {
  const f = cached(`money:${lang}`, () =>
    new Intl.NumberFormat(numberLocale(lang), {
      style: 'currency',
      currency: 'KZT',
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }),
  );
  // Integer tiyn below 2^53 divide to the nearest double, which rounds back exactly at 2 decimals.
  return f.format(tiyn / 100);
}

/** A whole count with the language's digit grouping: `1,234` (en), `1 234` (kk, ru). */
export function formatCount(n: number, lang: Lang): string {
  return cached(`count:${lang}`, () => new Intl.NumberFormat(numberLocale(lang), { maximumFractionDigits: 0 })).format(n);
}

/** A ratio (0.92) as a whole percentage: `92%` (en, kk), `92 %` (ru). */
export function formatPercent(ratio: number, lang: Lang): string {
  return cached(`pct:${lang}`, () =>
    new Intl.NumberFormat(numberLocale(lang), { style: 'percent', maximumFractionDigits: 0 }),
  ).format(ratio);
}

// Kazakhstan has one time zone, UTC+5, since 1 March 2024 00:00 local time; before that Almaty
// and Astana were on UTC+6. The offset is applied here rather than through the `Asia/Almaty`
// zone because a webview's time-zone data may predate the change and show the old offset.
const UTC5_SINCE_MS = Date.UTC(2024, 1, 29, 18, 0, 0);

/** Kazakhstan's offset from UTC, in minutes, at an instant. */
export function kazakhstanOffsetMinutes(instantMs: number): number {
  return instantMs >= UTC5_SINCE_MS ? 5 * 60 : 6 * 60;
}

function toKazakhstanWallClock(iso: string): Date | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return new Date(ms + kazakhstanOffsetMinutes(ms) * 60_000);
}

const KK_MONTHS = ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'];

/** Kazakh date and time as ICU writes it (`2025 ж. 8 нау., 14:05`), for webviews without the data. */
export function formatKazakhDateTime(wall: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${wall.getUTCFullYear()} ж. ${wall.getUTCDate()} ${KK_MONTHS[wall.getUTCMonth()]}, ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`;
}

/** An instant as Kazakhstan's local date and time, e.g. `25 Nov 2025, 14:30`. */
export function formatDateTime(iso: string, lang: Lang): string {
  const wall = toKazakhstanWallClock(iso);
  if (!wall) return iso;
  if (lang === 'kk' && !intlHasKazakhDates()) return formatKazakhDateTime(wall);
  return cached(`dt:${lang}`, () =>
    new Intl.DateTimeFormat(INTL_LOCALES[lang], {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
  ).format(wall);
}

/** How long ago an instant was, in the countdown's units: `5 min ago`, `1 d 2 h ago`, `just now`. */
export function formatRelative(iso: string, nowMs: number, lang: Lang): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const ago = nowMs - ms;
  if (ago < MINUTE_MS) return translate(lang, 'relative.justNow');
  return translate(lang, 'relative.ago', { duration: formatDuration(ago, lang) });
}

/** Kazakhstan's calendar date at an instant, as `YYYY-MM-DD` (the value of a date field). */
export function kazakhstanDate(instantMs: number): string {
  const wall = new Date(instantMs + kazakhstanOffsetMinutes(instantMs) * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`;
}

/** A calendar day (`2026-11-27`) as people write it: 27.11.2026 in kk and ru, 27/11/2026 in en. */
export function formatDay(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return lang === 'en' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[3]}.${m[2]}.${m[1]}`;
}
