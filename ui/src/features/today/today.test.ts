import { describe, expect, it } from 'vitest';
import type { TodayRow } from '../../bindings/bindings';
import { byLocality, sectionTab, todayHeading } from './today';

const row = (id: string, locality: string): TodayRow => ({
  order_id: id,
  number: `SO-${id}`,
  status: 'in_work',
  participant_name: 'Айгүл',
  address: `${locality}, 1`,
  phone: '+7 701 000 00 00',
  locality,
  due_at: null,
  total_tiyn: 100,
});

describe('today', () => {
  it('groups a round by locality, keeping the order', () => {
    const groups = byLocality([row('a', 'Алматы'), row('b', 'Алматы'), row('c', 'Талдықорған')]);
    expect(groups.map((g) => [g.locality, g.rows.map((r) => r.order_id)])).toEqual([
      ['Алматы', ['a', 'b']],
      ['Талдықорған', ['c']],
    ]);
    expect(byLocality([])).toEqual([]);
  });

  it('says where each part is done', () => {
    expect(sectionTab('accept_soon')).toBe('inbox');
    expect(sectionTab('fittings')).toBe('workshop');
    expect(sectionTab('deliveries')).toBe('mywork');
  });

  it('dates the day in Kazakhstan', () => {
    // 19:30 UTC on 7 December is already 8 December in Kazakhstan (UTC+5).
    expect(todayHeading(Date.UTC(2026, 11, 7, 19, 30), 'ru')).toBe('08.12.2026');
  });
});
