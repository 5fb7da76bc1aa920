// Deciding, from two consecutive sync statuses, that a sync has just finished.
import type { SyncStatus } from '../bindings/bindings';

/**
 * True when `next` reports a sync that finished since `prev`: it was running and no longer is,
 * or the time of the last successful sync moved on (a sync may start and end between events).
 */
export function syncCompleted(prev: SyncStatus | null, next: SyncStatus): boolean {
  if (prev === null) return false;
  if (prev.syncing && !next.syncing) return true;
  const before = prev.summary.last_sync_at;
  const after = next.summary.last_sync_at;
  return after !== null && after !== before;
}
