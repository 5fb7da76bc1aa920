// The time left until an order's next deadline, as words, and how urgent it is.
import { translate, type Lang } from '../i18n/index';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Orders due within this time are highlighted. */
export const DEADLINE_SOON_MS = 48 * HOUR_MS;

export type Urgency = 'none' | 'later' | 'soon' | 'overdue';

/** `overdue` when the deadline has passed, `soon` when less than 48 h are left. */
export function deadlineUrgency(dueAt: string | null, nowMs: number): Urgency {
  if (dueAt === null) return 'none';
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return 'none';
  const left = due - nowMs;
  if (left <= 0) return 'overdue';
  if (left < DEADLINE_SOON_MS) return 'soon';
  return 'later';
}

export function isDeadlineSoon(dueAt: string | null, nowMs: number): boolean {
  const u = deadlineUrgency(dueAt, nowMs);
  return u === 'soon' || u === 'overdue';
}

/**
 * A span in whole minutes, cut down to the two largest units: `3 d 4 h`, `5 h 12 min`,
 * `12 min`, `< 1 min`. A zero second unit is left out (`2 d`, not `2 d 0 h`).
 */
export function formatDuration(ms: number, lang: Lang): string {
  const minutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  if (minutes === 0) return translate(lang, 'duration.lessThanMinute');
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const mins = minutes % 60;
  const d = (n: number) => translate(lang, 'duration.days', { n });
  const h = (n: number) => translate(lang, 'duration.hours', { n });
  const m = (n: number) => translate(lang, 'duration.minutes', { n });
  if (days > 0) return hours > 0 ? `${d(days)} ${h(hours)}` : d(days);
  if (hours > 0) return mins > 0 ? `${h(hours)} ${m(mins)}` : h(hours);
  return m(mins);
}

/** `3 d 4 h left` / `overdue by 2 h` in the chosen language; the deadline counts as passed at 0. */
export function countdownText(dueAt: string, nowMs: number, lang: Lang): string {
  const left = Date.parse(dueAt) - nowMs;
  if (Number.isNaN(left)) return dueAt;
  const duration = formatDuration(left, lang);
  return left > 0
    ? translate(lang, 'countdown.left', { duration })
    : translate(lang, 'countdown.overdue', { duration });
}
