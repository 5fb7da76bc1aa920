// @vitest-environment happy-dom
// The order dialog's document buttons, against a mocked Tauri IPC.
import { mount, unmount } from 'svelte';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { OrderDetail } from './bindings/bindings';
import type { AppError } from './bindings/shell';
import App from './App.svelte';
import { locale } from './i18n/locale.svelte';
import { FakeApp, byTestId, orderDetail, settle } from './test-support/backend';

let fake: FakeApp;
let app: ReturnType<typeof mount> | null;
let current: OrderDetail;

beforeEach(() => {
  locale.lang = 'en';
  document.body.innerHTML = '';
  fake = new FakeApp();
  current = orderDetail();
  fake.handlers.order_detail = () => current;
  fake.install();
  app = null;
});

afterEach(() => {
  if (app) unmount(app);
  fake.uninstall();
});

async function openFirstOrder(): Promise<HTMLElement> {
  app = mount(App, { target: document.body });
  await settle();
  byTestId<HTMLButtonElement>('open-order')!.click();
  await settle();
  return byTestId<HTMLElement>('order-detail')!;
}

const button = (dialog: HTMLElement, kind: string) => byTestId<HTMLButtonElement>(`document-${kind}`, dialog)!;

test('the label is offered for any order; an act is disabled, with the reason, until its facts are recorded', async () => {
  const dialog = await openFirstOrder();
  expect(button(dialog, 'order_label').disabled).toBe(false);
  expect(button(dialog, 'order_label').textContent?.trim()).toBe('Print label');
  for (const [kind, hint] of [
    ['delivery_act', 'once a delivery is recorded'],
    ['fitting_act', 'once a fitting is recorded'],
  ]) {
    const b = button(dialog, kind);
    expect(b.disabled).toBe(true);
    const described = document.getElementById(b.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toContain(hint);
  }
});

test('an act is made in the window language and the status line says where it was saved', async () => {
  locale.lang = 'kk';
  current = orderDetail({ documents: ['order_label', 'delivery_act'], actions: [] }, { status: 'delivered' });
  fake.handlers.document_delivery_act = () => '/home/staff/.local/share/supplier-desk/documents/act-delivery-SS-1000.pdf';
  const dialog = await openFirstOrder();
  const act = button(dialog, 'delivery_act');
  expect(act.disabled).toBe(false);
  expect(act.textContent?.trim()).toBe('Беру актісі');
  act.click();
  await settle();
  expect(fake.argsOf('document_delivery_act')).toEqual([{ orderId: 'ord-0', lang: 'kk' }]);
  const status = byTestId('document-saved', dialog)!.querySelector('[role="status"]')!;
  expect(status.textContent?.replace(/\s+/g, ' ').trim()).toBe('PDF ретінде сақталды: documents/act-delivery-SS-1000.pdf');
  // The timeline gains the audit entry: the dialog reloads the order.
  expect(fake.count('order_detail')).toBeGreaterThanOrEqual(2);
  // Focus goes to opening the new file, inside the dialog, so Esc still closes it; Open hands
  // the path the app gave to the OS.
  const open = byTestId('document-saved-open', byTestId('order-detail')!) as HTMLButtonElement;
  expect(document.activeElement).toBe(open);
  expect(open.textContent?.trim()).toBe('Ашу');
  open.click();
  await settle();
  expect(fake.argsOf('file_open')).toEqual([{ path: '/home/staff/.local/share/supplier-desk/documents/act-delivery-SS-1000.pdf' }]);
});

test('a failure is shown with the message the app gives', async () => {
  fake.handlers.document_order_label = () => {
    throw { code: 'no_font', message: 'no document font found: install fonts-dejavu-core', field: null } satisfies AppError;
  };
  const dialog = await openFirstOrder();
  button(dialog, 'order_label').click();
  await settle();
  const notice = byTestId('document-error', dialog)!;
  expect(notice.textContent).toContain('Could not make the document.');
  expect(notice.textContent).toContain('install the package fonts-dejavu-core');
  expect(byTestId('document-saved', dialog)).toBeNull();
});
