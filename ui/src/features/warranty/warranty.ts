// The Warranty tab's logic: what a scanner typed, how a warranty stands, and a service's input.
import type { WarrantyRow, WarrantyServiceInput, WarrantyServiceKind } from '../../bindings/bindings';
import { scannedNumber } from '../../lib/workshop';

/** The "ending soon" list looks this many days ahead. */
export const ENDING_DAYS = 30;

/** The most rows a lookup or the ending list shows; more are narrowed by typing more. */
export const ROW_LIMIT = 200;

/**
 * A serial number as typed or scanned: without the control characters a scanner may send around
 * it, trimmed. Case is left alone: the desk compares serials upper-cased.
 */
export function scannedSerial(text: string): string {
  return scannedNumber(text);
}

export type WarrantyState = 'unknown' | 'ended' | 'soon' | 'running';

/** Where a row's warranty stands: ended, ending within `soonDays`, running, or not known. */
export function warrantyState(row: Pick<WarrantyRow, 'days_left'>, soonDays = ENDING_DAYS): WarrantyState {
  if (row.days_left === null) return 'unknown';
  if (row.days_left < 0) return 'ended';
  return row.days_left <= soonDays ? 'soon' : 'running';
}

/** What the warranty service form asks for. */
export type ServiceFields = {
  kind: WarrantyServiceKind;
  /** `YYYY-MM-DD`, as the date field keeps it. */
  servicedOn: string;
  newSerial: string;
  notes: string;
};

/** The command's input for a service of `row`'s item: a repair names no new serial. */
export function serviceInput(row: Pick<WarrantyRow, 'order_id' | 'serial'>, f: ServiceFields): WarrantyServiceInput {
  const newSerial = scannedSerial(f.newSerial);
  return {
    order_id: row.order_id,
    serial_number: row.serial,
    kind: f.kind,
    serviced_on: f.servicedOn,
    new_serial_number: f.kind === 'replacement' && newSerial !== '' ? newSerial : null,
    notes: f.notes.trim(),
  };
}
