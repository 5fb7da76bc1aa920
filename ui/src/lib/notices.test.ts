import { describe, expect, it } from 'vitest';
import type { Notices } from '../bindings/bindings';
import { describeNotices } from './notices';

const none: Notices = { new_orders: [], new_orders_total: 0, due_soon: [], due_soon_total: 0 };
const order = (number: string, due_at: string | null = '2026-12-01T10:00:00Z') => ({
  order_id: `id-${number}`,
  number,
  due_at,
});

describe('describeNotices', () => {
  it('says nothing when nothing is due', () => {
    expect(describeNotices(none, 'en')).toEqual([]);
  });

  it('names a single new order with its acceptance deadline in Kazakhstan time', () => {
    const [n, ...rest] = describeNotices({ ...none, new_orders: [order('SO-1')], new_orders_total: 1 }, 'en');
    expect(rest).toEqual([]);
    expect(n?.title).toBe('New order');
    expect(n?.body).toMatch(/^№ SO-1: accept by /);
    expect(n?.body).toContain('15:00'); // 10:00 UTC is 15:00 in Kazakhstan (UTC+5)
  });

  it('counts many new orders in one notice, with Russian plural forms', () => {
    const many = { ...none, new_orders: ['A', 'B', 'C', 'D', 'E'].map((x) => order(x)), new_orders_total: 7 };
    const [ru] = describeNotices(many, 'ru');
    expect(ru?.title).toBe('7 новых заказов');
    expect(ru?.body).toBe('№ A, № B, № C, № D, № E и ещё 2');
    expect(describeNotices({ ...many, new_orders_total: 5 }, 'ru')[0]?.title).toBe('5 новых заказов');
    expect(describeNotices({ ...many, new_orders_total: 3 }, 'ru')[0]?.title).toBe('3 новых заказа');
    expect(describeNotices({ ...many, new_orders_total: 21 }, 'ru')[0]?.title).toBe('21 новый заказ');
  });

  it('gives deadlines their own notice, after the new orders', () => {
    const both = describeNotices(
      { new_orders: [order('N')], new_orders_total: 1, due_soon: [order('D1'), order('D2')], due_soon_total: 2 },
      'kk',
    );
    expect(both.map((n) => n.title)).toEqual(['Жаңа тапсырыс', '2 тапсырыстың мерзімі 48 сағат ішінде']);
    expect(both[1]?.body).toBe('№ D1, № D2');
  });

  it('names a single near deadline', () => {
    const [n] = describeNotices({ ...none, due_soon: [order('SO-9')], due_soon_total: 1 }, 'en');
    expect(n?.title).toBe('Deadline within 48 hours');
    expect(n?.body).toMatch(/^№ SO-9: due /);
  });
});
