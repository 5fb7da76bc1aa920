// How long the window takes from a person's action to the frame that shows its result: a key
// typed in the inbox search to its rows, a screen chosen to that screen, an order opened to its
// detail. The page keeps the last few hundred of each in `window.__deskTimings` (milliseconds),
// where the benchmark (`scripts/bench-interactions.py`) reads them over WebDriver; nothing is
// sent anywhere.

export type TimingKind = 'search' | 'screen' | 'order';

const KEPT = 500;
const timings: Record<TimingKind, number[]> = { search: [], screen: [], order: [] };
const started: Partial<Record<TimingKind, number>> = {};

if (typeof window !== 'undefined') {
  (window as unknown as { __deskTimings: typeof timings }).__deskTimings = timings;
}

/** The action began now (a later start of the same kind replaces an unfinished one). */
export function begin(kind: TimingKind, at: number = performance.now()): void {
  started[kind] = at;
}

/**
 * Its result is in the document: the time is taken when the next frame has been painted (the
 * task after the frame's callbacks), and kept. Nothing happens if no action of the kind began.
 */
export function shown(kind: TimingKind): void {
  const at = started[kind];
  if (at === undefined) return;
  delete started[kind];
  requestAnimationFrame(() => setTimeout(() => keep(kind, performance.now() - at), 0));
}

export function keep(kind: TimingKind, ms: number): void {
  const list = timings[kind];
  list.push(ms);
  if (list.length > KEPT) list.splice(0, list.length - KEPT);
}

/** The timings kept so far, for tests. */
export function kept(kind: TimingKind): readonly number[] {
  return timings[kind];
}
