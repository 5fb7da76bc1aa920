import { describe, expect, test } from 'vitest';
import { timelineNote, timelineStatus } from './timeline';

describe('the timeline', () => {
  test("a portal step names the status it moved the order to", () => {
    expect(timelineStatus('{"status":"paid"}')).toBe('paid');
    expect(timelineStatus('')).toBeNull();
    expect(timelineStatus('{"reason":"x"}')).toBeNull();
  });
  test('the note of a user action is its reason or place, never raw JSON', () => {
    expect(timelineNote('{"kind":"decline_order","data":{"reason":"Нет в наличии"}}')).toBe('Нет в наличии');
    expect(timelineNote('{"kind":"accept_order","data":{"order_id":"a"}}')).toBeNull();
    expect(timelineNote('not json')).toBeNull();
  });
});
