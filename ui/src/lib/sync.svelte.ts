// The sync state the whole window shares: the latest SyncStatus from the Rust side, kept up to
// date by the app's status channel, and a counter that moves on after every completed sync so
// that lists can reload.
import type { SyncStatus } from '../bindings/bindings';
import type { AppError } from '../bindings/shell';
import { syncNow, syncSubscribe } from './commands';
import { toAppError } from './ipc';
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

  /** True until a sync has succeeded (or before the first status arrives). */
  get neverSynced(): boolean {
    return !this.status || this.status.summary.last_sync_at === null;
  }

  apply(next: SyncStatus): void {
    if (syncCompleted(this.status, next)) this.completedSyncs += 1;
    this.status = next;
  }

  /**
   * Corrects the unresolved-conflict count after the conflicts list was reloaded (a discard
   * sends no status of its own); the next status from the app replaces it.
   */
  noteConflicts(count: number): void {
    if (this.status && this.status.summary.conflicts !== count) {
      this.status = { ...this.status, summary: { ...this.status.summary, conflicts: count } };
    }
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

/** Subscribes to the app's sync status updates; returns the function that stops applying them. */
export function startSyncTracking(): () => void {
  let stopped = false;
  let heardUpdate = false;

  syncSubscribe((status) => {
    heardUpdate = true;
    if (!stopped) sync.apply(status);
  })
    .then((status) => {
      // An update that came first is newer than this answer.
      if (!stopped && !heardUpdate) sync.apply(status);
      sync.problem = null;
    })
    .catch((e) => {
      sync.problem = toAppError(e);
    });

  return () => {
    stopped = true;
  };
}
