// @vitest-environment happy-dom
// The window as a whole, against a mocked Tauri IPC (test-only; the app itself has no fake backend).
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Channel } from '@tauri-apps/api/core';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { InboxPage, InboxQuery, Notices, OfferingRow, SyncStatus } from './bindings/bindings';
import App from './App.svelte';
import { locale } from './i18n/locale.svelte';
import { inboxRow, q, qa, sessionView, settle, syncStatus } from './test-support/backend';
import { resetSession } from './lib/session.svelte';

/** The status these tests start from: 312 open orders and 3 changes waiting to be sent. */
const status = (over: Partial<SyncStatus> = {}): SyncStatus =>
  syncStatus(over, { orders: 312, open_orders: 312, offerings: 1, pending_mutations: 3 });

const offering: OfferingRow = {
  id: 'off-1',
  classifier_code: 'TSR-01-003',
  category: 'prosthetic_orthopaedic',
  name: { kk: 'Протез', ru: 'Протез', en: 'Prosthesis' },
  price_tiyn: 92_000_00,
  limit_price_tiyn: 100_000_00,
  stock: 4,
  regions: ['KZ-ALA', 'KZ-AST'],
  stock_by_region: [
    { region: 'KZ-ALA', quantity: 3 },
    { region: 'KZ-AST', quantity: 1 },
  ],
  warranty_months: 12,
  description: '',
  published: true,
  model: null,
  manufacturer: null,
};

type Calls = { cmd: string; args: unknown }[];
let calls: Calls;
let inboxTotal: number;
let inboxError: unknown;
let notices: Notices;
let app: ReturnType<typeof mount> | null;
let subscriber: Channel<SyncStatus> | null;

/** What the app would send over the status channel the page subscribed with. */
function send(next: SyncStatus) {
  if (!subscriber) throw new Error('the page did not subscribe to sync status');
  subscriber.onmessage(next);
}

function subscribe(args: unknown) {
  subscriber = (args as { onStatus: Channel<SyncStatus> }).onStatus;
}

function backend() {
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args });
      switch (cmd) {
        case 'session_state':
          return { needs_first_account: false, session: sessionView() };
        case 'session_touch':
          return null;
        case 'sync_subscribe':
          subscribe(args);
          return status();
        case 'sync_now':
          return status({ syncing: true, progress: { applied: 0, cursor: 10, head: 5000 } });
        case 'inbox_page': {
          if (inboxError) throw inboxError;
          const q = (args as { query: InboxQuery }).query;
          const n = Math.max(0, Math.min(q.limit, inboxTotal - q.offset));
          const page: InboxPage = { rows: Array.from({ length: n }, (_, i) => inboxRow(q.offset + i)), total: inboxTotal };
          return page;
        }
        case 'offerings_list':
          return [offering];
        case 'inbox_rendered':
          return null;
        case 'notices_take':
          return notices;
        case 'notice_show':
          return null;
        default:
          throw { code: 'unknown_command', message: cmd, field: null };
      }
    },
    { shouldMockEvents: true },
  );
}

const count = (cmd: string) => calls.filter((c) => c.cmd === cmd).length;

beforeEach(() => {
  calls = [];
  subscriber = null;
  inboxTotal = 312;
  inboxError = null;
  notices = { new_orders: [], new_orders_total: 0, due_soon: [], due_soon_total: 0 };
  locale.lang = 'en';
  backend();
  document.body.innerHTML = '';
  app = null;
});

afterEach(() => {
  if (app) unmount(app);
  resetSession();
  clearMocks();
});

