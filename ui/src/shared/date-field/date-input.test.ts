import { describe, expect, test } from 'vitest';
import { LANGS, translate } from '../../i18n/index';
import {
  autoDot,
  clampDate,
  dateProblemText,
  daysInMonth,
  displayDate,
  isLeapYear,
  readDate,
  stepDate,
  type DateProblem,
} from './date-input';

const iso = (text: string, options = {}) => {
  const r = readDate(text, options);
  return r.ok ? r.iso : r.problem;
};

describe('readDate', () => {
  test('DD.MM.YYYY, with or without leading zeros', () => {
    expect(iso('07.12.2026')).toBe('2026-12-07');
    expect(iso('7.12.2026')).toBe('2026-12-07');
    expect(iso('7.1.2026')).toBe('2026-01-07');
    expect(iso('  07.12.2026 ')).toBe('2026-12-07');
  });

  test('other separators', () => {
    expect(iso('07/12/2026')).toBe('2026-12-07');
    expect(iso('07-12-2026')).toBe('2026-12-07');
    expect(iso('07 12 2026')).toBe('2026-12-07');
    expect(iso('07, 12, 2026')).toBe('2026-12-07');
    expect(iso('07.12.2026.')).toBe('2026-12-07');
  });

  test('digits only, and the day and month typed together', () => {
    expect(iso('07122026')).toBe('2026-12-07');
    expect(iso('071226')).toBe('2026-12-07');
    expect(iso('0712 2026')).toBe('2026-12-07');
  });

  test('a pasted ISO day, year first', () => {
    expect(iso('2026-12-07')).toBe('2026-12-07');
    expect(iso('2026-1-7')).toBe('2026-01-07');
    expect(iso('2026.12.07')).toBe('2026-12-07');
  });

  test('a two-digit year is 20xx once the person has finished typing', () => {
    expect(iso('07.12.26')).toBe('2026-12-07');
    expect(iso('1.1.00')).toBe('2000-01-01');
    expect(iso('31.12.99')).toBe('2099-12-31');
    // While typing, 07.12.20 may be on its way to 07.12.2026.
    expect(iso('07.12.20', { typing: true })).toEqual({ kind: 'format' });
    expect(iso('07.12.2026', { typing: true })).toBe('2026-12-07');
  });

  test('empty text is no date, not a problem', () => {
    expect(iso('')).toBe('');
    expect(iso('   ')).toBe('');
  });

  test('partial or unreadable text', () => {
    for (const text of ['07', '07.', '07.12', '07.12.', '07.12.2', '07.12.202', '07.12.20261', '071', '0712', '1234567', 'abc', '07.12.2026г', '7.дек.2026', '007.12.2026', '07.012.2026', '1.2.3.4']) {
      expect(iso(text), text).toEqual({ kind: 'format' });
    }
  });

  test('days the calendar does not have, shown as typed with dots', () => {
    expect(iso('31.02.2026')).toEqual({ kind: 'noSuchDay', date: '31.02.2026' });
    expect(iso('31.4.2026')).toEqual({ kind: 'noSuchDay', date: '31.04.2026' });
    expect(iso('0.12.2026')).toEqual({ kind: 'noSuchDay', date: '00.12.2026' });
    expect(iso('07.13.2026')).toEqual({ kind: 'noSuchDay', date: '07.13.2026' });
    expect(iso('07.00.2026')).toEqual({ kind: 'noSuchDay', date: '07.00.2026' });
    expect(iso('32.01.2026')).toEqual({ kind: 'noSuchDay', date: '32.01.2026' });
    expect(iso('2026-02-30')).toEqual({ kind: 'noSuchDay', date: '30.02.2026' });
  });

  test('29 February only in leap years', () => {
    expect(iso('29.02.2028')).toBe('2028-02-29');
    expect(iso('29.02.2024')).toBe('2024-02-29');
    expect(iso('29.02.2000')).toBe('2000-02-29');
    expect(iso('29.02.2026')).toEqual({ kind: 'noSuchDay', date: '29.02.2026' });
    expect(iso('29.02.1900')).toEqual({ kind: 'noSuchDay', date: '29.02.1900' });
    expect(iso('29.02.28')).toBe('2028-02-29');
  });

  test('a year far from now is taken as a mistake', () => {
    expect(iso('07.12.0026')).toEqual({ kind: 'year', year: '0026' });
    expect(iso('07.12.2206')).toEqual({ kind: 'year', year: '2206' });
    expect(iso('07.12.1900')).toBe('1900-12-07');
    expect(iso('07.12.2099')).toBe('2099-12-07');
  });

  test('min and max', () => {
    const limits = { min: '2026-01-10', max: '2026-12-31' };
    expect(iso('10.01.2026', limits)).toBe('2026-01-10');
    expect(iso('31.12.2026', limits)).toBe('2026-12-31');
    expect(iso('09.01.2026', limits)).toEqual({ kind: 'beforeMin', limit: '2026-01-10' });
    expect(iso('01.01.2027', limits)).toEqual({ kind: 'afterMax', limit: '2026-12-31' });
    expect(iso('', limits)).toBe('');
  });
});

describe('displayDate', () => {
  test('an ISO day as DD.MM.YYYY; empty stays empty', () => {
    expect(displayDate('2026-12-07')).toBe('07.12.2026');
    expect(displayDate('2026-01-31')).toBe('31.01.2026');
    expect(displayDate('')).toBe('');
  });

  test('reads back as the same day', () => {
    for (const day of ['2026-12-07', '2028-02-29', '1999-01-01']) {
      expect(iso(displayDate(day))).toBe(day);
    }
  });
});

