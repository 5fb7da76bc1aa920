import { describe, expect, it } from 'vitest';
import { formatMonth, ordersText } from './money';

describe('money', () => {
  it('writes a month as people do', () => {
    expect(formatMonth('2026-11', 'ru')).toBe('11.2026');
    expect(formatMonth('2026-11', 'kk')).toBe('11.2026');
    expect(formatMonth('2026-11', 'en')).toBe('11/2026');
    expect(formatMonth('bad', 'ru')).toBe('bad');
  });

  it('lists the first orders of a payment and counts the rest', () => {
    const line = (n: number) => ({ order_id: `o${n}`, order_number: `SO-${n}`, amount_tiyn: 100 });
    expect(ordersText([line(1), line(2)])).toBe('SO-1, SO-2');
    expect(ordersText([1, 2, 3, 4, 5, 6].map(line))).toBe('SO-1, SO-2, SO-3, SO-4 +2');
  });
});
