import { afterEach, describe, expect, test } from 'vitest';
import { locale } from '../i18n/locale.svelte';
import { formatDay } from '../lib/format';
import { errorText } from './error-text';

afterEach(() => {
  locale.lang = 'en';
});

describe('errors in the person’s language', () => {
  test('a problem desk-core named is worded with its parameters formatted', () => {
    const closed = { code: 'invalid_input', message: 'the order is delivered', field: 'order', key: 'assign_closed_order', params: [['status', 'delivered']] as [string, string][] };
    locale.lang = 'ru';
    expect(errorText(closed)).toBe('Заказ в статусе «Доставлен»: назначить можно только открытый заказ.');
    locale.lang = 'kk';
    const stock = { code: 'invalid_input', message: 'x', field: 'delta', key: 'stock_below_zero', params: [['region', 'KZ-ALA'], ['held', '3']] as [string, string][] };
    expect(errorText(stock)).toBe('«Алматы» өңірінде қалдық 3; ол нөлден төмен бола алмайды.');
    locale.lang = 'ru';
    const late = { code: 'invalid_input', message: 'x', field: 'replaced_on', key: 'date_before_delivery', params: [['date', '2026-11-27']] as [string, string][] };
    expect(errorText(late)).toBe('Дата раньше доставки 27.11.2026.');
  });

  test('a bad row of an imported CSV is worded too', () => {
    locale.lang = 'kk';
    const twice = { code: 'invalid_input', message: 'the stock of KZ-AST is given twice', field: 'stock', key: 'csv_stock_twice', params: [['region', 'KZ-AST']] as [string, string][] };
    expect(errorText(twice)).toBe('Астана қалдығы екі рет көрсетілген.');
    locale.lang = 'ru';
    const months = { code: 'invalid_input', message: 'x', field: 'warranty_months', key: 'csv_months', params: [['text', 'двенадцать']] as [string, string][] };
    expect(errorText(months)).toBe('«двенадцать» — не целое число месяцев.');
  });

  test('without a known key the kind of error is said, never the English message', () => {
    locale.lang = 'ru';
    expect(errorText({ code: 'forbidden', message: 'a courier may not do this (DocumentFittingAct)', field: null })).toBe('Ваша роль этого не позволяет.');
    expect(errorText({ code: 'invalid_input', message: 'something English', field: 'x', key: 'no_such_key' })).toBe('Это значение не принято.');
    expect(errorText({ code: 'whatever', message: 'http://127.0.0.1:1/v1 refused', field: null })).not.toContain('http');
  });

  test('dates as people write them', () => {
    expect(formatDay('2026-11-27', 'ru')).toBe('27.11.2026');
    expect(formatDay('2026-11-27', 'kk')).toBe('27.11.2026');
    expect(formatDay('2026-11-27', 'en')).toBe('27/11/2026');
  });
});
