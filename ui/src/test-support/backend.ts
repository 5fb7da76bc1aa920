// A mocked Tauri IPC for the window tests (tests only: the app itself has no fake backend).
// Each command answers from `handlers`, which a test may replace; every call is recorded, and
// the channels the page subscribes with are captured so that a test can push messages on them.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Channel } from '@tauri-apps/api/core';
import { flushSync } from 'svelte';
import type { SessionState, SessionView, ConflictRow, InboxPage, InboxQuery, InboxRow, OrderDetail, OutageRow, SyncStatus } from '../bindings/bindings';
import type { AppError, QuitRequest } from '../bindings/shell';
import { ALL_COMMANDS } from '../bindings/bindings';
import { componentsLoaded } from '../lib/lazy-component.svelte';
import { resetSession, signedIn } from '../lib/session.svelte';

export const NOW = Date.now();

export function inboxRow(i: number, over: Partial<InboxRow> = {}): InboxRow {
  return {
    order_id: `ord-${i}`,
    number: `SS-${1000 + i}`,
    status: i === 0 ? 'placed' : 'accepted',
    participant_name: `Participant ${i}`,
    region: i === 0 ? 'KZ-ULT' : 'KZ-ALA',
    items: [{ classifier_code: 'TSR-01-003', name: { kk: 'Протез', ru: 'Протез', en: 'Prosthesis' }, quantity: 2, unit: 'pcs' }],
    placed_at: new Date(NOW - 86_400_000).toISOString(),
    accept_by: new Date(NOW + 86_400_000).toISOString(),
    deliver_by: null,
    due_at: new Date(NOW + (i === 0 ? 3 : 120) * 3_600_000 + 30_000).toISOString(),
    total_tiyn: 1_234_550,
    ...over,
  };
}

export function syncStatus(over: Partial<SyncStatus> = {}, summary: Partial<SyncStatus['summary']> = {}): SyncStatus {
  return {
    connectivity: 'online',
    syncing: false,
    progress: null,
    last_error: null,
    summary: {
      device_id: 'dev',
      cursor: 10,
      head: 10,
      last_sync_at: new Date(NOW - 5 * 60_000).toISOString(),
      orders: 3,
      open_orders: 3,
      offerings: 0,
      classifier_items: 1,
      pending_mutations: 0,
      conflicts: 0,
      ...summary,
    },
    ...over,
  };
}

/** Order `ord-0` (placed, in Ulytau) with one prosthesis to fit and one pack of diapers. */
export function orderDetail(over: Partial<OrderDetail> = {}, row: Partial<InboxRow> = {}): OrderDetail {
  return {
    row: inboxRow(0, row),
    portal_status: row.status ?? 'placed',
    participant_phone: '+7 701 555 12 34',
    participant_address: 'Жезқазған, Абай көшесі, 12',
    assignee: null,
    assignee_name: null,
    refusal_reason: null,
    payments: [],
    lines: [
      {
        classifier_code: 'TSR-01-003',
        name: { kk: 'Сан протезі', ru: 'Протез бедра', en: 'Thigh prosthesis' },
        quantity: 1,
        unit: 'pcs',
        unit_price_tiyn: 92_000_00,
        needs_fitting: true,
        serial_numbers_from_fitting: [],
      },
      {
        classifier_code: 'HYG-02-001',
        name: { kk: 'Жаялық', ru: 'Подгузники', en: 'Diapers' },
        quantity: 3,
        unit: 'pack',
        unit_price_tiyn: 4_500_50,
        needs_fitting: false,
        serial_numbers_from_fitting: [],
      },
    ],
    timeline: [],
    actions: ['accept', 'decline'],
    pending_mutations: 0,
    documents: ['order_label'],
    delivery_photos: [],
    stock_warnings: [],
    serials_elsewhere: [],
    ...over,
  };
}

export function conflictRow(over: Partial<ConflictRow> = {}): ConflictRow {
  return {
    mutation_id: 'mut-1',
    kind: 'accept_order',
    entity: 'order',
    entity_id: 'ord-7',
    order_number: 'SS-1007',
    reason: 'acceptance_window_closed',
    message: 'the order was cancelled automatically on 2025-03-01',
    created_at: '2025-03-08T09:05:00Z',
    rejected_at: '2025-03-08T10:30:00Z',
    ...over,
  };
}