describe('autoDot', () => {
  test('typing digits one by one puts the dots in', () => {
    const seen: string[] = [];
    let text = '';
    for (const digit of '07122026') {
      text = autoDot(text + digit);
      seen.push(text);
    }
    expect(seen).toEqual(['0', '07', '07.1', '07.12', '07.12.2', '07.12.20', '07.12.202', '07.12.2026']);
  });

  test('whole digit strings', () => {
    expect(autoDot('07122026')).toBe('07.12.2026');
    expect(autoDot('071226')).toBe('07.12.26');
    expect(autoDot('7.122026')).toBe('7.12.2026');
  });

  test('a dot comes with the next digit, so deleting it back does not bring it back', () => {
    expect(autoDot('07')).toBe('07');
    expect(autoDot('07.12')).toBe('07.12');
  });

  test('leaves text with its own separators alone', () => {
    for (const text of ['7.', '7.1', '7.12.2026', '07/12/2026', '2026-12-07', '07 12', 'abc']) {
      expect(autoDot(text)).toBe(text);
    }
  });
});

describe('stepping', () => {
  test('by a day, across months and years', () => {
    expect(stepDate('2026-12-07', { days: 1 })).toBe('2026-12-08');
    expect(stepDate('2026-12-31', { days: 1 })).toBe('2027-01-01');
    expect(stepDate('2026-03-01', { days: -1 })).toBe('2026-02-28');
    expect(stepDate('2028-03-01', { days: -1 })).toBe('2028-02-29');
  });

  test('by a month, keeping the day where the month has it', () => {
    expect(stepDate('2026-12-07', { months: 1 })).toBe('2027-01-07');
    expect(stepDate('2026-01-07', { months: -1 })).toBe('2025-12-07');
    expect(stepDate('2026-01-31', { months: 1 })).toBe('2026-02-28');
    expect(stepDate('2028-01-31', { months: 1 })).toBe('2028-02-29');
    expect(stepDate('2026-03-31', { months: -1 })).toBe('2026-02-28');
  });

  test('clamped to min and max', () => {
    expect(clampDate('2026-01-01', '2026-01-10')).toBe('2026-01-10');
    expect(clampDate('2027-01-01', undefined, '2026-12-31')).toBe('2026-12-31');
    expect(clampDate('2026-06-01', '2026-01-10', '2026-12-31')).toBe('2026-06-01');
  });

  test('calendar facts', () => {
    expect([1900, 2000, 2024, 2026, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

describe('the words for a problem', () => {
  const problems: DateProblem[] = [
    { kind: 'format' },
    { kind: 'noSuchDay', date: '31.02.2026' },
    { kind: 'year', year: '0026' },
    { kind: 'beforeMin', limit: '2026-01-10' },
    { kind: 'afterMax', limit: '2026-12-31' },
  ];

  test('in each language, distinct, with what was typed filled in', () => {
    for (const lang of LANGS) {
      const texts = problems.map((p) => dateProblemText(p, lang));
      expect(new Set(texts).size, lang).toBe(problems.length);
      for (const text of texts) expect(text, lang).not.toMatch(/[{}]/);
    }
  });

  test('English', () => {
    const say = (p: DateProblem) => dateProblemText(p, 'en');
    expect(say({ kind: 'format' })).toBe('Write the date as DD.MM.YYYY, for example 07.12.2026.');
    expect(say({ kind: 'noSuchDay', date: '31.02.2026' })).toBe('There is no such date: 31.02.2026.');
    expect(say({ kind: 'year', year: '0026' })).toBe('Check the year: 0026.');
    expect(say({ kind: 'beforeMin', limit: '2026-01-10' })).toBe('The date cannot be before 10.01.2026.');
    expect(say({ kind: 'afterMax', limit: '2026-12-31' })).toBe('The date cannot be after 31.12.2026.');
  });

  test('Russian', () => {
    const say = (p: DateProblem) => dateProblemText(p, 'ru');
    expect(say({ kind: 'format' })).toBe('Введите дату в виде ДД.ММ.ГГГГ, например 07.12.2026.');
    expect(say({ kind: 'noSuchDay', date: '31.02.2026' })).toBe('Такой даты нет: 31.02.2026.');
    expect(say({ kind: 'year', year: '0026' })).toBe('Проверьте год: 0026.');
    expect(say({ kind: 'beforeMin', limit: '2026-01-10' })).toBe('Дата не может быть раньше 10.01.2026.');
    expect(say({ kind: 'afterMax', limit: '2026-12-31' })).toBe('Дата не может быть позже 31.12.2026.');
  });

  test('Kazakh', () => {
    const say = (p: DateProblem) => dateProblemText(p, 'kk');
    expect(say({ kind: 'format' })).toBe('Күнді КК.АА.ЖЖЖЖ түрінде жазыңыз, мысалы 07.12.2026.');
    expect(say({ kind: 'noSuchDay', date: '31.02.2026' })).toBe('Мұндай күн жоқ: 31.02.2026.');
    expect(say({ kind: 'year', year: '0026' })).toBe('Жылды тексеріңіз: 0026.');
    expect(say({ kind: 'beforeMin', limit: '2026-01-10' })).toBe('Күн 10.01.2026 күнінен ерте болмауы керек.');
    expect(say({ kind: 'afterMax', limit: '2026-12-31' })).toBe('Күн 31.12.2026 күнінен кеш болмауы керек.');
  });

  test('the placeholder in each language', () => {
    expect(translate('ru', 'date.placeholder')).toBe('ДД.ММ.ГГГГ');
    expect(translate('kk', 'date.placeholder')).toBe('КК.АА.ЖЖЖЖ');
    expect(translate('en', 'date.placeholder')).toBe('DD.MM.YYYY');
  });
});
