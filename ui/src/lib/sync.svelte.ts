// The sync state the whole window shares: the latest SyncStatus from the Rust side, kept up to
// date by the `sync-status` event, and a counter that moves on after every completed sync so
// that lists can reload.
import type { AppError, SyncStatus } from '../bindings/bindings';
import { onSyncStatus, syncNow, syncStatus, toAppError } from './api';
import { syncCompleted } from './sync-completion';

class SyncState {
  /** The latest status; null until the first one arrives. */
  status = $state<SyncStatus | null>(null);
  /** A failure to reach the Rust side or to start a sync (not the sync's own last_error). */
  problem = $state<AppError | null>(null);
  /** Moves on after each completed sync. */
  completedSyncs = $state(0);
  /** True while a `sync_now` call is on its way. */
  requesting = $state(false);

  apply(next: SyncStatus): void {
    if (syncCompleted(this.status, next)) this.completedSyncs += 1;
    this.status = next;
  }

  async requestSync(): Promise<void> {
    this.requesting = true;
    try {
      this.apply(await syncNow());
      this.problem = null;
    } catch (e) {
      this.problem = toAppError(e);
    } finally {
      this.requesting = false;
    }
  }
}

export const sync = new SyncState();

/** Subscribes to `sync-status` and reads the current status; returns the function that stops. */
export function startSyncTracking(): () => void {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  let heardEvent = false;

  onSyncStatus((status) => {
    heardEvent = true;
    sync.apply(status);
  })
    .then((fn) => {
      if (stopped) fn();
      else unlisten = fn;
    })
    .catch((e) => {
      sync.problem = toAppError(e);
    });

  syncStatus()
    .then((status) => {
      // An event that came first is newer than this answer.
      if (!heardEvent) sync.apply(status);
      sync.problem = null;
    })
    .catch((e) => {
      sync.problem = toAppError(e);
    });

  return () => {
    stopped = true;
    unlisten?.();
  };
}
