// A component whose code is a chunk of its own, loaded the first time it is wanted and kept
// from then on: the window's first chunks hold only what its first screen (the inbox, the
// header and the status bar) needs, and a hidden tab or a closed dialog costs no parsing,
// compiling or mounting until it is shown.
import { untrack, type Component } from 'svelte';

/** Loads started and not yet finished, so that tests can wait for them. */
const inFlight = new Set<Promise<void>>();

export class LazyComponent<C extends Component<any>> {
  /** The component once its code has arrived; null before. */
  component = $state.raw<C | null>(null);
  /** True while its code is on its way. */
  loading = $state(false);
  readonly #import: () => Promise<{ default: C }>;
  #pending: Promise<void> | null = null;

  /** `load` is a dynamic `import()` of the component, which makes the bundler split it off. */
  constructor(load: () => Promise<{ default: C }>) {
    this.#import = load;
  }

  /**
   * Starts loading the code unless it is loaded or on its way. A failed load is logged and
   * tried again at the next call (the next time the tab or dialog is shown).
   */
  load = (): void => untrack(() => this.#start());

  #start(): void {
    if (this.#pending || this.component) return;
    this.loading = true;
    const pending = this.#import().then(
      (module) => {
        this.component = module.default;
      },
      (e: unknown) => {
        console.error('could not load a part of the window', e);
      },
    );
    const done = pending.finally(() => {
      this.#pending = null;
      this.loading = false;
      inFlight.delete(done);
    });
    this.#pending = done;
    inFlight.add(done);
  }
}

/** Resolves when every component load started so far (and any it led to) has finished. */
export async function componentsLoaded(): Promise<void> {
  while (inFlight.size > 0) await Promise.all(inFlight);
}
