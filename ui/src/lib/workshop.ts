// The Workshop tab's logic: what a scanner typed, and turning the session and "fitted" forms
// into the inputs the app records.
import type { FittedInput, FittingSessionInput } from '../bindings/bindings';
import type { AppError } from '../bindings/shell';
import { parseSerials } from './delivery';

/**
 * The order number a person typed or a USB scanner "typed" (it sends the label's text as keys,
 * then Enter; some send a tab or other control characters around it): trimmed, without them.
 */
export function scannedNumber(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

export type MeasurementFields = { name: string; value: string; unit: string };

export function emptyMeasurement(): MeasurementFields {
  return { name: '', value: '', unit: '' };
}

/** A row of the measurement table left wholly empty: a spare row, not a measurement. */
export function isBlankMeasurement(m: MeasurementFields): boolean {
  return m.name.trim() === '' && m.value.trim() === '' && m.unit.trim() === '';
}

export type SessionFields = {
  sessionOn: string;
  technician: string;
  notes: string;
  measurements: MeasurementFields[];
};

export function sessionInput(orderId: string, fields: SessionFields): FittingSessionInput {
  return {
    order_id: orderId,
    session_on: fields.sessionOn.trim(),
    technician: fields.technician.trim(),
    notes: fields.notes.trim(),
    measurements: fields.measurements
      .filter((m) => !isBlankMeasurement(m))
      .map((m) => ({ name: m.name.trim(), value: m.value.trim(), unit: m.unit.trim() })),
  };
}

export type FittedFields = {
  fittedOn: string;
  technician: string;
  /** One serial number a line, as typed. */
  serials: string;
  adjustments: string;
  warrantyStart: string;
};

export function fittedInput(orderId: string, fields: FittedFields): FittedInput {
  return {
    order_id: orderId,
    fitted_on: fields.fittedOn.trim(),
    technician: fields.technician.trim(),
    serial_numbers: parseSerials(fields.serials),
    adjustments: fields.adjustments.trim(),
    warranty_start: fields.warrantyStart.trim(),
  };
}

/** The element ids of each form's fields, by the field name an AppError gives. */
export const SESSION_FIELD_IDS: Record<string, string> = {
  session_on: 'session-date',
  technician: 'session-technician',
  notes: 'session-notes',
  measurements: 'measurement-name-0',
};

export const FITTED_FIELD_IDS: Record<string, string> = {
  fitted_on: 'fitted-date',
  technician: 'fitted-technician',
  serial_numbers: 'fitted-serials',
  adjustments: 'fitted-adjustments',
  warranty_start: 'fitted-warranty',
};

/** True when the app's error belongs to none of a form's fields: it is shown above the form. */
export function isFormLevelError(error: AppError | null, fieldIds: Record<string, string>): boolean {
  return error !== null && (error.field === null || !(error.field in fieldIds));
}