export function outageRow(over: Partial<OutageRow> = {}): OutageRow {
  return {
    id: 1,
    started_at: '2025-03-08T09:05:00Z',
    ended_at: '2025-03-08T11:20:00Z',
    error_count: 7,
    last_error: 'connection refused',
    errors: [
      { message: 'connection refused', count: 5 },
      { message: 'the portal answered 503 Service Unavailable', count: 2 },
    ],
    ...over,
  };
}

type Handler = (args: Record<string, unknown>) => unknown;

/** Every command of the app, as a manager is allowed them. */
export { ALL_COMMANDS };

export function sessionView(over: Partial<SessionView> = {}): SessionView {
  return { username: 'aigul', display_name: 'Айгүл', role: 'manager', allowed: ALL_COMMANDS, language: null, lock_after_secs: 300, ...over };
}

export class FakeApp {
  calls: { cmd: string; args: Record<string, unknown> }[] = [];
  statusChannel: Channel<SyncStatus> | null = null;
  quitChannel: Channel<QuitRequest> | null = null;
  status = syncStatus();
  rows: InboxRow[] = [inboxRow(0), inboxRow(1), inboxRow(2)];
  /** Who the app says is signed in (a manager unless a test says otherwise). */
  session: SessionView | null = sessionView();
  handlers: Record<string, Handler> = {
    session_state: () => ({ needs_first_account: false, session: this.session }) satisfies SessionState,
    session_touch: () => null,
    session_end: () => {
      this.session = null;
      return null;
    },
    sync_subscribe: (args) => {
      this.statusChannel = args.onStatus as Channel<SyncStatus>;
      return this.status;
    },
    quit_guard: (args) => {
      this.quitChannel = args.onRequest as Channel<QuitRequest>;
      return null;
    },
    sync_now: () => this.status,
    inbox_page: (args) => {
      const q = args.query as InboxQuery;
      const page: InboxPage = { rows: this.rows.slice(q.offset, q.offset + q.limit), total: this.rows.length };
      return page;
    },
    inbox_rendered: () => null,
    offerings_list: () => [],
  };

  install(): void {
    resetSession();
    // Components mounted on their own (a dialog, a tab) see the session the app would have.
    if (this.session) signedIn(this.session);
    mockIPC((cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      this.calls.push({ cmd, args: a });
      const handler = this.handlers[cmd];
      if (!handler) throw { code: 'unknown_command', message: cmd, field: null } satisfies AppError;
      return handler(a);
    });
  }

  uninstall(): void {
    resetSession();
    clearMocks();
  }

  /** Arguments of every call of `cmd`, in order. */
  argsOf(cmd: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.cmd === cmd).map((c) => c.args);
  }

  count(cmd: string): number {
    return this.argsOf(cmd).length;
  }

  /** Sends a status as the app would over the page's status channel. */
  pushStatus(next: SyncStatus): void {
    if (!this.statusChannel) throw new Error('the page did not subscribe to sync status');
    this.status = next;
    this.statusChannel.onmessage(next);
  }

  /** Sends a quit request as the app does when the window is closed with changes queued. */
  pushQuitRequest(request: QuitRequest): void {
    if (!this.quitChannel) throw new Error('the page did not ask for quit requests');
    this.quitChannel.onmessage(request);
  }
}

/** Lets pending promises and Svelte's updates run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
    // A tab or dialog shown for the first time first loads its code (a chunk of its own).
    await componentsLoaded();
  }
}

export const q = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) =>
  root.querySelector<T>(sel);
export const qa = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => [
  ...root.querySelectorAll<T>(sel),
];
export const byTestId = <T extends Element = HTMLElement>(id: string, root: ParentNode = document) =>
  q<T>(`[data-testid="${id}"]`, root);

/** Types into a field as a person would: sets the value and fires `input`. */
export function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

export function press(el: Element, key: string, init: KeyboardEventInit = {}): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  flushSync();
}
