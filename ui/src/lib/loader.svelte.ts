// What the list panels share: a list loaded through a command, where an answer to an older
// request is ignored and a failure is kept as an AppError next to the last good list, and the
// effect that reloads it after every completed sync.
import type { AppError } from '../bindings/shell';
import { toAppError } from './ipc';
import { localChanges } from './local-changes.svelte';
import { sync } from './sync.svelte';

export class Loader<T, Q = void> {
  /** The latest answer; null until the first one arrives. */
  value = $state<T | null>(null);
  /** Why the latest request failed; null once one succeeds. */
  error = $state<AppError | null>(null);
  /** True while the latest request is on its way. */
  loading = $state(false);
  #request = 0;
  readonly #fetch: (query: Q) => Promise<T>;
  readonly #accept?: (result: T, query: Q) => boolean | void;

  /**
   * `fetch` asks for the list; `accept`, if given, sees each current answer before it is kept
   * and may drop it by returning false.
   */
  constructor(fetch: (query: Q) => Promise<T>, accept?: (result: T, query: Q) => boolean | void) {
    this.#fetch = fetch;
    this.#accept = accept;
  }

  load = async (query: Q): Promise<void> => {
    const mine = ++this.#request;
    this.loading = true;
    try {
      const result = await this.#fetch(query);
      if (mine !== this.#request) return;
      if (this.#accept?.(result, query) === false) return;
      this.value = result;
      this.error = null;
    } catch (e) {
      if (mine === this.#request) this.error = toAppError(e);
    } finally {
      if (mine === this.#request) this.loading = false;
    }
  };
}

/**
 * Runs `load` now and again after every completed sync and (unless `afterLocalChanges` is false)
 * every local change; with `active`, only while it returns true. Call during component setup.
 */
export function reloadAfterSyncs(
  load: () => void,
  { active = () => true, afterLocalChanges = true }: { active?: () => boolean; afterLocalChanges?: boolean } = {},
): void {
  $effect(() => {
    if (!active()) return;
    void sync.completedSyncs;
    if (afterLocalChanges) void localChanges.version;
    load();
  });
}
