import { describe, expect, it } from 'vitest';
import type { PeriodOrders } from '../../bindings/bindings';
import { orderTotals, ordersSeries, periodLabel, presetRange, ratio, revenueSeries, recentMonths } from './reports';

const period = (starts_on: string, received: number, accepted: number): PeriodOrders => ({
  starts_on,
  received,
  accepted,
  declined: 1,
  cancelled: 0,
  cancelled_automatically: 0,
});

describe('presetRange', () => {
  it('covers whole months up to today', () => {
    expect(presetRange('this_month', '2026-12-07')).toEqual({ from: '2026-12-01', to: '2026-12-07' });
    expect(presetRange('last_3_months', '2026-02-10')).toEqual({ from: '2025-12-01', to: '2026-02-10' });
    expect(presetRange('last_12_months', '2026-12-07')).toEqual({ from: '2026-01-01', to: '2026-12-07' });
    expect(presetRange('last_12_months', '2026-01-31')).toEqual({ from: '2025-02-01', to: '2026-01-31' });
    expect(presetRange('this_year', '2026-03-05')).toEqual({ from: '2026-01-01', to: '2026-03-05' });
  });
});

describe('periodLabel', () => {
  it('names a month or a week by its Monday', () => {
    expect(periodLabel('2026-11-01', 'month', 'ru')).toBe('11.2026');
    expect(periodLabel('2026-11-01', 'month', 'en')).toBe('11/2026');
    expect(periodLabel('2026-11-02', 'week', 'kk')).toBe('02.11.2026');
  });
});

describe('figures', () => {
  it('says nothing known rather than 0 %', () => {
    expect(ratio({ part: 0, whole: 0 })).toBeNull();
    expect(ratio({ part: 3, whole: 4 })).toBe(0.75);
  });

  it('totals the table and shapes the charts', () => {
    const periods = [period('2026-10-01', 3, 2), period('2026-11-01', 5, 4)];
    expect(orderTotals(periods)).toEqual({ received: 8, accepted: 6, declined: 2, cancelled: 0 });
    expect(ordersSeries(periods)).toEqual([[0, 1], [3, 5], [2, 4], [1, 1], [0, 0]]);
    expect(revenueSeries([{ month: '2026-11', confirmed_tiyn: 12_345, paid_tiyn: -100 }])).toEqual([[0], [123.45], [-1]]);
  });
});

describe('recentMonths', () => {
  it('lists the months back from the current one across a new year', () => {
    expect(recentMonths('2027-02-10', 4)).toEqual(['2027-02', '2027-01', '2026-12', '2026-11']);
  });
});
