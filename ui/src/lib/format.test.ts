import { describe, expect, test } from 'vitest';
import {
  formatCount,
  formatDateTime,
  formatKazakhDateTime,
  formatMoney,
  formatPercent,
  formatRelative,
  intlHasKazakhDates,
  intlHasKazakhNumbers,
  kazakhstanOffsetMinutes,
  numberLocale,
} from './format';

// ICU separates digit groups with a no-break space (U+00A0 or U+202F, by version).
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney (integer tiyn → tenge, always 2 decimals, ₸ sign)', () => {
  test('Russian', () => {
    expect(plain(formatMoney(123_456_789, 'ru'))).toBe('1 234 567,89 ₸');
    expect(plain(formatMoney(100, 'ru'))).toBe('1,00 ₸');
    expect(plain(formatMoney(0, 'ru'))).toBe('0,00 ₸');
  });
  test('Kazakh', () => {
    expect(plain(formatMoney(123_456_789, 'kk'))).toBe('1 234 567,89 ₸');
    expect(plain(formatMoney(5, 'kk'))).toBe('0,05 ₸');
  });
  test('English', () => {
    expect(formatMoney(123_456_789, 'en')).toBe('₸1,234,567.89');
    expect(formatMoney(1_500_000, 'en')).toBe('₸15,000.00');
    expect(formatMoney(-5, 'en')).toBe('-₸0.05');
  });
  test('whole tenge keep two decimals', () => {
    expect(formatMoney(250_000, 'en')).toBe('₸2,500.00');
  });
  test('large amounts stay exact to the tiyn', () => {
    // 9 000 000 000 000.01 tenge is beyond any order, but the rounding must not drift.
    expect(formatMoney(900_000_000_000_001, 'en')).toBe('₸9,000,000,000,000.01');
    expect(formatMoney(1_999, 'en')).toBe('₸19.99');
  });
});

describe('counts and percentages', () => {
  test('digit grouping per language', () => {
    expect(formatCount(1234, 'en')).toBe('1,234');
    expect(plain(formatCount(1234, 'ru'))).toBe('1 234');
    expect(plain(formatCount(5000, 'kk'))).toBe('5 000');
  });
  test('percent', () => {
    expect(formatPercent(0.92, 'en')).toBe('92%');
    expect(plain(formatPercent(0.92, 'ru'))).toBe('92 %');
    expect(formatPercent(1.05, 'kk')).toBe('105%');
  });
});

describe('dates in Kazakhstan local time', () => {
  test('UTC+5 since 1 March 2024', () => {
    expect(kazakhstanOffsetMinutes(Date.parse('2025-03-08T09:05:00Z'))).toBe(300);
    expect(kazakhstanOffsetMinutes(Date.parse('2024-02-29T18:00:00Z'))).toBe(300);
    expect(kazakhstanOffsetMinutes(Date.parse('2024-02-29T17:59:59Z'))).toBe(360);
  });
  test('formatted per language', () => {
    expect(formatDateTime('2025-03-08T09:05:00Z', 'en')).toBe('8 Mar 2025, 14:05');
    expect(formatDateTime('2025-03-08T09:05:00Z', 'ru')).toBe('8 мар. 2025 г., 14:05');
    expect(formatDateTime('2025-03-08T09:05:00Z', 'kk')).toBe('2025 ж. 8 нау., 14:05');
  });
  test('crosses midnight in local time', () => {
    expect(formatDateTime('2025-12-31T19:30:00Z', 'en')).toBe('1 Jan 2026, 00:30');
  });
  test('before the change Almaty was UTC+6', () => {
    expect(formatDateTime('2024-01-15T20:30:00Z', 'en')).toBe('16 Jan 2024, 02:30');
  });
  test('an unparsable value is shown as it came', () => {
    expect(formatDateTime('soon', 'en')).toBe('soon');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2025-03-08T09:10:00Z');
  test('minutes, hours, days in each language', () => {
    expect(formatRelative('2025-03-08T09:05:00Z', now, 'en')).toBe('5 min ago');
    expect(formatRelative('2025-03-08T09:05:00Z', now, 'ru')).toBe('5 мин назад');
    expect(formatRelative('2025-03-08T09:05:00Z', now, 'kk')).toBe('5 мин бұрын');
    expect(formatRelative('2025-03-08T06:10:00Z', now, 'en')).toBe('3 h ago');
    expect(formatRelative('2025-03-07T07:05:00Z', now, 'ru')).toBe('1 д 2 ч назад');
  });
  test('under a minute (or a clock running behind) is just now', () => {
    expect(formatRelative('2025-03-08T09:09:30Z', now, 'en')).toBe('just now');
    expect(formatRelative('2025-03-08T09:12:00Z', now, 'kk')).toBe('жаңа ғана');
  });
});

describe('webviews without Kazakh locale data', () => {
  test('Kazakh numbers fall back to the Russian conventions, which are the same', () => {
    expect(numberLocale('kk', false)).toBe('ru-RU');
    expect(numberLocale('kk', true)).toBe('kk-KZ');
    expect(numberLocale('en', false)).toBe('en-GB');
  });
  test('the hand-made Kazakh date matches what ICU writes', () => {
    const wall = new Date(Date.parse('2025-03-08T09:05:00Z') + 5 * 3_600_000);
    expect(formatKazakhDateTime(wall)).toBe('2025 ж. 8 нау., 14:05');
    expect(formatKazakhDateTime(wall)).toBe(formatDateTime('2025-03-08T09:05:00Z', 'kk'));
    expect(formatKazakhDateTime(new Date(Date.UTC(2025, 11, 31, 7, 0)))).toBe('2025 ж. 31 жел., 07:00');
  });
  test('this Node has the data, so the probes pass', () => {
    expect(intlHasKazakhNumbers()).toBe(true);
    expect(intlHasKazakhDates()).toBe(true);
  });
});
