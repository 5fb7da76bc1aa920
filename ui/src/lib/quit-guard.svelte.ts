// The app's request to confirm quitting while changes are still queued, as reactive state.
import { tick } from 'svelte';
import type { AppError, QuitRequest } from '../bindings/shell';
import { appQuit, quitGuard as askToConfirmQuits } from './commands';
import { toAppError } from './ipc';

class QuitGuard {
  /** The request waiting for an answer; null when none is. */
  request = $state<QuitRequest | null>(null);
  /** Why quitting or listening for requests failed. */
  problem = $state<AppError | null>(null);
  /** Where focus was when the request came, before the window behind became inert. */
  private returnTo: Element | null = null;

  ask(request: QuitRequest): void {
    if (this.request === null) this.returnTo = document.activeElement;
    this.problem = null;
    this.request = request;
  }

  /** Closes the question and gives focus back to where it was. */
  async stay(): Promise<void> {
    const back = this.returnTo;
    this.returnTo = null;
    this.request = null;
    this.problem = null;
    await tick();
    if (back instanceof HTMLElement && back.isConnected) back.focus();
  }

  async quit(): Promise<void> {
    try {
      await appQuit();
    } catch (e) {
      this.problem = toAppError(e);
    }
  }
}

export const quitGuard = new QuitGuard();

/**
 * Asks the app to route quit requests to this page; returns the function that stops showing them
 * (and closes a question still open).
 */
export function startQuitGuard(): () => void {
  let stopped = false;
  askToConfirmQuits((request) => {
    if (!stopped) quitGuard.ask(request);
  }).catch(() => {
    // Outside the window (or if the app refuses) nothing asks; closing then simply quits and
    // the queue stays on disk for the next start, which the status bar's error already explains.
  });
  return () => {
    stopped = true;
    quitGuard.request = null;
    quitGuard.problem = null;
  };
}
