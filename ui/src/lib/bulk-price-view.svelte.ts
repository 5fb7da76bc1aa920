// Whether the "Change prices" dialog is open, and the element that opened it (focus goes back).
import { tick } from 'svelte';

let open = $state(false);
let opener: HTMLElement | null = null;

export const bulkPriceView = {
  get open(): boolean {
    return open;
  },
};

export function openBulkPrice(from: HTMLElement | null): void {
  opener = from;
  open = true;
}

export async function closeBulkPrice(): Promise<void> {
  const back = opener;
  open = false;
  opener = null;
  await tick();
  if (back?.isConnected) back.focus();
  else document.getElementById('offerings-heading')?.focus();
}
