import { describe, expect, test } from 'vitest';
import type { AssignableStaff } from '../bindings/bindings';
import { nextRole, orderedChoices } from './assignment';

const staff: AssignableStaff[] = [
  { username: 'aigerim', display_name: 'Айгерим', role: 'office' },
  { username: 'bolat', display_name: 'Болат', role: 'courier' },
  { username: 'dana', display_name: 'Дана', role: 'workshop' },
  { username: 'yerzhan', display_name: 'Ержан', role: 'courier' },
];

describe('whom an order is offered to', () => {
  test('the role of the next step', () => {
    expect(nextRole('placed', false)).toBe('office');
    expect(nextRole('accepted', false)).toBe('courier');
    expect(nextRole('accepted', true)).toBe('workshop');
    expect(nextRole('fitting', true)).toBe('workshop');
    expect(nextRole('paid', false)).toBeNull();
  });
  test('that role first, each group keeping its order by name', () => {
    expect(orderedChoices(staff, 'courier').map((s) => s.username)).toEqual(['bolat', 'yerzhan', 'aigerim', 'dana']);
    expect(orderedChoices(staff, null).map((s) => s.username)).toEqual(['aigerim', 'bolat', 'dana', 'yerzhan']);
  });
});
