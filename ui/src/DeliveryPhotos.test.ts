// @vitest-environment happy-dom
// Photos in the delivery form and the order detail, against a mocked Tauri IPC.
import { mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { DeliveryInput, OrderDetail } from './bindings/bindings';
import App from './App.svelte';
import { locale } from './i18n/locale.svelte';
import { FakeApp, byTestId, orderDetail, q, qa, settle, type } from './test-support/backend';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const SHA = 'c'.repeat(64);

let fake: FakeApp;
let app: ReturnType<typeof mount> | null;
let current: OrderDetail;

beforeEach(() => {
  locale.lang = 'en';
  document.body.innerHTML = '';
  fake = new FakeApp();
  current = orderDetail({ actions: ['record_delivery'] }, { status: 'accepted' });
  fake.handlers.order_detail = () => current;
  fake.handlers.photo_add = () => SHA;
  fake.handlers.photo_data = () => JPEG.buffer;
  fake.install();
  app = null;
});

afterEach(() => {
  if (app) unmount(app);
  fake.uninstall();
});

async function openDeliveryForm(): Promise<HTMLElement> {
  app = mount(App, { target: document.body });
  await settle();
  byTestId<HTMLButtonElement>('open-order')!.click();
  await settle();
  const dialog = byTestId('order-detail')!;
  byTestId<HTMLButtonElement>('action-record-delivery', dialog)!.click();
  await settle();
  return dialog;
}

async function choose(input: HTMLInputElement, files: File[]): Promise<void> {
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await settle();
}

describe('photos in the delivery form', () => {
  test('a chosen photo is sent as bytes, shown as a thumbnail, counted, and named by the delivery', async () => {
    fake.handlers.delivery_record = () => current;
    const dialog = await openDeliveryForm();
    const input = q<HTMLInputElement>('#delivery-photos', dialog)!;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('image/*');
    expect(input.multiple).toBe(true);
    expect(q(`label[for="delivery-photos"]`, dialog)?.textContent).toBe('Add photo');
    expect(byTestId('delivery-photo-count', dialog)?.textContent?.trim()).toBe('Photos chosen: 0');

    await choose(input, [new File([JPEG], 'handover.jpg', { type: 'image/jpeg' })]);
    const sent = fake.argsOf('photo_add')[0] as unknown as Uint8Array;
    expect(Array.from(sent)).toEqual(Array.from(JPEG));
    expect(byTestId('delivery-photo-count', dialog)?.textContent?.trim()).toBe('Photos chosen: 1');
    const thumb = q<HTMLImageElement>('.thumbs img', dialog)!;
    expect(thumb.getAttribute('src')).toBe(`data:image/jpeg;base64,${btoa(String.fromCharCode(...JPEG))}`);
    expect(thumb.alt).toBe('Photo 1');

    type(q<HTMLInputElement>('#delivery-place', dialog)!, 'Home');
    byTestId<HTMLButtonElement>('delivery-submit', dialog)!.click();
    await settle();
    const recorded = fake.argsOf('delivery_record')[0].input as DeliveryInput;
    expect(recorded.photos).toEqual([SHA]);
  });

  test('a photo removed before saving is not sent, and the keyboard goes back to the input', async () => {
    fake.handlers.delivery_record = () => current;
    const dialog = await openDeliveryForm();
    const input = q<HTMLInputElement>('#delivery-photos', dialog)!;
    await choose(input, [new File([JPEG], 'a.jpg')]);
    const remove = qa<HTMLButtonElement>('[data-photo-remove="delivery"]', dialog);
    expect(remove.map((b) => b.getAttribute('aria-label'))).toEqual(['Remove photo 1']);
    remove[0].click();
    await settle();
    expect(byTestId('delivery-photo-count', dialog)?.textContent?.trim()).toBe('Photos chosen: 0');
    expect(document.activeElement).toBe(input);
    type(q<HTMLInputElement>('#delivery-place', dialog)!, 'Home');
    byTestId<HTMLButtonElement>('delivery-submit', dialog)!.click();
    await settle();
    expect((fake.argsOf('delivery_record')[0].input as DeliveryInput).photos).toEqual([]);
  });

  test('a file that is not an image is refused next to the field without reaching the app', async () => {
    const dialog = await openDeliveryForm();
    const input = q<HTMLInputElement>('#delivery-photos', dialog)!;
    await choose(input, [new File([new TextEncoder().encode('GIF89a....')], 'scan.gif')]);
    expect(fake.count('photo_add')).toBe(0);
    const error = byTestId('error-photos', dialog)!;
    expect(error.textContent).toContain('scan.gif is not a JPEG, PNG or WebP image.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(error.id);
  });

  test("the app's refusal is shown next to the field", async () => {
    fake.handlers.photo_add = () => {
      throw { code: 'invalid_input', message: 'the file is not a JPEG, PNG or WebP image', field: 'photos', key: 'photo_not_image' };
    };
    const dialog = await openDeliveryForm();
    await choose(q<HTMLInputElement>('#delivery-photos', dialog)!, [new File([JPEG], 'big.jpg')]);
    expect(byTestId('error-photos', dialog)?.textContent).toContain('Not accepted: The file is not a JPEG, PNG or WebP image.');
    expect(byTestId('delivery-photo-count', dialog)?.textContent?.trim()).toBe('Photos chosen: 0');
  });
});

describe('photos in the order detail', () => {
  test("the delivery's photos are counted and shown from their bytes", async () => {
    current = orderDetail({ actions: [], delivery_photos: [SHA, 'd'.repeat(64)] }, { status: 'delivered' });
    app = mount(App, { target: document.body });
    await settle();
    byTestId<HTMLButtonElement>('open-order')!.click();
    await settle();
    const dialog = byTestId('order-detail')!;
    expect(byTestId('delivery-photo-count', dialog)?.textContent?.trim()).toBe('Delivery photos: 2');
    expect(fake.argsOf('photo_data')).toEqual([{ sha256: SHA }, { sha256: 'd'.repeat(64) }]);
    expect(qa<HTMLImageElement>('.delivery-photos img', dialog).map((i) => i.alt)).toEqual(['Photo 1', 'Photo 2']);
  });
});
