import { describe, expect, test } from 'vitest';
import {
  FITTED_FIELD_IDS,
  SESSION_FIELD_IDS,
  emptyMeasurement,
  fittedInput,
  isBlankMeasurement,
  isFormLevelError,
  scannedNumber,
  sessionInput,
} from './workshop';

describe('scannedNumber', () => {
  test('keeps what the label says, without blanks and control characters a scanner adds', () => {
    expect(scannedNumber('  SO-2026-000123 ')).toBe('SO-2026-000123');
    expect(scannedNumber('\tSO-2026-000123\r\n')).toBe('SO-2026-000123');
    expect(scannedNumber('so-2026-000123')).toBe('so-2026-000123');
    expect(scannedNumber(' \u0002 ')).toBe('');
  });
});

describe('sessionInput', () => {
  test('trims every field and leaves out measurement rows left empty', () => {
    const input = sessionInput('o-1', {
      sessionOn: ' 2026-11-30 ',
      technician: ' Ерлан ',
      notes: ' tried on ',
      measurements: [
        { name: ' Stump length ', value: ' 24,5 ', unit: ' cm ' },
        emptyMeasurement(),
        { name: '', value: '31', unit: '' },
      ],
    });
    expect(input).toEqual({
      order_id: 'o-1',
      session_on: '2026-11-30',
      technician: 'Ерлан',
      notes: 'tried on',
      // A half-filled row is kept, so that the app can say what it lacks.
      measurements: [
        { name: 'Stump length', value: '24,5', unit: 'cm' },
        { name: '', value: '31', unit: '' },
      ],
    });
  });

  test('a row is blank only when all three cells are', () => {
    expect(isBlankMeasurement({ name: ' ', value: '', unit: '\t' })).toBe(true);
    expect(isBlankMeasurement({ name: '', value: '', unit: 'cm' })).toBe(false);
  });
});

describe('fittedInput', () => {
  test('serial numbers one a line, blank lines dropped, order kept', () => {
    expect(
      fittedInput('o-1', {
        fittedOn: '2026-11-30',
        technician: ' Ерлан ',
        serials: 'PR-77\n\n  PR-78  \r\n',
        adjustments: ' relined ',
        warrantyStart: '2026-12-01',
      }),
    ).toEqual({
      order_id: 'o-1',
      fitted_on: '2026-11-30',
      technician: 'Ерлан',
      serial_numbers: ['PR-77', 'PR-78'],
      adjustments: 'relined',
      warranty_start: '2026-12-01',
    });
  });
});

describe('isFormLevelError', () => {
  test("an error of a form's field is shown by the field, any other above the form", () => {
    const err = (field: string | null) => ({ code: 'invalid_input', message: 'x', field });
    expect(isFormLevelError(err('serial_numbers'), FITTED_FIELD_IDS)).toBe(false);
    expect(isFormLevelError(err('measurements'), SESSION_FIELD_IDS)).toBe(false);
    expect(isFormLevelError(err('order'), SESSION_FIELD_IDS)).toBe(true);
    expect(isFormLevelError(err(null), FITTED_FIELD_IDS)).toBe(true);
    expect(isFormLevelError(null, FITTED_FIELD_IDS)).toBe(false);
  });
});
