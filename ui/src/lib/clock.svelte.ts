// A shared "now" that moves on at the start of every minute, for countdowns and "5 min ago".
import { MINUTE_MS } from './countdown';

let now = $state(Date.now());

export const clock = {
  get now(): number {
    return now;
  },
};

/** Starts the minute ticks; returns the function that stops them. */
export function startClock(): () => void {
  let interval: ReturnType<typeof setInterval> | undefined;
  now = Date.now();
  const timeout = setTimeout(() => {
    now = Date.now();
    interval = setInterval(() => {
      now = Date.now();
    }, MINUTE_MS);
  }, MINUTE_MS - (Date.now() % MINUTE_MS) + 50);
  // Timers may stall while the window sleeps; catch up when it is shown again.
  const onVisible = () => {
    if (globalThis.document?.visibilityState === 'visible') now = Date.now();
  };
  globalThis.document?.addEventListener('visibilitychange', onVisible);
  return () => {
    globalThis.document?.removeEventListener('visibilitychange', onVisible);
    clearTimeout(timeout);
    if (interval !== undefined) clearInterval(interval);
  };
}
