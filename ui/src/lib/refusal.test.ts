import { describe, expect, test } from 'vitest';
import { MAX_RETURN_REASON, replacementInput, returnInput, returnReasonProblem } from './refusal';

describe('returnInput', () => {
  test('the form as the ReturnInput the app records, trimmed', () => {
    expect(returnInput('ord-7', { returnedOn: ' 2026-11-30', reason: ' wrong size ', notes: ' ' })).toEqual({
      order_id: 'ord-7',
      returned_on: '2026-11-30',
      reason: 'wrong size',
      notes: '',
    });
  });
});

describe('replacementInput', () => {
  test('serial numbers one a line, blank lines dropped', () => {
    expect(replacementInput('ord-8', { replacedOn: '2026-12-01', serials: ' WC-2 \r\n\nWC-3', notes: 'seat 40 cm ' })).toEqual({
      order_id: 'ord-8',
      replaced_on: '2026-12-01',
      serial_numbers: ['WC-2', 'WC-3'],
      notes: 'seat 40 cm',
    });
  });
});

describe('returnReasonProblem', () => {
  test('a blank reason is required', () => {
    expect(returnReasonProblem('')).toBe('required');
    expect(returnReasonProblem(' \n ')).toBe('required');
  });
  test('the limit counts characters, not UTF-16 units', () => {
    expect(returnReasonProblem('ө'.repeat(MAX_RETURN_REASON))).toBeNull();
    expect(returnReasonProblem('😀'.repeat(MAX_RETURN_REASON))).toBeNull();
    expect(returnReasonProblem('x'.repeat(MAX_RETURN_REASON + 1))).toBe('tooLong');
  });
});
