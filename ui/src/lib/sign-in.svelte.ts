// Signing in again after the portal refused the credentials: whether the dialog is open, where
// focus goes back to, and the note shown while the sync that signs in is on its way.
import { tick } from 'svelte';
import { sync } from './sync.svelte';

/** A BIN is twelve digits (its check digit is the Rust side's business). */
export function binLooksValid(bin: string): boolean {
  return /^\d{12}$/.test(bin);
}

let open = $state(false);
/** `sync.completedSyncs` when new credentials were handed over; null when none were. */
let sentAt = $state<number | null>(null);
let opener: HTMLElement | null = null;

export const signIn = {
  get open(): boolean {
    return open;
  },
  /** True from handing over new credentials until the next sync has finished. */
  get sent(): boolean {
    return sentAt !== null && sync.completedSyncs === sentAt;
  },
};

export function openSignIn(from: HTMLElement | null): void {
  opener = from;
  open = true;
}

/** Closes the dialog and gives focus back to the button that opened it (or to the main area). */
export async function closeSignIn(): Promise<void> {
  const back = opener;
  opener = null;
  open = false;
  // The rest of the window stops being inert with this render.
  await tick();
  if (back?.isConnected) back.focus();
  else document.getElementById('main')?.focus();
}

/**
 * The app took the new credentials: close, then say (politely) that the sync is on its way.
 * `since` is `sync.completedSyncs` as it was before they were handed over, so that a sync that
 * finished meanwhile (its result already shown) does not leave the note up.
 */
export async function signInSent(since: number): Promise<void> {
  await closeSignIn();
  sentAt = since;
}

/** Forgets everything without moving focus (the window is going away). */
export function resetSignIn(): void {
  open = false;
  opener = null;
  sentAt = null;
}
