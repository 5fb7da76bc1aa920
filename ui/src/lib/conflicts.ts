// What the desk can offer for a refused change besides sending it again as it was.
import type { ConflictRow } from '../bindings/bindings';

/** The kinds of change that carry an offering's price. */
const PRICED_KINDS: readonly string[] = ['create_offering', 'update_offering'];

/**
 * Whether the change can only go through with a new price: an offering the portal refused
 * because its price is above the limit (the portal lowered the limit after the change was made).
 */
export function needsNewPrice(row: Pick<ConflictRow, 'kind' | 'reason'>): boolean {
  return PRICED_KINDS.includes(row.kind) && row.reason === 'price_above_limit';
}
