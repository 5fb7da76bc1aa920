// Calendar days as people in Kazakhstan write them, DD.MM.YYYY, in every language of the window
// (not in the computer's locale, which a native date input follows): reading what was typed or
// pasted, the text shown for an ISO day, the dots put in while digits are typed, stepping by a
// day or a month, and the words for a problem. No Svelte here, so that it is tested on its own.
import { translate, type Lang } from '../../i18n/index';

/** What is wrong with a typed date. `format`: partial or unreadable text. */
export type DateProblem =
  | { kind: 'format' }
  /** A day the calendar does not have (31.02.2026, 07.13.2026), as typed, with dots. */
  | { kind: 'noSuchDay'; date: string }
  /** A year outside YEAR_MIN–YEAR_MAX (0026, 2206): taken as a typing mistake. */
  | { kind: 'year'; year: string }
  /** Before `min` or after `max`, given as the ISO limit. */
  | { kind: 'beforeMin'; limit: string }
  | { kind: 'afterMax'; limit: string };

/** A typed date read: the ISO day (`''` for an empty field), or why it cannot be one. */
export type DateReading = { ok: true; iso: string } | { ok: false; problem: DateProblem };

export type ReadOptions = {
  /** The earliest and latest day allowed, ISO (`YYYY-MM-DD`); either may be left out. */
  min?: string;
  max?: string;
  /**
   * While the person is still typing a two-digit year is taken as unfinished (07.12.20 may be
   * on its way to 07.12.2026); once they leave the field it means 20xx.
   */
  typing?: boolean;
};

/** The years a typed date may have; others are taken as typing mistakes. */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2099;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** What may separate the day, month and year: dots, slashes, dashes, spaces, commas. */
const SEPARATORS = /[./\-\s,]+/;
const ALLOWED = /^[\d./\-\s,]*$/;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Whether `year` is a leap year of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** An ISO day as shown in the field: `2026-12-07` → `07.12.2026`; `''` stays empty. */
export function displayDate(iso: string): string {
  const m = ISO.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** Splits typed text into day, month and year digits, or null when it has no such shape. */
function parts(text: string): { d: string; m: string; y: string } | null {
  const groups = text.split(SEPARATORS).filter(Boolean);
  if (groups.length === 3) {
    const [a, b, c] = groups;
    // A pasted ISO day, year first: 2026-12-07.
    return a.length === 4 ? { d: c, m: b, y: a } : { d: a, m: b, y: c };
  }
  if (groups.length === 2 && /^\d{4}$/.test(groups[0])) {
    // Day and month typed together, then the year: 0712 2026.
    const [dm, y] = groups;
    return { d: dm.slice(0, 2), m: dm.slice(2), y };
  }
  if (groups.length === 1 && /^(\d{6}|\d{8})$/.test(groups[0])) {
    // Digits only: 07122026 or 071226.
    const g = groups[0];
    return { d: g.slice(0, 2), m: g.slice(2, 4), y: g.slice(4) };
  }
  return null;
}

/**
 * Reads a date as typed or pasted: 07.12.2026, 7.12.2026, 07/12/2026, 07-12-2026, 07 12 2026,
 * 07122026, 0712 2026, a pasted 2026-12-07, and a two-digit year (07.12.26 → 2026).
 */
export function readDate(text: string, options: ReadOptions = {}): DateReading {
  const typed = text.trim();
  if (typed === '') return { ok: true, iso: '' };
  const fail = (problem: DateProblem): DateReading => ({ ok: false, problem });
  if (!ALLOWED.test(typed)) return fail({ kind: 'format' });
  const p = parts(typed);
  if (!p || p.d.length > 2 || p.m.length > 2 || p.m.length === 0 || !(p.y.length === 2 || p.y.length === 4)) {
    return fail({ kind: 'format' });
  }
  if (p.y.length === 2) {
    if (options.typing) return fail({ kind: 'format' });
    p.y = `20${p.y}`;
  }
  const [day, month, year] = [Number(p.d), Number(p.m), Number(p.y)];
  if (year < YEAR_MIN || year > YEAR_MAX) return fail({ kind: 'year', year: p.y });
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail({ kind: 'noSuchDay', date: `${pad2(day)}.${pad2(month)}.${p.y}` });
  }
  const iso = `${p.y}-${pad2(month)}-${pad2(day)}`;
  if (options.min && iso < options.min) return fail({ kind: 'beforeMin', limit: options.min });
  if (options.max && iso > options.max) return fail({ kind: 'afterMax', limit: options.max });
  return { ok: true, iso };
}

/**
 * Puts in the dots while only digits are typed: `071` → `07.1`, `07.122` → `07.12.2`. A dot
 * comes with the digit after the day or month, not before it, so that deleting one back does
 * not bring it straight back. Text with other separators is left as it is.
 */
export function autoDot(text: string): string {
  let out = text;
  const day = /^(\d{2})(\d+)$/.exec(out);
  if (day) out = `${day[1]}.${day[2]}`;
  const month = /^(\d{1,2}\.)(\d{2})(\d+)$/.exec(out);
  if (month) out = `${month[1]}${month[2]}.${month[3]}`;
  return out;
}

/** The ISO day `days` days or `months` months from `iso`; a month step keeps the day where it can (31.01 → 28.02). */
export function stepDate(iso: string, { days = 0, months = 0 }: { days?: number; months?: number }): string {
  const m = ISO.exec(iso);
  if (!m) return iso;
  let [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (months) {
    const index = year * 12 + (month - 1) + months;
    year = Math.floor(index / 12);
    month = index - year * 12 + 1;
    day = Math.min(day, daysInMonth(year, month));
  }
  const at = new Date(Date.UTC(year, month - 1, day + days));
  return `${String(at.getUTCFullYear()).padStart(4, '0')}-${pad2(at.getUTCMonth() + 1)}-${pad2(at.getUTCDate())}`;
}

/** `iso` moved inside `min`–`max` (either may be left out). */
export function clampDate(iso: string, min?: string, max?: string): string {
  if (min && iso < min) return min;
  if (max && iso > max) return max;
  return iso;
}

/** The problem in words, in `lang`; shown under the field. */
export function dateProblemText(problem: DateProblem, lang: Lang): string {
  switch (problem.kind) {
    case 'format':
      return translate(lang, 'date.format');
    case 'noSuchDay':
      return translate(lang, 'date.noSuchDay', { date: problem.date });
    case 'year':
      return translate(lang, 'date.year', { year: problem.year });
    case 'beforeMin':
      return translate(lang, 'date.beforeMin', { date: displayDate(problem.limit) });
    case 'afterMax':
      return translate(lang, 'date.afterMax', { date: displayDate(problem.limit) });
  }
}
