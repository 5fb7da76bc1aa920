import { describe, expect, test } from 'vitest';
import { deliveryInput, initialLineSerials, parseSerials } from './delivery';
import { kazakhstanDate } from './format';
import { pluralForm } from './plural';
import { timelineNote } from './timeline';

describe('serial numbers typed one a line', () => {
  test('trimmed, empty lines dropped, order kept, any line ending', () => {
    expect(parseSerials('  SN-1 \n\nSN-2\r\n \t \rSN-3\n')).toEqual(['SN-1', 'SN-2', 'SN-3']);
  });
  test('nothing typed is no serial numbers', () => {
    expect(parseSerials('')).toEqual([]);
    expect(parseSerials('\n  \n')).toEqual([]);
  });
  test('spaces inside a serial number stay', () => {
    expect(parseSerials('AB 12 34')).toEqual(['AB 12 34']);
  });
});

describe('deliveryInput', () => {
  test('the form as the DeliveryInput the app records', () => {
    expect(
      deliveryInput('ord-5', { deliveredOn: '2025-03-07 ', place: ' Home ', serials: 'X1\n\nX2', notes: ' guardian signed ' }),
    ).toEqual({
      order_id: 'ord-5',
      delivered_on: '2025-03-07',
      place: 'Home',
      serial_numbers: ['X1', 'X2'],
      notes: 'guardian signed',
      photos: [],
      items: [],
      received_by: null,
    });
  });

  test('serials per order line make the flat list, in order; the representative is trimmed', () => {
    const input = deliveryInput('ord-5', {
      deliveredOn: '2025-03-07',
      place: 'Home',
      serials: 'ignored',
      lines: [
        { classifierCode: 'A', serials: ' A1 \n\nA2' },
        { classifierCode: 'B', serials: '' },
        { classifierCode: 'C', serials: 'C1' },
      ],
      receivedBy: 'representative',
      representative: '  Айгуль Нурланова ',
      notes: '',
    });
    expect(input.items).toEqual([
      { classifier_code: 'A', serial_numbers: ['A1', 'A2'] },
      { classifier_code: 'B', serial_numbers: [] },
      { classifier_code: 'C', serial_numbers: ['C1'] },
    ]);
    expect(input.serial_numbers).toEqual(['A1', 'A2', 'C1']);
    expect(input.received_by).toEqual({ kind: 'representative', name: 'Айгуль Нурланова' });
  });

  test('a fitted line starts from the serials of its fitting', () => {
    const line = {
      classifier_code: 'TSR-01-003',
      name: { kk: '', ru: '', en: '' },
      quantity: 1,
      unit: 'pcs',
      unit_price_tiyn: 1,
      needs_fitting: true,
      serial_numbers_from_fitting: ['PR-77', 'LN-42'],
    };
    expect(initialLineSerials([line, { ...line, classifier_code: 'X', serial_numbers_from_fitting: [] }])).toEqual([
      { classifierCode: 'TSR-01-003', serials: 'PR-77\nLN-42' },
      { classifierCode: 'X', serials: '' },
    ]);
  });

  test('the chosen photos go with the delivery, in the order chosen', () => {
    const fields = { deliveredOn: '2025-03-07', place: 'Home', serials: '', notes: '', photos: ['b'.repeat(64), 'a'.repeat(64)] };
    expect(deliveryInput('ord-5', fields).photos).toEqual(['b'.repeat(64), 'a'.repeat(64)]);
  });
});

describe('kazakhstanDate (the default date of a handover)', () => {
  test('the calendar day in Kazakhstan, not in UTC', () => {
    expect(kazakhstanDate(Date.parse('2025-12-31T18:59:00Z'))).toBe('2025-12-31');
    expect(kazakhstanDate(Date.parse('2025-12-31T19:00:00Z'))).toBe('2026-01-01');
    expect(kazakhstanDate(Date.parse('2025-03-08T09:05:00Z'))).toBe('2025-03-08');
  });
  test('UTC+6 before 1 March 2024', () => {
    expect(kazakhstanDate(Date.parse('2024-01-15T18:30:00Z'))).toBe('2024-01-16');
    expect(kazakhstanDate(Date.parse('2024-02-29T18:30:00Z'))).toBe('2024-02-29');
  });
});

describe('timelineNote', () => {
  test("the portal's message, a reason, a place", () => {
    expect(timelineNote('{"mutation_id":"m","reason":"acceptance_window_closed","message":"too late"}')).toBe('too late');
    expect(timelineNote('{"DeclineOrder":{"order_id":"o"},"reason":" no stock "}')).toBe('no stock');
    expect(timelineNote('{"place":"Home"}')).toBe('Home');
  });
  test('the words inside a queued action', () => {
    expect(timelineNote('{"kind":"assign_order","data":{"order_id":"o","assignee":" Ержан "}}')).toBe('Ержан');
    expect(timelineNote('{"kind":"record_return","data":{"order_id":"o","reason":"wrong size","notes":""}}')).toBe('wrong size');
    expect(timelineNote('{"kind":"accept_order","data":{"order_id":"o"}}')).toBeNull();
  });
  test('nothing for payloads without words, or text that is not JSON', () => {
    expect(timelineNote('{"AcceptOrder":{"order_id":"o"}}')).toBeNull();
    expect(timelineNote('{"message":"  "}')).toBeNull();
    expect(timelineNote('plain text')).toBeNull();
    expect(timelineNote('"a string"')).toBeNull();
  });
});

describe('pluralForm', () => {
  test('Russian one, few, many', () => {
    expect([1, 21, 2, 4, 22, 5, 11, 12, 25, 0].map((n) => pluralForm(n, 'ru'))).toEqual([
      'one',
      'one',
      'few',
      'few',
      'few',
      'many',
      'many',
      'many',
      'many',
      'many',
    ]);
  });
  test('English one and other', () => {
    expect(pluralForm(1, 'en')).toBe('one');
    expect(pluralForm(2, 'en')).toBe('other');
    expect(pluralForm(0, 'en')).toBe('other');
  });
  test('Kazakh texts are the same for every number', () => {
    expect(['one', 'other']).toContain(pluralForm(1, 'kk'));
  });
});
