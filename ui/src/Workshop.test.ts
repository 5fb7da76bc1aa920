// @vitest-environment happy-dom
// The Workshop tab against a mocked Tauri IPC: the queue, a scanned number (Enter opens the
// order; an unknown one is reported at the field), errors next to the fields, Escape.
import { mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { FittingCard, WorkshopRow } from './bindings/bindings';
import type { AppError } from './bindings/shell';
import App from './App.svelte';
import { locale } from './i18n/locale.svelte';
import { FakeApp, byTestId, press, q, qa, settle, type } from './test-support/backend';

let fake: FakeApp;
let app: ReturnType<typeof mount> | null;

const item = { classifier_code: 'TSR-01-001', name: { kk: 'Протез', ru: 'Протез', en: 'Below-knee prosthesis' }, quantity: 1, unit: 'pcs' };

function row(i: number): WorkshopRow {
  return {
    order_id: `ord-${i}`,
    number: `SO-2026-00000${i}`,
    status: 'in_work',
    participant_name: `Participant ${i}`,
    items: [item],
    due_at: null,
    sessions: i,
  };
}

function card(over: Partial<FittingCard> = {}): FittingCard {
  return {
    order_id: 'ord-1',
    number: 'SO-2026-000001',
    status: 'in_work',
    participant_name: 'Participant 1',
    items: [item],
    due_at: null,
    can_record: true,
    sessions: [],
    fitted: null,
    ...over,
  };
}

beforeEach(() => {
  locale.lang = 'en';
  document.body.innerHTML = '';
  fake = new FakeApp();
  fake.handlers.workshop_queue = () => ({ rows: [row(1), row(2)], total: 2 });
  fake.handlers.workshop_find = (args) => {
    if (String(args.number).toUpperCase() === 'SO-2026-000001') return card();
    throw { code: 'invalid_input', message: `there is no order ${String(args.number)}`, field: 'number' } satisfies AppError;
  };
  fake.install();
  app = null;
});

afterEach(() => {
  if (app) unmount(app);
  fake.uninstall();
});

async function openWorkshop() {
  app = mount(App, { target: document.body });
  await settle();
  q<HTMLButtonElement>('#tab-workshop')!.click();
  await settle();
}

async function scan(text: string) {
  const field = byTestId<HTMLInputElement>('workshop-number')!;
  type(field, text);
  field.form!.requestSubmit();
  await settle();
}

describe('Workshop tab', () => {
  test('lists the queue with an accessible name on each large open button', async () => {
    await openWorkshop();
    expect(qa('[data-testid=workshop-row]')).toHaveLength(2);
    expect(byTestId('workshop-total')!.textContent).toBe('2');
    const open = byTestId('workshop-open')!;
    expect(open.getAttribute('aria-label')).toBe('Open the fitting record of order SO-2026-000001');
    expect(q('label[for=workshop-number]')!.textContent).toBe('Order number');
  });

  test('an unknown number is reported at the field; a scanned one opens the record', async () => {
    await openWorkshop();
    await scan('\tSO-1999-999999\r');
    expect(fake.argsOf('workshop_find').at(-1)).toEqual({ number: 'SO-1999-999999' });
    expect(byTestId('workshop-find-error')!.textContent).toContain('There is no order with the number SO-1999-999999.');
    expect(byTestId('workshop-number')!.getAttribute('aria-invalid')).toBe('true');

    await scan('  so-2026-000001 ');
    expect(byTestId('fitting-panel')!.dataset.orderId).toBe('ord-1');
    expect(document.activeElement?.id).toBe('fitting-heading');
    expect(byTestId('workshop-find-error')).toBeNull();
    expect(byTestId<HTMLInputElement>('workshop-number')!.value).toBe('');

    press(byTestId('fitting-panel')!, 'Escape');
    await settle();
    expect(byTestId('fitting-panel')).toBeNull();
    expect(document.activeElement?.id).toBe('workshop-number');
  });

  test('an empty search asks for a number without calling the app', async () => {
    await openWorkshop();
    await scan('   ');
    expect(fake.count('workshop_find')).toBe(0);
    expect(byTestId('workshop-find-error')!.textContent).toContain('Type or scan an order number.');
  });

  test('a refused field is marked, described and focused; a session is sent without spare rows', async () => {
    fake.handlers.fitting_mark_fitted = () => {
      throw {
        code: 'invalid_input',
        message: 'at least one serial number of the fitted item is required',
        field: 'serial_numbers',
        key: 'serial_required',
      } satisfies AppError;
    };
    fake.handlers.fitting_session_record = () =>
      card({ sessions: [{ id: 's-1', session_on: '2026-11-30', technician: 'Ерлан', notes: '', measurements: [{ name: 'Stump length', value: '24.5', unit: 'cm' }], sync: 'pending' }] });
    await openWorkshop();
    await scan('SO-2026-000001');

    // Who fitted it starts as the signed-in person.
    expect(q<HTMLInputElement>('#fitted-technician')!.value).toBe('Айгүл');
    type(q<HTMLInputElement>('#fitted-technician')!, 'Ерлан');
    byTestId<HTMLButtonElement>('fitted-submit')!.click();
    await settle();
    expect(byTestId('error-serial_numbers')!.textContent).toContain('serial number');
    const serials = q<HTMLTextAreaElement>('#fitted-serials')!;
    expect(serials.getAttribute('aria-invalid')).toBe('true');
    expect(serials.getAttribute('aria-describedby')).toContain('fitted-error-serial_numbers');
    expect(document.activeElement).toBe(serials);

    type(q<HTMLInputElement>('#session-technician')!, ' Ерлан ');
    byTestId<HTMLButtonElement>('add-measurement')!.click();
    await settle();
    expect(document.activeElement?.id).toBe('measurement-name-1');
    type(q<HTMLInputElement>('#measurement-name-0')!, 'Stump length');
    type(q<HTMLInputElement>('#measurement-value-0')!, '24,5');
    type(q<HTMLInputElement>('#measurement-unit-0')!, 'cm');
    byTestId<HTMLButtonElement>('session-submit')!.click();
    await settle();
    const sent = fake.argsOf('fitting_session_record').at(-1)!.input as { technician: string; measurements: unknown[] };
    expect(sent.technician).toBe('Ерлан');
    expect(sent.measurements).toEqual([{ name: 'Stump length', value: '24,5', unit: 'cm' }]);
    expect(qa('[data-testid=fitting-session]')).toHaveLength(1);
    expect(byTestId('fitting-result')!.textContent).toBe('Session recorded.');
  });
});
