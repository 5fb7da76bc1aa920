import { describe, expect, test } from 'vitest';
import { offeringFilter, priceChange, worthPreviewing, type BulkPriceFields } from './bulk-price';

const fields = (over: Partial<BulkPriceFields> = {}): BulkPriceFields => ({
  category: '',
  search: '',
  published: 'any',
  kind: 'percent',
  value: '',
  wholeTenge: false,
  ...over,
});

describe('offeringFilter', () => {
  test('empty choices do not filter', () => {
    expect(offeringFilter(fields())).toEqual({ category: null, search: '', published: null });
  });
  test('a category, a trimmed search and published or not', () => {
    expect(offeringFilter(fields({ category: 'hearing', search: ' TSR-02 ', published: 'no' }))).toEqual({
      category: 'hearing',
      search: 'TSR-02',
      published: false,
    });
    expect(offeringFilter(fields({ published: 'yes' })).published).toBe(true);
  });
});

describe('priceChange', () => {
  test('the kind and the value as typed, trimmed', () => {
    expect(priceChange(fields({ kind: 'percent', value: ' -10 ' }))).toEqual({ kind: 'percent', value: '-10' });
    expect(priceChange(fields({ kind: 'fixed', value: '12 500,00' }))).toEqual({ kind: 'fixed', value: '12 500,00' });
  });
});

describe('worthPreviewing', () => {
  test('only values with a digit', () => {
    expect(worthPreviewing(fields({ value: '' }))).toBe(false);
    expect(worthPreviewing(fields({ value: '-' }))).toBe(false);
    expect(worthPreviewing(fields({ value: '-1' }))).toBe(true);
  });
});
