import { describe, expect, test } from 'vitest';
import { DAY_MS, DEADLINE_SOON_MS, HOUR_MS, MINUTE_MS, countdownText, deadlineUrgency, formatDuration, isDeadlineSoon } from './countdown';

const now = Date.parse('2025-06-01T06:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();

describe('countdownText', () => {
  test('days and hours left, in each language', () => {
    const due = at(3 * DAY_MS + 4 * HOUR_MS + 20 * MINUTE_MS);
    expect(countdownText(due, now, 'en')).toBe('3 d 4 h left');
    expect(countdownText(due, now, 'ru')).toBe('осталось 3 д 4 ч');
    expect(countdownText(due, now, 'kk')).toBe('3 к 4 сағ қалды');
  });
  test('hours and minutes under a day', () => {
    expect(countdownText(at(5 * HOUR_MS + 12 * MINUTE_MS), now, 'en')).toBe('5 h 12 min left');
    expect(countdownText(at(23 * HOUR_MS + 59 * MINUTE_MS + 59_000), now, 'en')).toBe('23 h 59 min left');
  });
  test('minutes under an hour, and under a minute', () => {
    expect(countdownText(at(12 * MINUTE_MS), now, 'en')).toBe('12 min left');
    expect(countdownText(at(30_000), now, 'en')).toBe('< 1 min left');
    expect(countdownText(at(30_000), now, 'ru')).toBe('осталось < 1 мин');
  });
  test('exact units drop the zero part', () => {
    expect(countdownText(at(DAY_MS), now, 'en')).toBe('1 d left');
    expect(countdownText(at(2 * DAY_MS), now, 'ru')).toBe('осталось 2 д');
    expect(countdownText(at(HOUR_MS), now, 'kk')).toBe('1 сағ қалды');
  });
  test('overdue', () => {
    expect(countdownText(at(-(2 * HOUR_MS + 5 * MINUTE_MS)), now, 'en')).toBe('overdue by 2 h 5 min');
    expect(countdownText(at(-(DAY_MS + 3 * HOUR_MS)), now, 'ru')).toBe('просрочено на 1 д 3 ч');
    expect(countdownText(at(-(DAY_MS + 3 * HOUR_MS)), now, 'kk')).toBe('1 к 3 сағ кешікті');
  });
  test('the deadline itself counts as passed', () => {
    expect(countdownText(at(0), now, 'en')).toBe('overdue by < 1 min');
    expect(countdownText(at(1), now, 'en')).toBe('< 1 min left');
  });
  test('counts down as the clock moves a minute', () => {
    const due = at(61 * MINUTE_MS);
    expect(countdownText(due, now, 'en')).toBe('1 h 1 min left');
    expect(countdownText(due, now + MINUTE_MS, 'en')).toBe('1 h left');
    expect(countdownText(due, now + 2 * MINUTE_MS, 'en')).toBe('59 min left');
  });
});

describe('formatDuration', () => {
  test('keeps the two largest units', () => {
    expect(formatDuration(10 * DAY_MS + 23 * HOUR_MS + 59 * MINUTE_MS, 'en')).toBe('10 d 23 h');
    expect(formatDuration(-90 * MINUTE_MS, 'en')).toBe('1 h 30 min');
  });
});

describe('deadline urgency (48 h rule)', () => {
  test('no deadline', () => {
    expect(deadlineUrgency(null, now)).toBe('none');
    expect(isDeadlineSoon(null, now)).toBe(false);
  });
  test('boundaries around 48 h', () => {
    expect(DEADLINE_SOON_MS).toBe(48 * HOUR_MS);
    expect(deadlineUrgency(at(48 * HOUR_MS), now)).toBe('later');
    expect(deadlineUrgency(at(48 * HOUR_MS - 1), now)).toBe('soon');
    expect(deadlineUrgency(at(47 * HOUR_MS), now)).toBe('soon');
    expect(deadlineUrgency(at(3 * DAY_MS), now)).toBe('later');
    expect(isDeadlineSoon(at(48 * HOUR_MS - 1), now)).toBe(true);
    expect(isDeadlineSoon(at(48 * HOUR_MS), now)).toBe(false);
  });
  test('overdue at and after the deadline, still highlighted', () => {
    expect(deadlineUrgency(at(0), now)).toBe('overdue');
    expect(deadlineUrgency(at(-DAY_MS), now)).toBe('overdue');
    expect(isDeadlineSoon(at(-DAY_MS), now)).toBe(true);
  });
});
