// @vitest-environment happy-dom
// The order detail dialog and its actions, against a mocked Tauri IPC.
import { mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { DeliveryInput, OrderDetail } from './bindings/bindings';
import type { AppError } from './bindings/shell';
import App from './App.svelte';
import { locale } from './i18n/locale.svelte';
import { kazakhstanDate } from './lib/format';
import { FakeApp, byTestId, orderDetail, press, q, qa, settle, syncStatus, type } from './test-support/backend';

let fake: FakeApp;
let app: ReturnType<typeof mount> | null;
/** What `order_detail` answers; the action handlers below move it on like the app would. */
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
  const opener = byTestId<HTMLButtonElement>('open-order')!;
  opener.click();
  await settle();
  const dialog = byTestId('order-detail');
  expect(dialog).not.toBeNull();
  return dialog!;
}

const actionButtons = (dialog: HTMLElement) =>
  qa<HTMLButtonElement>('[data-testid^="action-"]', dialog).map((b) => b.dataset.testid);

describe('opening an order', () => {
  test('the order number in the inbox is a button that opens the detail dialog', async () => {
    const dialog = await openFirstOrder();
    const opener = byTestId('open-order')!;
    expect(opener.tagName).toBe('BUTTON');
    expect(opener.textContent).toBe('SS-1000');
    expect(opener.getAttribute('aria-label')).toBe('Open order SS-1000');
    expect(fake.argsOf('order_detail')).toEqual([{ orderId: 'ord-0' }]);

    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('data-status')).toBe('placed');
    expect(q('#order-title', dialog)?.textContent?.trim()).toBe('Order SS-1000');
    expect(dialog.getAttribute('aria-labelledby')).toBe('order-title');
    expect(q('.badge', dialog)?.textContent).toBe('Placed');
    expect(byTestId('participant', dialog)?.textContent).toBe('Participant 0');
    expect(byTestId('phone', dialog)?.textContent).toBe('+7 701 555 12 34');
    expect(byTestId('address', dialog)?.textContent).toBe('Жезқазған, Абай көшесі, 12');
    expect(byTestId('region', dialog)?.textContent).toBe('Ulytau Region');
    expect(q('[data-testid="deadline"] time', dialog)?.textContent?.trim()).toBe('3 h left');
    // Same status here and on the portal, nothing queued: no portal note.
    expect(byTestId('portal-status', dialog)).toBeNull();
    expect(byTestId('pending-note', dialog)).toBeNull();

    const lines = qa('[data-testid="order-line"]', dialog);
    expect(lines).toHaveLength(2);
    expect(lines[0].querySelector('th')?.textContent).toContain('Thigh prosthesis');
    expect(lines[0].textContent).toContain('₸92,000.00');
    expect(byTestId('needs-fitting', lines[0])?.textContent).toBe('Needs fitting');
    expect(lines[1].querySelector('th')?.textContent).toContain('Diapers');
    expect(qa('td', lines[1]).map((td) => td.textContent?.trim())).toEqual(['3', 'pack', '₸4,500.50', 'No']);
    expect(byTestId('needs-fitting', lines[1])).toBeNull();

    // Focus is in the dialog (on its title) and the window behind is inert.
    expect(document.activeElement).toBe(q('#order-title'));
    expect(q('.layout')?.hasAttribute('inert')).toBe(true);
  });

  test('lines and labels follow the chosen language', async () => {
    locale.lang = 'ru';
    const dialog = await openFirstOrder();
    expect(q('#order-title', dialog)?.textContent?.trim()).toBe('Заказ SS-1000');
    expect(qa('[data-testid="order-line"] th', dialog)[1].textContent).toContain('Подгузники');
    expect(byTestId('region', dialog)?.textContent).toBe('Область Ұлытау');
    expect(byTestId('action-accept', dialog)?.textContent?.trim()).toBe('Принять заказ');
  });

  test('a placed order beyond the region\'s stock warns beside accept, which stays', async () => {
    locale.lang = 'ru';
    const code = current.lines[0].classifier_code;
    current = { ...current, stock_warnings: [{ classifier_code: code, region: 'KZ-ULT', needed: 2, held: 0, elsewhere: [{ region: 'KZ-ALA', quantity: 5 }] }] };
    const dialog = await openFirstOrder();
    const warning = byTestId('stock-warning', dialog)!;
    expect(warning.textContent).toContain('в регионе «Область Ұлытау» на складе 0');
    expect(warning.textContent).toContain('Есть в других регионах: Алматы 5.');
    expect(actionButtons(dialog)).toEqual(['action-accept', 'action-decline']);
  });

  test('a placed order offers accept and decline', async () => {
    const dialog = await openFirstOrder();
    expect(actionButtons(dialog)).toEqual(['action-accept', 'action-decline']);
  });

  test('an accepted order offers only the delivery record; fitting is not offered yet', async () => {
    current = orderDetail({ actions: ['record_delivery', 'record_fitting'], portal_status: 'accepted' }, { status: 'accepted' });
    const dialog = await openFirstOrder();
    expect(dialog.getAttribute('data-status')).toBe('accepted');
    expect(actionButtons(dialog)).toEqual(['action-record-delivery']);
    expect(dialog.textContent).not.toMatch(/fitting record|record fitting/i);
  });

  test('an order with nothing to do says so', async () => {
    current = orderDetail({ actions: [], portal_status: 'paid' }, { status: 'paid' });
    const dialog = await openFirstOrder();
    expect(actionButtons(dialog)).toEqual([]);
    expect(dialog.textContent).toContain('Nothing to do for this order now.');
  });

  test('a local move waiting for the portal shows the portal status and a waiting note', async () => {
    current = orderDetail({ portal_status: 'placed', pending_mutations: 1, actions: ['record_delivery'] }, { status: 'accepted' });
    const dialog = await openFirstOrder();
    expect(dialog.getAttribute('data-status')).toBe('accepted');
    const portal = byTestId('portal-status', dialog)!;
    expect(portal.getAttribute('data-status')).toBe('placed');
    expect(portal.textContent).toContain('On the portal:');
    expect(portal.textContent).toContain('Placed');
    expect(byTestId('pending-note', dialog)?.textContent?.trim()).toBe('Waiting for the portal — changes not sent yet: 1');
  });

  test('the timeline names known actions and shows others raw', async () => {
    current = orderDetail({
      timeline: [
        { at: '2025-03-08T09:05:00Z', actor: 'aigerim', action: 'accept_order', detail: '{"AcceptOrder":{"order_id":"ord-0"}}' },
        {
          at: '2025-03-08T10:30:00Z',
          actor: 'portal',
          action: 'mutation_rejected',
          detail: '{"mutation_id":"m1","reason":"acceptance_window_closed","message":"the acceptance window closed"}',
        },
        { at: '2025-03-08T11:00:00Z', actor: 'aigerim', action: 'conflict_discarded', detail: '{"reason":"called the participant"}' },
        { at: '2025-03-08T12:00:00Z', actor: 'aigerim', action: 'photo_attached', detail: 'not json' },
      ],
    });
    const dialog = await openFirstOrder();
    const entries = qa('[data-testid="timeline-entry"]', dialog);
    expect(entries.map((e) => e.querySelector('strong')?.textContent)).toEqual([
      'Accepted',
      'Refused by the portal',
      'Refused change discarded',
      'photo_attached',
    ]);
    expect(entries[0].querySelector('time')?.textContent).toBe('8 Mar 2025, 14:05');
    expect(entries[0].textContent).toContain('aigerim');
    expect(entries[1].textContent).toContain('Portal');
    expect(entries[1].textContent).toContain('the acceptance window closed');
    expect(entries[2].textContent).toContain('called the participant');
    expect(entries[3].textContent).not.toContain('not json');
  });
});