describe('the window', () => {
  test('shows the first page of orders and reports the rendered rows', async () => {
    app = mount(App, { target: document.body });
    await settle();

    const rows = qa('[data-testid="inbox-row"]');
    expect(rows).toHaveLength(50);
    expect(rows[0].getAttribute('data-order-id')).toBe('ord-0');
    expect(q('[data-testid="inbox-total"]')?.textContent).toBe('312');
    expect(document.body.textContent).toContain('1–50 of 312');
    expect(calls.find((c) => c.cmd === 'inbox_page')?.args).toEqual({
      query: { open_only: true, offset: 0, limit: 50, status: null, region: null, category: null, deadline: null, text: null, sort: null, assignee: null },
    });
    expect(calls.filter((c) => c.cmd === 'inbox_rendered').map((c) => c.args)).toEqual([{ count: 50 }]);

    // First row: localized status, region, items, money, countdown with the soon flag.
    const first = rows[0];
    expect(first.querySelector('th[scope="row"]')?.textContent).toBe('SS-1000');
    expect(first.textContent).toContain('Placed');
    expect(first.textContent).toContain('Ulytau Region');
    expect(first.textContent).toContain('Prosthesis × 2 pcs');
    expect(first.textContent).toContain('₸12,345.50');
    expect(first.textContent).toContain('Due soon');
    // The row says the time left in short, what it is for beside it, the words in its tooltip.
    expect(first.querySelector('time')?.textContent?.trim()).toBe('3 h');
    expect(first.textContent).toContain('Accept');
    expect(first.querySelector('[title*="3 h left"]')).not.toBeNull();
    expect(first.classList.contains('row-soon')).toBe(true);
    expect(rows[1].classList.contains('row-soon')).toBe(false);
    expect(rows[1].querySelector('time')?.textContent?.trim()).toBe('5 d');

    // Table semantics.
    expect(q('#panel-inbox table caption')?.textContent).toBeTruthy();
    expect(qa('#panel-inbox thead th').every((th) => th.getAttribute('scope') === 'col')).toBe(true);

    // Status bar.
    const conn = q('[data-testid="connectivity"]');
    expect(conn?.getAttribute('data-state')).toBe('online');
    expect(conn?.textContent).toContain('Online');
    expect(q('footer')?.getAttribute('role')).toBe('status');
    expect(q('[data-testid="pending"]')?.textContent).toContain('3');
    expect(q('[data-testid="last-sync"]')?.textContent).toContain('5 min ago');
  });

  test('pages forward and back', async () => {
    app = mount(App, { target: document.body });
    await settle();
    const next = qa('nav button').find((b) => b.getAttribute('aria-label') === 'Next page') as HTMLButtonElement;
    next.click();
    await settle();
    expect(qa('[data-testid="inbox-row"]')[0].getAttribute('data-order-id')).toBe('ord-50');
    expect(document.body.textContent).toContain('51–100 of 312');
    const prev = qa('nav button').find((b) => b.getAttribute('aria-label') === 'Previous page') as HTMLButtonElement;
    expect(prev.disabled).toBe(false);
    prev.click();
    await settle();
    expect(document.body.textContent).toContain('1–50 of 312');
  });

  test('the open-only filter asks for all orders when switched off', async () => {
    app = mount(App, { target: document.body });
    await settle();
    const toggle = q('input[type="checkbox"]') as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    toggle.click();
    await settle();
    let last = calls.filter((c) => c.cmd === 'inbox_page').at(-1);
    expect(last?.args).toEqual({
      query: { open_only: false, offset: 0, limit: 50, status: null, region: null, category: null, deadline: null, text: null, sort: null, assignee: null },
    });

    // A search applies on Enter (as a barcode scanner ends a number), with the filters kept.
    const search = q('[data-testid="inbox-search"]') as HTMLInputElement;
    search.value = 'SO-2026-000216';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    last = calls.filter((c) => c.cmd === 'inbox_page').at(-1);
    expect(last?.args).toEqual({
      query: { open_only: false, offset: 0, limit: 50, status: null, region: null, category: null, deadline: null, text: 'SO-2026-000216', sort: null, assignee: null },
    });
    (q('[data-testid="filters-reset"]') as HTMLButtonElement).click();
    await settle();
    last = calls.filter((c) => c.cmd === 'inbox_page').at(-1);
    expect(last?.args).toEqual({
      query: { open_only: true, offset: 0, limit: 50, status: null, region: null, category: null, deadline: null, text: null, sort: null, assignee: null },
    });
  });

  test('reloads inbox after a completed sync, and shows progress meanwhile', async () => {
    app = mount(App, { target: document.body });
    await settle();
    const inboxLoads = count('inbox_page');

    send(status({ syncing: true, progress: { applied: 1224, cursor: 1234, head: 5000 } }));
    await settle();
    expect(q('[data-testid="sync-progress"]')?.textContent).toContain('Syncing… 1,234 of 5,000 changes');
    const bar = q('progress') as HTMLProgressElement;
    expect(bar.getAttribute('value')).toBe('1234');
    expect(bar.getAttribute('max')).toBe('5000');
    expect(count('inbox_page')).toBe(inboxLoads);

    send(status({ syncing: false, connectivity: 'offline', last_error: 'The portal did not answer.' }));
    await settle();
    expect(count('inbox_page')).toBe(inboxLoads + 1);
    expect(q('[data-testid="connectivity"]')?.getAttribute('data-state')).toBe('offline');
    // The sync's own words stay in the log; the bar says what being offline means.
    expect(q('[data-testid="sync-error"]')?.textContent).toContain('The portal cannot be reached');
    expect(q('[data-testid="sync-error"]')?.textContent).not.toContain('The portal did not answer.');
    expect(q('[data-testid="sync-progress"]')).toBeNull();
  });

  test('Sync now asks the app to sync', async () => {
    app = mount(App, { target: document.body });
    await settle();
    const button = q('footer button') as HTMLButtonElement;
    expect(button.textContent?.trim()).toBe('Sync now');
    button.click();
    await settle();
    expect(count('sync_now')).toBe(1);
    expect(button.disabled).toBe(true);
  });

  test('after a sync, the notices due are shown once in a polite live region', async () => {
    app = mount(App, { target: document.body });
    await settle();
    // (The sync state is shared by the module across these tests, so mounting may count one.)
    const before = count('notices_take');

    notices = {
      new_orders: [{ order_id: 'ord-9', number: 'SS-1009', due_at: '2026-12-10T04:00:00Z' }],
      new_orders_total: 1,
      due_soon: [],
      due_soon_total: 0,
    };
    send(status({ syncing: true }));
    send(status({ syncing: false }));
    await settle();
    expect(count('notices_take')).toBe(before + 1);
    expect(calls.filter((c) => c.cmd === 'notice_show').at(-1)?.args).toEqual({
      title: 'New order',
      body: expect.stringMatching(/^№ SS-1009: accept by /),
    });
    const region = q('.desk-notices [role="status"]');
    expect(region?.getAttribute('aria-live')).toBe('polite');
    expect(region?.textContent).toContain('New order');
    expect(region?.textContent).toContain('№ SS-1009: accept by');

    // Dismissed by keyboard-reachable button with an accessible name.
    const dismiss = q<HTMLButtonElement>('.desk-notices button[aria-label="Dismiss notification"]');
    dismiss?.click();
    await settle();
    expect(q('.desk-notices [role="status"]')?.textContent?.trim()).toBe('');
  });

  test('opened on a desk that has synced, the notices due are taken at once', async () => {
    // Someone signs in after the desk's sync brought a new order: it is news now, not after
    // the next sync.
    notices = {
      new_orders: [{ order_id: 'ord-7', number: 'SS-1007', due_at: '2026-12-10T04:00:00Z' }],
      new_orders_total: 1,
      due_soon: [],
      due_soon_total: 0,
    };
    app = mount(App, { target: document.body });
    await settle();
    expect(count('notices_take')).toBe(1);
    expect(q('.desk-notices [role="status"]')?.textContent).toContain('№ SS-1007: accept by');

    // The next status without a completed sync takes nothing more.
    notices = { new_orders: [], new_orders_total: 0, due_soon: [], due_soon_total: 0 };
    send(status());
    await settle();
    expect(count('notices_take')).toBe(1);
  });

  test('empty inbox before the first sync', async () => {
    inboxTotal = 0;
    mockIPC(
      (cmd, args) => {
        calls.push({ cmd, args });
        if (cmd === 'sync_subscribe') {
          subscribe(args);
          return status({ syncing: true, summary: { ...status().summary, last_sync_at: null } });
        }
        if (cmd === 'inbox_page') return { rows: [], total: 0 };
        if (cmd === 'offerings_list') return [];
        if (cmd === 'session_state') return { needs_first_account: false, session: sessionView() };
        return null;
      },
      { shouldMockEvents: true },
    );
    app = mount(App, { target: document.body });
    await settle();
    expect(document.body.textContent).toContain('No orders yet — first sync running…');
    expect(q('[data-testid="inbox-total"]')?.textContent).toBe('0');
    // The empty inbox is the first screen too: the app's first sync waits for this report.
    expect(calls.filter((c) => c.cmd === 'inbox_rendered').map((c) => c.args)).toEqual([{ count: 0 }]);
  });

  test('an error from the inbox is shown with a retry', async () => {
    inboxError = { code: 'store', message: 'The database is locked.', field: null };
    app = mount(App, { target: document.body });
    await settle();
    const alert = q('#panel-inbox [role="alert"]');
    expect(alert?.textContent).toContain('Could not load orders.');
    expect(alert?.textContent).toContain('Something went wrong. The details are in the log.');
    expect(alert?.textContent).not.toContain('The database is locked.');
    inboxError = null;
    (alert?.querySelector('button') as HTMLButtonElement).click();
    await settle();
    expect(q('#panel-inbox [role="alert"]')).toBeNull();
    expect(qa('[data-testid="inbox-row"]')).toHaveLength(50);
  });

  test('offerings load when their tab is first shown, and again after a sync while shown', async () => {
    app = mount(App, { target: document.body });
    await settle();
    expect(count('offerings_list')).toBe(0);
    (q('#tab-offerings') as HTMLButtonElement).click();
    await settle();
    expect(count('offerings_list')).toBe(1);
    send(status({ syncing: true }));
    send(status({ syncing: false }));
    await settle();
    expect(count('offerings_list')).toBe(2);
    (q('#tab-inbox') as HTMLButtonElement).click();
    await settle();
    send(status({ syncing: true }));
    send(status({ syncing: false }));
    await settle();
    expect(count('offerings_list')).toBe(2);
  });

  test('offerings table shows the price against the limit', async () => {
    app = mount(App, { target: document.body });
    await settle();
    const tab = q('#tab-offerings') as HTMLButtonElement;
    tab.click();
    await settle();
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect((q('#panel-offerings') as HTMLElement).hidden).toBe(false);
    expect((q('#panel-inbox') as HTMLElement).hidden).toBe(true);
    const r = q('[data-testid="offering-row"]');
    expect(r?.textContent).toContain('Prosthetic and orthopaedic means');
    expect(r?.textContent).toContain('₸92,000.00');
    expect(r?.querySelector('[data-testid="offering-stock-by-region"]')?.textContent).toBe('Almaty 3 · Astana 1');
    expect(r?.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('92% of limit');
  });

  test('switching language changes texts and <html lang>, and is remembered', async () => {
    app = mount(App, { target: document.body });
    await settle();
    const kk = qa('[role="group"] button').find((b) => b.getAttribute('lang') === 'kk') as HTMLButtonElement;
    kk.click();
    await settle();
    expect(document.documentElement.lang).toBe('kk');
    expect(kk.getAttribute('aria-pressed')).toBe('true');
    expect(localStorage.getItem('supplier-desk.lang')).toBe('kk');
    expect(q('#tab-inbox')?.textContent?.trim()).toBe('Кіріс тапсырыстар');
    expect(document.body.textContent).toContain('312 ішінен 1–50');
    expect(qa('[data-testid="inbox-row"]')[0].textContent).toContain('Ұлытау облысы');
  });

  test('tabs move with the arrow keys', async () => {
    app = mount(App, { target: document.body });
    await settle();
    // The day comes first; the arrow moves on to the inbox.
    const todayTab = q('#tab-today') as HTMLButtonElement;
    expect(todayTab.getAttribute('aria-selected')).toBe('true');
    todayTab.focus();
    todayTab.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    flushSync();
    expect(q('#tab-inbox')?.getAttribute('aria-selected')).toBe('true');
    expect(q('#tab-inbox')?.getAttribute('tabindex')).toBe('0');
    expect(todayTab.getAttribute('tabindex')).toBe('-1');
    expect(document.activeElement).toBe(q('#tab-inbox'));
  });
});
