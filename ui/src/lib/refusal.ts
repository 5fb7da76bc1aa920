// Turning the return and replacement forms' fields into the inputs the app records, after a
// participant refused an item at receipt.
import type { ReplacementInput, ReturnInput } from '../bindings/bindings';
import { parseSerials } from './delivery';

/** The longest reason for a return the app accepts (desk-core's `MAX_REASON_CHARS`). */
export const MAX_RETURN_REASON = 500;

export type ReturnFields = { returnedOn: string; reason: string; notes: string };
export type ReplacementFields = { replacedOn: string; serials: string; notes: string };

export function returnInput(orderId: string, fields: ReturnFields): ReturnInput {
  return {
    order_id: orderId,
    returned_on: fields.returnedOn.trim(),
    reason: fields.reason.trim(),
    notes: fields.notes.trim(),
  };
}

export function replacementInput(orderId: string, fields: ReplacementFields): ReplacementInput {
  return {
    order_id: orderId,
    replaced_on: fields.replacedOn.trim(),
    serial_numbers: parseSerials(fields.serials),
    notes: fields.notes.trim(),
  };
}

/**
 * What is wrong with a return's reason before it is sent: `required` when blank, `tooLong` over
 * the limit (counted in characters, as the app counts them), null when it may go.
 */
export function returnReasonProblem(reason: string): 'required' | 'tooLong' | null {
  const trimmed = reason.trim();
  if (trimmed === '') return 'required';
  if ([...trimmed].length > MAX_RETURN_REASON) return 'tooLong';
  return null;
}

/** The return form's fields that an AppError's `field` names, with their element ids. */
export const RETURN_FIELD_IDS: Record<string, string> = {
  returned_on: 'return-date',
  reason: 'return-reason',
  notes: 'return-notes',
};

/** The replacement form's fields that an AppError's `field` names, with their element ids. */
export const REPLACEMENT_FIELD_IDS: Record<string, string> = {
  replaced_on: 'replacement-date',
  serial_numbers: 'replacement-serials',
  notes: 'replacement-notes',
};