describe('closing', () => {
  test('Escape closes the dialog and focus returns to the order button', async () => {
    const dialog = await openFirstOrder();
    press(dialog, 'Escape');
    await settle();
    expect(byTestId('order-detail')).toBeNull();
    expect(document.activeElement).toBe(byTestId('open-order'));
    expect(q('.layout')?.hasAttribute('inert')).toBe(false);
  });

  test('Escape closes the innermost thing, and asks once before dropping typed text', async () => {
    const dialog = await openFirstOrder();
    byTestId<HTMLButtonElement>('action-decline', dialog)!.click();
    await settle();
    const reason = q<HTMLTextAreaElement>('#decline-reason')!;
    type(reason, 'No stock in Almaty');
    press(dialog, 'Escape');
    await settle();
    expect(byTestId('order-detail')).not.toBeNull();
    expect(q<HTMLTextAreaElement>('#decline-reason')?.value).toBe('No stock in Almaty');
    expect(byTestId('detail-result', dialog)?.textContent).toContain('Press Esc again');
    press(dialog, 'Escape');
    await settle();
    expect(q('#decline-reason')).toBeNull();
    expect(byTestId('order-detail')).not.toBeNull();
    expect(document.activeElement).toBe(byTestId('action-decline'));
    press(byTestId('order-detail')!, 'Escape');
    await settle();
    expect(byTestId('order-detail')).toBeNull();
  });

  test('a common reason fills the decline field in one click, keeping words already typed', async () => {
    const dialog = await openFirstOrder();
    byTestId<HTMLButtonElement>('action-decline', dialog)!.click();
    await settle();
    const presets = qa<HTMLButtonElement>('[data-testid="decline-preset"]', dialog);
    expect(presets.map((b) => b.textContent?.trim())).toContain('The item is out of stock');
    presets[0].click();
    await settle();
    const reason = q<HTMLTextAreaElement>('#decline-reason')!;
    expect(reason.value).toBe('The item is out of stock');
    expect(document.activeElement).toBe(reason);
    presets[1].click();
    await settle();
    expect(reason.value).toBe('We do not deliver to this region');
    type(reason, 'only Almaty this month');
    presets[0].click();
    await settle();
    expect(reason.value).toBe('The item is out of stock. only Almaty this month');
  });

  test('the close button closes it too', async () => {
    const dialog = await openFirstOrder();
    byTestId<HTMLButtonElement>('detail-close', dialog)!.click();
    await settle();
    expect(byTestId('order-detail')).toBeNull();
    expect(document.activeElement).toBe(byTestId('open-order'));
  });

  test('Tab stays inside the dialog', async () => {
    const dialog = await openFirstOrder();
    const close = byTestId<HTMLButtonElement>('detail-close', dialog)!;
    // The last enabled control: the label button of the documents (the acts are disabled).
    const last = byTestId<HTMLButtonElement>('document-order_label', dialog)!;
    last.focus();
    press(last, 'Tab');
    expect(document.activeElement).toBe(close);
    press(close, 'Tab', { shiftKey: true });
    expect(document.activeElement).toBe(last);
  });
});

