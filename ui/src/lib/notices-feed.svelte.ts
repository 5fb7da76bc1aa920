// The notices the window has shown since it opened: the latest news (new orders) as toasts that
// close by themselves, and all of them (up to a limit) under the bell in the header with an
// unread count. A standing state (orders due soon) goes to the bell only: the inbox marks
// those rows already, and a toast would sit over the work.
import type { DeskNotice } from './notices';

export type FedNotice = DeskNotice & { id: number; at: number };

/** How long a toast stays before it closes by itself (ms). */
export const TOAST_MS = 12_000;
/** How many toasts show at once; older ones give way. */
const TOASTS = 3;
/** How many notices the bell keeps. */
const KEEP = 50;

class NoticesFeed {
  /** Newest first. */
  all = $state<FedNotice[]>([]);
  toasts = $state<FedNotice[]>([]);
  unread = $state(0);
  private nextId = 0;
  private timers = new Map<number, ReturnType<typeof setTimeout>>();

  add(notices: DeskNotice[], now = Date.now()): void {
    const fed = notices.map((n) => ({ ...n, id: this.nextId++, at: now }));
    this.all = [...fed, ...this.all].slice(0, KEEP);
    this.unread += fed.length;
    const news = fed.filter((n) => !n.quiet);
    this.toasts = [...news, ...this.toasts].slice(0, TOASTS);
    for (const n of news) this.timers.set(n.id, setTimeout(() => this.dismiss(n.id), TOAST_MS));
  }

  dismiss(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.toasts = this.toasts.filter((n) => n.id !== id);
  }

  markRead(): void {
    this.unread = 0;
  }

  reset(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.all = [];
    this.toasts = [];
    this.unread = 0;
  }
}

export const noticesFeed = new NoticesFeed();
