// Whether the offering form is open, on which offering (null: a new one), and the element that
// opened it (focus goes back there).
import { tick } from 'svelte';
import type { OfferingRow } from '../bindings/bindings';

type Editing = { row: OfferingRow | null };

let editing = $state<Editing | null>(null);
let opener: HTMLElement | null = null;

export const offeringView = {
  /** The form's subject while it is open; `row` is null for a new offering. */
  get editing(): Editing | null {
    return editing;
  },
};

export function openOfferingForm(row: OfferingRow | null, from: HTMLElement | null): void {
  opener = from;
  editing = { row };
}

/** Closes the form and returns focus to the button that opened it, or to the list's heading. */
export async function closeOfferingForm(): Promise<void> {
  const back = opener;
  editing = null;
  opener = null;
  await tick();
  if (back?.isConnected) back.focus();
  else document.getElementById('offerings-heading')?.focus();
}

/** Forgets the form without moving focus (the window is going away). */
export function resetOfferingView(): void {
  editing = null;
  opener = null;
}