describe('actions', () => {
  test('Accept records the acceptance for this order and shows the order as returned', async () => {
    fake.handlers.order_accept = () => {
      current = orderDetail({ actions: ['record_delivery'], portal_status: 'placed', pending_mutations: 1 }, { status: 'accepted' });
      return current;
    };
    const dialog = await openFirstOrder();
    const inboxLoads = fake.count('inbox_page');
    byTestId<HTMLButtonElement>('action-accept', dialog)!.click();
    await settle();
    expect(fake.argsOf('order_accept')).toEqual([{ orderId: 'ord-0' }]);
    expect(dialog.getAttribute('data-status')).toBe('accepted');
    expect(byTestId('detail-result', dialog)?.textContent).toBe('Order accepted. The change will be sent to the portal.');
    expect(byTestId('pending-note', dialog)?.textContent).toContain('1');
    expect(actionButtons(dialog)).toEqual(['action-record-delivery']);
    // The inbox behind reloads at once.
    expect(fake.count('inbox_page')).toBe(inboxLoads + 1);
  });

  test('a refused move is shown in the panel', async () => {
    fake.handlers.order_accept = () => {
      throw { code: 'transition_refused', message: 'cannot move an order from cancelled to accepted', field: null } satisfies AppError;
    };
    const dialog = await openFirstOrder();
    byTestId<HTMLButtonElement>('action-accept', dialog)!.click();
    await settle();
    const notice = byTestId('detail-error', dialog)!;
    expect(notice.querySelector('[role="alert"]')).not.toBeNull();
    expect(notice.textContent).toContain("The order's status no longer allows this.");
    expect(notice.textContent).toContain("The order's status does not allow this now.");
    expect(dialog.getAttribute('data-status')).toBe('placed');
  });

  test('the detail reloads after every completed sync', async () => {
    await openFirstOrder();
    expect(fake.count('order_detail')).toBe(1);
    current = orderDetail({ actions: [], portal_status: 'cancelled_automatically' }, { status: 'cancelled_automatically' });
    fake.pushStatus(syncStatus({ syncing: true }));
    fake.pushStatus(syncStatus({ syncing: false }));
    await settle();
    expect(fake.count('order_detail')).toBe(2);
    expect(byTestId('order-detail')?.getAttribute('data-status')).toBe('cancelled_automatically');
  });
});

