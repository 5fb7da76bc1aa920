// @vitest-environment happy-dom
// Conflicts, the outage journal and the status bar's conflict count, against a mocked Tauri IPC.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ConflictRow, OutageRow } from './bindings/bindings';
import type { AppError } from './bindings/shell';
import App from './App.svelte';
import { locale } from './i18n/locale.svelte';
import { FakeApp, byTestId, conflictRow, outageRow, q, qa, settle, syncStatus, type } from './test-support/backend';

let fake: FakeApp;
let app: ReturnType<typeof mount> | null;
let conflicts: ConflictRow[];
let outages: OutageRow[];

beforeEach(() => {
  locale.lang = 'en';
  document.body.innerHTML = '';
  conflicts = [
    conflictRow(),
    conflictRow({
      mutation_id: 'mut-2',
      kind: 'create_offering',
      entity: 'offering',
      entity_id: 'off-9',
      order_number: null,
      reason: 'price_above_limit',
      message: 'price 105000.00 is above the limit 100000.00',
    }),
  ];
  outages = [outageRow()];
  fake = new FakeApp();
  fake.status = syncStatus({}, { conflicts: 2, pending_mutations: 4 });
  fake.handlers.conflicts_list = () => conflicts;
  fake.handlers.conflict_retry = (args) => {
    conflicts = conflicts.filter((c) => c.mutation_id !== args.mutationId);
    return null;
  };
  fake.handlers.conflict_discard = (args) => {
    conflicts = conflicts.filter((c) => c.mutation_id !== args.mutationId);
    return null;
  };
  fake.handlers.outages_list = () => outages;
  fake.handlers.outages_export = () => '/home/aigerim/.local/share/supplier-desk/exports/outages-20250308T120000Z.csv';
  fake.install();
  app = null;
});

afterEach(() => {
  if (app) unmount(app);
  fake.uninstall();
});

async function start() {
  app = mount(App, { target: document.body });
  await settle();
}

async function showTab(id: 'conflicts' | 'outages') {
  q<HTMLButtonElement>(`#tab-${id}`)!.click();
  await settle();
}

describe('status bar', () => {
  test('shows the pending and conflict counts; the conflicts button opens the Conflicts tab', async () => {
    await start();
    expect(byTestId('pending')?.textContent).toContain('4');
    const button = byTestId<HTMLButtonElement>('conflicts')!;
    expect(button.tagName).toBe('BUTTON');
    expect(button.textContent).toContain('Refused changes:');
    expect(button.querySelector('strong')?.textContent).toBe('2');
    expect(byTestId('conflicts-badge')?.textContent).toBe('2');
    expect(q('#tab-conflicts')?.textContent).toContain('(2 unresolved)');
    expect(fake.count('conflicts_list')).toBe(0);

    button.click();
    await settle();
    expect(q('#tab-conflicts')?.getAttribute('aria-selected')).toBe('true');
    expect(q<HTMLElement>('#panel-conflicts')!.hidden).toBe(false);
    expect(q<HTMLElement>('#panel-inbox')!.hidden).toBe(true);
    expect(document.activeElement).toBe(q('#tab-conflicts'));
    expect(fake.count('conflicts_list')).toBe(1);
    expect(qa('[data-testid="conflict-row"]')).toHaveLength(2);
  });

  test('with no conflicts it is plain text and the tab has no badge', async () => {
    fake.status = syncStatus({}, { conflicts: 0 });
    await start();
    const item = byTestId('conflicts')!;
    expect(item.tagName).toBe('SPAN');
    expect(item.textContent).toContain('0');
    expect(byTestId('conflicts-badge')).toBeNull();
  });

  test('follows the counts the app sends', async () => {
    await start();
    fake.pushStatus(syncStatus({}, { conflicts: 5, pending_mutations: 0 }));
    await settle();
    expect(byTestId('conflicts')?.querySelector('strong')?.textContent).toBe('5');
    expect(byTestId('conflicts-badge')?.textContent).toBe('5');
    expect(byTestId('pending')?.textContent).toContain('0');
  });
});

