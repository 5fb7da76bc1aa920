import { describe, expect, test } from 'vitest';
import { REGION_CODES, coversAllRegions, regionName } from './regions';

describe('regionName', () => {
  test('cities of republican significance', () => {
    expect(regionName('KZ-ALA', 'en')).toBe('Almaty');
    expect(regionName('KZ-AST', 'ru')).toBe('Астана');
    expect(regionName('KZ-SHY', 'kk')).toBe('Шымкент');
  });
  test('regions in three languages', () => {
    expect(regionName('KZ-YUZ', 'en')).toBe('Turkestan Region');
    expect(regionName('KZ-YUZ', 'ru')).toBe('Туркестанская область');
    expect(regionName('KZ-YUZ', 'kk')).toBe('Түркістан облысы');
    expect(regionName('KZ-VOS', 'ru')).toBe('Восточно-Казахстанская область');
    expect(regionName('KZ-ALM', 'kk')).toBe('Алматы облысы');
  });
  test('the regions formed in 2022', () => {
    expect(regionName('KZ-ABY', 'en')).toBe('Abai Region');
    expect(regionName('KZ-ULT', 'ru')).toBe('Область Ұлытау');
    expect(regionName('KZ-ZHT', 'kk')).toBe('Жетісу облысы');
  });
  test('lower-case codes are accepted', () => {
    expect(regionName('kz-pav', 'en')).toBe('Pavlodar Region');
  });
  test('an unknown code is shown as it is', () => {
    expect(regionName('KZ-XYZ', 'ru')).toBe('KZ-XYZ');
    expect(regionName('', 'en')).toBe('');
  });
});

describe('the region list', () => {
  test('has the 17 regions and 3 cities, each named in every language', () => {
    expect(REGION_CODES).toHaveLength(20);
    for (const code of REGION_CODES) {
      for (const lang of ['kk', 'ru', 'en'] as const) {
        expect(regionName(code, lang)).not.toBe(code);
      }
    }
  });
  test('coversAllRegions', () => {
    expect(coversAllRegions([...REGION_CODES])).toBe(true);
    expect(coversAllRegions(REGION_CODES.slice(1))).toBe(false);
    expect(coversAllRegions([])).toBe(false);
  });
});