describe('declining', () => {
  test('needs a reason: the error the app returns for "reason" is shown next to the field', async () => {
    // The rule the app applies (desk-core rejects a blank reason with field "reason").
    fake.handlers.order_decline = (args) => {
      if (String(args.reason).trim() === '') {
        throw { code: 'invalid_input', message: 'a reason for declining is required', field: 'reason', key: 'decline_reason_required' } satisfies AppError;
      }
      current = orderDetail({ actions: [], portal_status: 'placed', pending_mutations: 1 }, { status: 'declined_by_supplier' });
      return current;
    };
    const dialog = await openFirstOrder();
    expect(q('#decline-reason')).toBeNull();
    const open = byTestId<HTMLButtonElement>('action-decline', dialog)!;
    open.click();
    await settle();
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const reason = q<HTMLTextAreaElement>('#decline-reason', dialog)!;
    expect(document.activeElement).toBe(reason);
    expect(q('label[for="decline-reason"]')?.textContent).toBe('Reason for declining');

    byTestId<HTMLButtonElement>('decline-submit', dialog)!.click();
    await settle();
    expect(fake.argsOf('order_decline')).toEqual([{ orderId: 'ord-0', reason: '' }]);
    const error = byTestId('error-reason', dialog)!;
    expect(error.textContent).toContain('Say why the order is declined.');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(reason.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    // The error sits with the field, not in the panel's notice.
    expect(error.closest('.field')).toBe(reason.closest('.field'));
    expect(byTestId('detail-error', dialog)).toBeNull();
    expect(dialog.getAttribute('data-status')).toBe('placed');

    type(reason, 'The item is out of production');
    byTestId<HTMLButtonElement>('decline-submit', dialog)!.click();
    await settle();
    expect(fake.argsOf('order_decline')[1]).toEqual({ orderId: 'ord-0', reason: 'The item is out of production' });
    expect(dialog.getAttribute('data-status')).toBe('declined_by_supplier');
    expect(byTestId('error-reason')).toBeNull();
    expect(q('#decline-reason')).toBeNull();
    expect(byTestId('detail-result', dialog)?.textContent).toBe('Order declined. The change will be sent to the portal.');
  });
});

describe('recording a delivery', () => {
  beforeEach(() => {
    current = orderDetail({ actions: ['record_delivery'], portal_status: 'accepted' }, { status: 'accepted' });
  });

  async function openDeliveryForm(): Promise<HTMLElement> {
    const dialog = await openFirstOrder();
    byTestId<HTMLButtonElement>('action-record-delivery', dialog)!.click();
    await settle();
    return dialog;
  }

  test('sends the DeliveryInput: serials split by line, trimmed, empty lines dropped', async () => {
    fake.handlers.delivery_record = () => {
      current = orderDetail({ actions: [], portal_status: 'accepted', pending_mutations: 1 }, { status: 'delivered' });
      return current;
    };
    const dialog = await openDeliveryForm();
    const date = q<HTMLInputElement>('#delivery-date', dialog)!;
    expect(document.activeElement).toBe(date);
    // Shown DD.MM.YYYY whatever the computer's locale (no native date input); sent as the ISO day.
    expect(date.type).toBe('text');
    expect(date.value).toBe(kazakhstanDate(Date.now()).split('-').reverse().join('.'));
    expect(date.value).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);

    type(date, '2025-03-07');
    type(q<HTMLInputElement>('#delivery-place', dialog)!, '  Participant home, Zhezkazgan ');
    type(q<HTMLTextAreaElement>('#delivery-serials', dialog)!, '  SN-0001 \n\n SN-0002\r\n   \nSN-0003');
    type(q<HTMLTextAreaElement>('#delivery-notes', dialog)!, 'Handed to the guardian');
    byTestId<HTMLButtonElement>('delivery-submit', dialog)!.click();
    await settle();

    const expected: DeliveryInput = {
      order_id: 'ord-0',
      delivered_on: '2025-03-07',
      place: 'Participant home, Zhezkazgan',
      serial_numbers: ['SN-0001', 'SN-0002', 'SN-0003'],
      notes: 'Handed to the guardian',
      photos: [],
      items: [
        { classifier_code: 'TSR-01-003', serial_numbers: ['SN-0001', 'SN-0002', 'SN-0003'] },
        { classifier_code: 'HYG-02-001', serial_numbers: [] },
      ],
      received_by: { kind: 'participant' },
    };
    expect(fake.argsOf('delivery_record')).toEqual([{ input: expected }]);
    expect(dialog.getAttribute('data-status')).toBe('delivered');
    expect(byTestId('detail-result', dialog)?.textContent).toBe('Delivery recorded. The change will be sent to the portal.');
  });

  test('an error for "place" is shown next to the place field, which gets focus', async () => {
    fake.handlers.delivery_record = () => {
      throw { code: 'invalid_input', message: 'where the items were handed over is required', field: 'place', key: 'delivery_place_required' } satisfies AppError;
    };
    const dialog = await openDeliveryForm();
    // The place starts from the participant's address.
    expect(q<HTMLInputElement>('#delivery-place', dialog)!.value).toBe('Жезқазған, Абай көшесі, 12');
    type(q<HTMLInputElement>('#delivery-place', dialog)!, '');
    byTestId<HTMLButtonElement>('delivery-submit', dialog)!.click();
    await settle();
    const place = q<HTMLInputElement>('#delivery-place', dialog)!;
    const error = byTestId('error-place', dialog)!;
    expect(error.textContent).toContain('Say where the items were handed over.');
    expect(error.closest('.field')).toBe(place.closest('.field'));
    expect(place.getAttribute('aria-invalid')).toBe('true');
    expect(place.getAttribute('aria-describedby')).toBe(error.id);
    expect(document.activeElement).toBe(place);
    // The other fields are not marked.
    expect(q('#delivery-date', dialog)?.getAttribute('aria-invalid')).toBe('false');
    expect(byTestId('error-delivered_on', dialog)).toBeNull();
    expect(byTestId('detail-error', dialog)).toBeNull();
    // The form stays open with what was typed.
    expect(q('#delivery-serials', dialog)).not.toBeNull();
  });

  test('one serials field per item, a fitted one filled in from its fitting', async () => {
    current = orderDetail({ actions: ['record_delivery'], portal_status: 'accepted' }, { status: 'accepted' });
    current.lines[0].serial_numbers_from_fitting = ['PR-77', 'LN-42'];
    fake.handlers.delivery_record = () => current;
    const dialog = await openDeliveryForm();
    const first = q<HTMLTextAreaElement>('#delivery-serials', dialog)!;
    const second = q<HTMLTextAreaElement>('#delivery-serials-2', dialog)!;
    expect(first.closest('.field')?.querySelector('label')?.textContent).toContain('Thigh prosthesis');
    expect(second.closest('.field')?.querySelector('label')?.textContent).toContain('Diapers');
    expect(first.value).toBe('PR-77\nLN-42');
    expect(second.value).toBe('');
    type(second, ' D-1 ');
    byTestId<HTMLButtonElement>('delivery-submit', dialog)!.click();
    await settle();
    const [{ input }] = fake.argsOf('delivery_record') as [{ input: DeliveryInput }];
    expect(input.items).toEqual([
      { classifier_code: 'TSR-01-003', serial_numbers: ['PR-77', 'LN-42'] },
      { classifier_code: 'HYG-02-001', serial_numbers: ['D-1'] },
    ]);
    expect(input.serial_numbers).toEqual(['PR-77', 'LN-42', 'D-1']);
  });

  test('a representative is named, and an error for the name is shown next to it', async () => {
    fake.handlers.delivery_record = () => {
      throw {
        code: 'invalid_input',
        message: 'a representative who received the items needs a name',
        field: 'received_by',
        key: 'delivery_receiver_name',
      } satisfies AppError;
    };
    const dialog = await openDeliveryForm();
    expect(q<HTMLInputElement>('[data-testid="delivery-received-participant"]', dialog)!.checked).toBe(true);
    expect(q('#delivery-representative', dialog)).toBeNull();
    byTestId<HTMLInputElement>('delivery-received-representative', dialog)!.click();
    await settle();
    const name = q<HTMLInputElement>('#delivery-representative', dialog)!;
    type(name, '   ');
    byTestId<HTMLButtonElement>('delivery-submit', dialog)!.click();
    await settle();
    const [{ input }] = fake.argsOf('delivery_record') as [{ input: DeliveryInput }];
    expect(input.received_by).toEqual({ kind: 'representative', name: '' });
    const error = byTestId('error-received_by', dialog)!;
    expect(error.textContent).toContain("Enter the representative's name");
    expect(error.closest('.field')).toBe(name.closest('.field'));
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
  });

  test('an error for "delivered_on" is shown next to the date', async () => {
    fake.handlers.delivery_record = () => {
      throw { code: 'invalid_input', message: 'the date must be a calendar date (YYYY-MM-DD)', field: 'delivered_on', key: 'date_malformed' } satisfies AppError;
    };
    const dialog = await openDeliveryForm();
    byTestId<HTMLButtonElement>('delivery-submit', dialog)!.click();
    await settle();
    expect(byTestId('error-delivered_on', dialog)?.textContent).toContain('Enter a calendar date.');
    expect(q('#delivery-date', dialog)?.getAttribute('aria-invalid')).toBe('true');
  });
});
