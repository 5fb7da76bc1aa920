import { describe, expect, test } from 'vitest';
import type { OfferingRow } from '../../bindings/bindings';
import { DEFAULT_VIEW, isNarrowed, viewOfferings } from './offering-list';

function row(id: string, over: Partial<OfferingRow>): OfferingRow {
  return {
    id,
    classifier_code: `TSR-${id}`,
    category: 'prosthetic_orthopaedic',
    name: { kk: `Құрал ${id}`, ru: `Средство ${id}`, en: `Aid ${id}` },
    price_tiyn: 100_00,
    limit_price_tiyn: 200_00,
    stock: 1,
    regions: ['KZ-ALA'],
    stock_by_region: [{ region: 'KZ-ALA', quantity: 1 }],
    warranty_months: 12,
    description: '',
    published: true,
    model: null,
    manufacturer: null,
    ...over,
  };
}

const rows = [
  row('3', {
    name: { kk: 'Есту аппараты', ru: 'Слуховой аппарат', en: 'Hearing aid' },
    category: 'hearing',
    price_tiyn: 150_00,
    model: 'Phonak Naída P50',
    manufacturer: 'Sonova AG',
  }),
  row('1', { stock: 0, stock_by_region: [], published: false, description: 'Қолмен басқарылатын' }),
  row('2', { name: { kk: 'Арба', ru: 'Кресло-коляска ёлочка', en: 'Wheelchair' }, price_tiyn: 50_00 }),
];

describe('offerings list view', () => {
  test('sorts by code by default and by any column both ways', () => {
    expect(viewOfferings(rows, DEFAULT_VIEW, 'en').map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(viewOfferings(rows, { ...DEFAULT_VIEW, sort: 'price' }, 'en').map((r) => r.id)).toEqual(['2', '1', '3']);
    expect(viewOfferings(rows, { ...DEFAULT_VIEW, sort: 'price', descending: true }, 'en').map((r) => r.id)).toEqual([
      '3',
      '1',
      '2',
    ]);
    expect(viewOfferings(rows, { ...DEFAULT_VIEW, sort: 'name' }, 'ru').map((r) => r.id)).toEqual(['2', '3', '1']);
  });

  test('search folds case, ё and Kazakh look-alikes, in any language and the description', () => {
    const find = (text: string) => viewOfferings(rows, { ...DEFAULT_VIEW, text }, 'en').map((r) => r.id);
    expect(find('елочка')).toEqual(['2']);
    expect(find('ЕСТУ')).toEqual(['3']);
    expect(find('колмен басkарылатын'.replace('k', 'к'))).toEqual(['1']);
    expect(find('tsr-3')).toEqual(['3']);
    expect(find('aid hearing')).toEqual(['3']);
    expect(find('nothing-like-this')).toEqual([]);
  });

  test('search finds the model and the manufacturer, with or without Latin accents', () => {
    const find = (text: string) => viewOfferings(rows, { ...DEFAULT_VIEW, text }, 'en').map((r) => r.id);
    expect(find('naida p50')).toEqual(['3']);
    expect(find('Naída')).toEqual(['3']);
    expect(find('SONOVA')).toEqual(['3']);
    expect(find('sonova hearing')).toEqual(['3']);
    expect(find('null')).toEqual([]);
  });

  test('filters by category, publication and stock, and says when it narrows', () => {
    expect(isNarrowed(DEFAULT_VIEW)).toBe(false);
    const v = (over: object) => viewOfferings(rows, { ...DEFAULT_VIEW, ...over }, 'en').map((r) => r.id);
    expect(v({ category: 'hearing' })).toEqual(['3']);
    expect(v({ published: 'no' })).toEqual(['1']);
    expect(v({ stock: 'out' })).toEqual(['1']);
    expect(v({ stock: 'in', published: 'yes' })).toEqual(['2', '3']);
    expect(isNarrowed({ ...DEFAULT_VIEW, stock: 'in' })).toBe(true);
  });
});
