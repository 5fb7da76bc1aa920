// Which order's detail is open, and the element that opened it (focus goes back there).
import { tick } from 'svelte';
import { begin } from '../shared/timings/timings';

let openId = $state<string | null>(null);
let opener: HTMLElement | null = null;

export const orderView = {
  get orderId(): string | null {
    return openId;
  },
};

export function openOrder(orderId: string, from: HTMLElement | null): void {
  begin('order');
  opener = from;
  openId = orderId;
}

/**
 * Closes the detail and returns focus to the button that opened it; if that row has gone (the
 * order left the list meanwhile), to the inbox heading.
 */
export async function closeOrder(): Promise<void> {
  const back = opener;
  openId = null;
  opener = null;
  // The rest of the window stops being inert with this render.
  await tick();
  if (back?.isConnected) back.focus();
  else document.getElementById('inbox-heading')?.focus();
}

/** Forgets the open order without moving focus (the window is going away). */
export function resetOrderView(): void {
  openId = null;
  opener = null;
}
