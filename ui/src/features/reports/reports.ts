// What the Reports screen works out for itself: the days of a chosen period, a period's label,
// the totals of the orders table and the series the charts draw.
import type { PeriodOrders, ReportGrain, RevenueMonth, Share } from '../../bindings/bindings';
import type { Lang } from '../../i18n/index';
import { formatDay } from '../../lib/format';
import { formatMonth } from '../money/money';

/** A series of a chart: its name in the legend, its colour, and bars or a line. */
export type ChartSeries = {
  label: string;
  color: string;
  /** Bars placed left (-1), centred (0) or right (1) of their period; a line when absent. */
  bars?: -1 | 0 | 1;
  dash?: number[];
};

export const PRESETS = ['this_month', 'last_3_months', 'last_12_months', 'this_year', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

const two = (n: number) => String(n).padStart(2, '0');

/** The first day of the month `back` months before the month of `today` (ISO days). */
function monthStart(today: string, back: number): string {
  const [y, m] = today.split('-').map(Number);
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${two((index % 12) + 1)}-01`;
}

/** The `count` calendar months up to the one holding `today`, the latest first (`YYYY-MM`). */
export function recentMonths(today: string, count: number): string[] {
  return Array.from({ length: count }, (_, back) => monthStart(today, back).slice(0, 7));
}

/** The days a preset covers up to `today` (Kazakhstan's ISO day): whole months, and today. */
export function presetRange(preset: Exclude<Preset, 'custom'>, today: string): { from: string; to: string } {
  switch (preset) {
    case 'this_month':
      return { from: monthStart(today, 0), to: today };
    case 'last_3_months':
      return { from: monthStart(today, 2), to: today };
    case 'last_12_months':
      return { from: monthStart(today, 11), to: today };
    case 'this_year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/** A period as the tables and the chart's axis name it: its month, or its week's Monday. */
export function periodLabel(startsOn: string, grain: ReportGrain, lang: Lang): string {
  return grain === 'month' ? formatMonth(startsOn.slice(0, 7), lang) : formatDay(startsOn, lang);
}

/** A share as a fraction, or null when the desk knows nothing to divide. */
export function ratio(share: Share): number | null {
  return share.whole > 0 ? share.part / share.whole : null;
}

/** The sums of the orders table's columns. */
export function orderTotals(periods: readonly PeriodOrders[]): { received: number; accepted: number; declined: number; cancelled: number } {
  const total = { received: 0, accepted: 0, declined: 0, cancelled: 0 };
  for (const p of periods) {
    total.received += p.received;
    total.accepted += p.accepted;
    total.declined += p.declined;
    total.cancelled += p.cancelled;
  }
  return total;
}

/** uPlot's data for the orders chart: the period's index, then received, accepted, declined, cancelled. */
export function ordersSeries(periods: readonly PeriodOrders[]): number[][] {
  return [
    periods.map((_, i) => i),
    periods.map((p) => p.received),
    periods.map((p) => p.accepted),
    periods.map((p) => p.declined),
    periods.map((p) => p.cancelled),
  ];
}

/** uPlot's data for the revenue chart, in tenge: the month's index, then confirmed and paid. */
export function revenueSeries(months: readonly RevenueMonth[]): number[][] {
  return [months.map((_, i) => i), months.map((m) => m.confirmed_tiyn / 100), months.map((m) => m.paid_tiyn / 100)];
}
