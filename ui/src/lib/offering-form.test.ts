import { describe, expect, test } from 'vitest';
import type { ClassifierOption, OfferingRow } from '../bindings/bindings';
import {
  checkFields,
  emptyFields,
  fieldsFromRow,
  matchesClassifier,
  pickerOptions,
  priceText,
  stockRegions,
  toOfferingInput,
  totalStock,
} from './offering-form';

const shin: ClassifierOption = {
  code: 'TSR-01-001',
  category: 'prosthetic_orthopaedic',
  name: { kk: 'Сирақ протезі', ru: 'Протез голени модульный', en: 'Below-knee prosthesis' },
  unit: 'pcs',
  limit_price_tiyn: 125_000_000,
};
const aid: ClassifierOption = {
  code: 'TSR-02-004',
  category: 'hearing',
  name: { kk: 'Есту аппараты', ru: 'Слуховой аппарат', en: 'Hearing aid' },
  unit: 'pcs',
  limit_price_tiyn: 30_000_000,
};

describe('the classifier picker', () => {
  test('matches a code in part, and a name in any language, ignoring case', () => {
    expect(matchesClassifier(shin, 'tsr-01')).toBe(true);
    expect(matchesClassifier(shin, 'ПРОТЕЗ голени')).toBe(true);
    expect(matchesClassifier(shin, 'сирақ')).toBe(true);
    expect(matchesClassifier(shin, 'below knee')).toBe(true);
    expect(matchesClassifier(shin, 'hearing')).toBe(false);
  });
  test('nothing typed matches everything; the chosen item stays listed first', () => {
    expect(pickerOptions([aid, shin], '', '', 'en').map((o) => o.code)).toEqual(['TSR-01-001', 'TSR-02-004']);
    expect(pickerOptions([shin, aid], 'слух', 'TSR-01-001', 'ru').map((o) => o.code)).toEqual(['TSR-01-001', 'TSR-02-004']);
  });
});

describe('checks before saving', () => {
  test('an item must be picked, stock and warranty be whole numbers', () => {
    const fields = emptyFields();
    expect(checkFields(fields)).toEqual({ field: 'classifier_code', key: 'offering.pickItem' });
    fields.classifierCode = shin.code;
    expect(checkFields(fields)).toBeNull();
    const inAlmaty = { ...fields, regions: ['KZ-ALA'] };
    expect(checkFields({ ...inAlmaty, stock: { 'KZ-ALA': '-1' } })).toEqual({ field: 'stock', key: 'offering.stockWhole', region: 'KZ-ALA' });
    expect(checkFields({ ...inAlmaty, stock: { 'KZ-ALA': '2.5' } })?.field).toBe('stock');
    expect(checkFields({ ...inAlmaty, stock: { 'KZ-ALA': ' ' } }), 'an empty stock is 0').toBeNull();
    // A stock typed for a region then unchosen is not the form's any more.
    expect(checkFields({ ...fields, stock: { 'KZ-ALA': 'x' } })).toBeNull();
    expect(checkFields({ ...fields, warrantyMonths: '121' })?.field).toBe('warranty_months');
    expect(checkFields({ ...fields, warrantyMonths: '' })?.field).toBe('warranty_months');
  });
  test('the price is sent as typed, for the app to parse and hold against the limit', () => {
    const fields = {
      ...emptyFields(),
      classifierCode: shin.code,
      price: ' 1 300 000,50 ',
      stock: { 'KZ-AST': ' 4', 'KZ-ALA': '', 'KZ-KAR': '9' },
      regions: ['KZ-AST', 'KZ-ALA'],
    };
    expect(totalStock(fields)).toBe(4);
    expect(toOfferingInput(null, fields)).toEqual({
      offering_id: null,
      classifier_code: 'TSR-01-001',
      price: '1 300 000,50',
      regions: ['KZ-AST', 'KZ-ALA'],
      stock_by_region: [
        { region: 'KZ-AST', quantity: 4 },
        { region: 'KZ-ALA', quantity: 0 },
      ],
      warranty_months: 12,
      description: '',
      published: false,
      model: '',
      manufacturer: '',
    });
  });
  test('the model and the manufacturer are sent trimmed, blank for none', () => {
    const fields = { ...emptyFields(), classifierCode: aid.code, model: '  Phonak Naída P50 ', manufacturer: ' ' };
    expect(checkFields(fields)).toBeNull();
    const input = toOfferingInput(null, fields);
    expect([input.model, input.manufacturer]).toEqual(['Phonak Naída P50', '']);
  });
  test('an offering is edited from its own values', () => {
    const row: OfferingRow = {
      id: 'off-1',
      classifier_code: shin.code,
      category: shin.category,
      name: shin.name,
      price_tiyn: 92_000_00,
      limit_price_tiyn: shin.limit_price_tiyn,
      stock: 6,
      regions: ['KZ-ALA', 'KZ-AST'],
      stock_by_region: [
        { region: 'KZ-ALA', quantity: 4 },
        { region: 'KZ-AST', quantity: 2 },
      ],
      warranty_months: 24,
      description: 'Модуль',
      published: true,
      model: 'Ottobock Trias 1C30',
      manufacturer: null,
    };
    const fields = fieldsFromRow(row, (tiyn) => String(tiyn / 100));
    expect(fields).toMatchObject({
      price: '92000',
      stock: { 'KZ-ALA': '4', 'KZ-AST': '2' },
      warrantyMonths: '24',
      regions: ['KZ-ALA', 'KZ-AST'],
      published: true,
      model: 'Ottobock Trias 1C30',
      manufacturer: '',
    });
    expect(toOfferingInput('off-1', fields)).toMatchObject({ offering_id: 'off-1', model: 'Ottobock Trias 1C30', manufacturer: '' });

    // Astana unchosen while it holds 2: its stock stays shown and must go to 0 first.
    const leaving = { ...fields, regions: ['KZ-ALA'] };
    expect(stockRegions(leaving)).toEqual(['KZ-ALA', 'KZ-AST']);
    expect(checkFields(leaving)).toEqual({ field: 'regions', key: 'offering.regionHoldsStock', region: 'KZ-AST' });
    const emptied = { ...leaving, stock: { ...leaving.stock, 'KZ-AST': '0' } };
    expect(checkFields(emptied)).toBeNull();
    expect(toOfferingInput('off-1', emptied).stock_by_region).toEqual([
      { region: 'KZ-ALA', quantity: 4 },
      { region: 'KZ-AST', quantity: 0 },
    ]);
  });
});

test('a price is shown for editing as Kazakhstan writes it', () => {
  expect(priceText(92_000_00)).toBe('92 000,00');
  expect(priceText(1_234_567_05)).toBe('1 234 567,05');
  expect(priceText(50)).toBe('0,50');
});

test('a refused price is worded as above the limit only when it is', async () => {
  const { isAboveLimit, typedPriceTiyn } = await import('./offering-form');
  expect(typedPriceTiyn('1 250 000,01 ₸')).toBe(125_000_001);
  expect(typedPriceTiyn('12345.5')).toBe(1_234_550);
  expect(typedPriceTiyn('12,345,000')).toBeNull();
  expect(isAboveLimit('1 250 000,01', 125_000_000)).toBe(true);
  expect(isAboveLimit('1 250 000', 125_000_000)).toBe(false);
  expect(isAboveLimit('twelve', 125_000_000)).toBe(false);
  expect(isAboveLimit('5', null)).toBe(false);
});
