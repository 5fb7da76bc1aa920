// The Warranty tab's logic: what a scanner typed, and how a warranty stands.
import type { WarrantyRow } from '../../bindings/bindings';
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