describe('conflicts', () => {
  test('each refused change with what it was, the portal reason in words and its message, and when', async () => {
    await start();
    await showTab('conflicts');
    const rows = qa('[data-testid="conflict-row"]');
    expect(rows.map((r) => r.dataset.mutationId)).toEqual(['mut-1', 'mut-2']);

    expect(rows[0].querySelector('th')?.textContent).toContain('Accept order');
    expect(rows[0].querySelector('th')?.textContent).toContain('Order SS-1007');
    expect(rows[0].textContent).toContain('The time to accept the order had run out');
    expect(rows[0].textContent).toContain("Portal's words: the order was cancelled automatically on 2025-03-01");
    expect(rows[0].textContent).toContain('Refused: 8 Mar 2025, 15:30');
    expect(rows[0].textContent).toContain('Made: 8 Mar 2025, 14:05');

    expect(rows[1].querySelector('th')?.textContent).toContain('New offering');
    expect(rows[1].querySelector('th')?.textContent).toContain('Offering off-9');
    expect(rows[1].textContent).toContain('The price is above the limit price');
    expect(rows[1].textContent).toContain('price 105000.00 is above the limit 100000.00');
  });

  test('an unknown reason is shown as it came; Russian labels', async () => {
    conflicts = [conflictRow({ reason: 'quota_exceeded', message: 'too many' })];
    locale.lang = 'ru';
    await start();
    await showTab('conflicts');
    const row = byTestId('conflict-row')!;
    expect(row.querySelector('.reason')?.textContent).toBe('quota_exceeded');
    expect(row.querySelector('th')?.textContent).toContain('Принятие заказа');
    expect(row.querySelector('th')?.textContent).toContain('Заказ SS-1007');
  });

  test('Retry queues the change again and the list and count reload', async () => {
    await start();
    await showTab('conflicts');
    const inboxLoads = fake.count('inbox_page');
    byTestId<HTMLButtonElement>('conflict-retry', qa('[data-testid="conflict-row"]')[0])!.click();
    await settle();
    expect(fake.argsOf('conflict_retry')).toStrictEqual([{ mutationId: 'mut-1' }]);
    expect(fake.count('conflict_discard')).toBe(0);
    expect(qa('[data-testid="conflict-row"]').map((r) => r.dataset.mutationId)).toEqual(['mut-2']);
    expect(byTestId('conflicts-result')?.textContent).toBe('Queued again: Accept order — Order SS-1007.');
    expect(byTestId('conflicts')?.querySelector('strong')?.textContent).toBe('1');
    expect(fake.count('inbox_page')).toBe(inboxLoads + 1);
    expect(document.activeElement).toBe(q('#conflicts-heading'));
  });

  test('Discard needs a reason: an empty one is an error next to the field and nothing is sent', async () => {
    await start();
    await showTab('conflicts');
    const row = qa('[data-testid="conflict-row"]')[1];
    const input = byTestId<HTMLInputElement>('conflict-discard-reason', row)!;
    expect(q(`label[for="${input.id}"]`, row)?.textContent).toBe('Reason for discarding');
    type(input, '   ');
    byTestId<HTMLButtonElement>('conflict-discard', row)!.click();
    await settle();
    expect(fake.count('conflict_discard')).toBe(0);
    const error = byTestId('error-reason', row)!;
    expect(error.textContent).toContain('Say why this change is discarded.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(error.id);
    expect(document.activeElement).toBe(input);

    type(input, ' Price lowered in a new offering ');
    byTestId<HTMLButtonElement>('conflict-discard', row)!.click();
    await settle();
    expect(fake.argsOf('conflict_discard')).toEqual([{ mutationId: 'mut-2', reason: 'Price lowered in a new offering' }]);
    expect(qa('[data-testid="conflict-row"]').map((r) => r.dataset.mutationId)).toEqual(['mut-1']);
    expect(byTestId('conflicts-result')?.textContent).toBe('Discarded: New offering — Offering off-9.');
  });

  test('a failed retry is shown in its row', async () => {
    fake.handlers.conflict_retry = () => {
      throw { code: 'not_found', message: 'mutation mut-1 is not an open conflict', field: null } satisfies AppError;
    };
    await start();
    await showTab('conflicts');
    const row = qa('[data-testid="conflict-row"]')[0];
    byTestId<HTMLButtonElement>('conflict-retry', row)!.click();
    await settle();
    const error = byTestId('conflict-error', row)!;
    expect(error.textContent).toContain('The change could not be resolved.');
    expect(error.textContent).toContain('It is no longer there');
    expect(qa('[data-testid="conflict-row"]')).toHaveLength(2);
  });

  test('a new price field only for an offering the portal refused for its price', async () => {
    conflicts = [
      conflictRow(),
      conflictRow({ mutation_id: 'mut-2', kind: 'create_offering', entity: 'offering', entity_id: 'off-9', order_number: null, reason: 'price_above_limit' }),
      conflictRow({ mutation_id: 'mut-3', kind: 'update_offering', entity: 'offering', entity_id: 'off-4', order_number: null, reason: 'price_above_limit' }),
      conflictRow({ mutation_id: 'mut-4', kind: 'create_offering', entity: 'offering', entity_id: 'off-5', order_number: null, reason: 'classifier_not_found' }),
      conflictRow({ mutation_id: 'mut-5', kind: 'change_stock', entity: 'offering', entity_id: 'off-6', order_number: null, reason: 'price_above_limit' }),
    ];
    await start();
    await showTab('conflicts');
    const rows = qa('[data-testid="conflict-row"]');
    expect(rows.map((r) => byTestId('conflict-price', r) !== null)).toEqual([false, true, true, false, false]);
    for (const row of rows) expect(byTestId('conflict-retry', row)).not.toBeNull();

    const input = byTestId<HTMLInputElement>('conflict-price', rows[1])!;
    expect(q(`label[for="${input.id}"]`, rows[1])?.textContent).toBe('New price, ₸');
    expect(input.getAttribute('inputmode')).toBe('decimal');
    expect(input.getAttribute('aria-required')).toBe('true');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    const hint = q(`#${input.getAttribute('aria-describedby')}`, rows[1])!;
    expect(hint.textContent).toBe(
      'The portal has lowered the limit price for this item. Type a price at or under the new limit, and the change is sent again with it.',
    );
    // The field and the Retry button side by side, in one form.
    expect(input.form).not.toBeNull();
    expect(byTestId('conflict-retry', rows[1])?.closest('form')).toBe(input.form);
  });

  test('Retry with a new price sends it as typed; other conflicts send no price', async () => {
    await start();
    await showTab('conflicts');
    const row = qa('[data-testid="conflict-row"]')[1];
    type(byTestId<HTMLInputElement>('conflict-price', row)!, '12 345,50');
    byTestId<HTMLButtonElement>('conflict-retry', row)!.click();
    await settle();
    expect(fake.argsOf('conflict_retry')).toStrictEqual([{ mutationId: 'mut-2', price: '12 345,50' }]);
    expect(byTestId('conflicts-result')?.textContent).toBe('Queued again: New offering — Offering off-9.');
    expect(qa('[data-testid="conflict-row"]').map((r) => r.dataset.mutationId)).toEqual(['mut-1']);

    byTestId<HTMLButtonElement>('conflict-retry', qa('[data-testid="conflict-row"]')[0])!.click();
    await settle();
    expect(fake.argsOf('conflict_retry')[1]).toStrictEqual({ mutationId: 'mut-1' });
    expect('price' in fake.argsOf('conflict_retry')[1]).toBe(false);
  });

  test('the new price is required: an empty one is an error next to the field and nothing is sent', async () => {
    await start();
    await showTab('conflicts');
    const row = qa('[data-testid="conflict-row"]')[1];
    const input = byTestId<HTMLInputElement>('conflict-price', row)!;
    type(input, '  ');
    byTestId<HTMLButtonElement>('conflict-retry', row)!.click();
    await settle();
    expect(fake.count('conflict_retry')).toBe(0);
    const error = byTestId('error-price', row)!;
    expect(error.textContent).toContain('Type the new price to send the change again.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(document.activeElement).toBe(input);
    expect(byTestId('conflict-error', row)).toBeNull();
    expect(byTestId('error-price', qa('[data-testid="conflict-row"]')[0])).toBeNull();
    expect(qa('[data-testid="conflict-row"]')).toHaveLength(2);
  });

  test('a price the app refuses is shown next to the field, in Kazakh too', async () => {
    fake.handlers.conflict_retry = () => {
      throw {
        code: 'invalid_input',
        message: 'the price is above the limit',
        field: 'price',
        key: 'price_above_limit',
        params: [['limit_tiyn', '9000000']],
      } satisfies AppError;
    };
    await start();
    await showTab('conflicts');
    const row = qa('[data-testid="conflict-row"]')[1];
    const input = byTestId<HTMLInputElement>('conflict-price', row)!;
    type(input, '95 000');
    byTestId<HTMLButtonElement>('conflict-retry', row)!.click();
    await settle();
    expect(fake.argsOf('conflict_retry')).toStrictEqual([{ mutationId: 'mut-2', price: '95 000' }]);
    const error = byTestId('error-price', row)!;
    // In English here: ₸90,000.00, the limit formatted for the person.
    expect(error.textContent).toContain('The price is above the classifier\'s limit price of ₸90,000.00.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = input.getAttribute('aria-describedby')!.split(' ');
    expect(described).toHaveLength(2);
    expect(described).toContain(error.id);
    expect(document.activeElement).toBe(input);
    expect(byTestId('conflict-error', row)).toBeNull();
    expect(qa('[data-testid="conflict-row"]')).toHaveLength(2);
    expect(input.value).toBe('95 000');

    locale.lang = 'kk';
    flushSync();
    expect(q(`label[for="${input.id}"]`, row)?.textContent).toBe('Жаңа баға, ₸');
    expect(row.textContent).toContain('Портал осы позицияның шекті бағасын төмендетті.');
    // The refusal follows the language: desk-core's key and limit, worded in Kazakh.
    expect(byTestId('error-price', row)!.textContent).toMatch(/шекті бағасынан \(90\s000,00\s₸\) жоғары/);
  });

  test('no conflicts', async () => {
    conflicts = [];
    await start();
    await showTab('conflicts');
    expect(q('#panel-conflicts')?.textContent).toContain('No refused changes.');
  });
});

describe('outage journal', () => {
  test('each outage with start, end or ongoing, duration, error count and its distinct errors', async () => {
    outages = [
      outageRow({
        id: 2,
        started_at: new Date(Date.now() - (3 * 60 + 10) * 60_000 - 20_000).toISOString(),
        ended_at: null,
        error_count: 12,
        errors: [{ message: 'dns error: no such host', count: 12 }],
      }),
      outageRow(),
    ];
    await start();
    expect(fake.count('outages_list')).toBe(0);
    await showTab('outages');
    expect(fake.count('outages_list')).toBe(1);
    const rows = qa('[data-testid="outage-row"]');
    expect(rows).toHaveLength(2);

    const cells = (r: HTMLElement) => [...r.children].map((c) => c.textContent?.trim());
    expect(cells(rows[0]).slice(1, 4)).toEqual(['ongoing', '3 h 10 min', '12']);
    expect(rows[0].textContent).toContain('dns error: no such host × 12');

    expect(cells(rows[1]).slice(0, 4)).toEqual(['8 Mar 2025, 14:05', '8 Mar 2025, 16:20', '2 h 15 min', '7']);
    const errors = qa('li', rows[1]).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(errors).toEqual(['connection refused × 5', 'the portal answered 503 Service Unavailable × 2']);
  });

  test('Export CSV shows where the file was written', async () => {
    await start();
    await showTab('outages');
    const status = byTestId('export-status')!;
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent?.trim()).toBe('');
    byTestId<HTMLButtonElement>('outages-export')!.click();
    await settle();
    expect(fake.count('outages_export')).toBe(1);
    // The folder and name in the data dir, the whole path in the tooltip, and what to do next.
    const name = byTestId('export-path-name', status)!;
    expect(name.textContent).toBe('exports/outages-20250308T120000Z.csv');
    expect(name.getAttribute('title')).toBe('/home/aigerim/.local/share/supplier-desk/exports/outages-20250308T120000Z.csv');
    expect(status.textContent).toContain('Journal saved to:');
    expect(byTestId('export-path-open', status)?.textContent?.trim()).toBe('Open');
  });

  test('a failed export says so', async () => {
    fake.handlers.outages_export = () => {
      throw { code: 'export', message: 'could not write /x/outages.csv: permission denied', field: null } satisfies AppError;
    };
    await start();
    await showTab('outages');
    byTestId<HTMLButtonElement>('outages-export')!.click();
    await settle();
    const alert = q('#panel-outages [role="alert"]')!;
    expect(alert.textContent).toContain('Could not export the journal.');
    expect(alert.textContent).toContain('The file could not be saved there.');
    expect(alert.textContent).not.toContain('permission denied');
    expect(byTestId('export-path')).toBeNull();
  });

  test('reloads after a completed sync while shown', async () => {
    await start();
    await showTab('outages');
    outages = [outageRow(), outageRow({ id: 3 })];
    fake.pushStatus(syncStatus({ syncing: true }, { conflicts: 2 }));
    fake.pushStatus(syncStatus({ syncing: false }, { conflicts: 2 }));
    await settle();
    flushSync();
    expect(fake.count('outages_list')).toBe(2);
    expect(qa('[data-testid="outage-row"]')).toHaveLength(2);
  });
});
