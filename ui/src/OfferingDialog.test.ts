// @vitest-environment happy-dom
// The offering form's model and manufacturer against a mocked Tauri IPC: shown in the list
// after the name, filled in from the offering, sent trimmed, and a refusal worded under its field.
import { mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { OfferingInput, OfferingRow } from './bindings/bindings';
import type { AppError } from './bindings/shell';
import App from './App.svelte';
import { locale } from './i18n/locale.svelte';
import { FakeApp, byTestId, q, settle, type } from './test-support/backend';

const aid: OfferingRow = {
  id: 'off-1',
  classifier_code: 'TSR-02-003',
  category: 'hearing',
  name: { kk: 'Есту аппараты', ru: 'Слуховой аппарат', en: 'In-the-ear hearing aid' },
  price_tiyn: 300_000_00,
  limit_price_tiyn: 320_000_00,
  stock: 2,
  regions: ['KZ-ALA'],
  stock_by_region: [{ region: 'KZ-ALA', quantity: 2 }],
  warranty_months: 12,
  description: '',
  published: true,
  model: 'Phonak Virto P50',
  manufacturer: 'Sonova AG',
};

let fake: FakeApp;
let app: ReturnType<typeof mount> | null = null;

beforeEach(() => {
  locale.lang = 'en';
  document.body.innerHTML = '';
  fake = new FakeApp();
  fake.handlers.offerings_list = () => [aid];
  fake.handlers.classifier_options = () => [];
  fake.handlers.offering_photos = () => [];
  fake.handlers.offering_save = () => 'off-1';
  fake.install();
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
  fake.uninstall();
});

async function openEdit() {
  app = mount(App, { target: document.body });
  await settle();
  q<HTMLButtonElement>('#tab-offerings')!.click();
  await settle();
  byTestId<HTMLButtonElement>('offering-edit')!.click();
  await settle();
}

const saved = () => fake.argsOf('offering_save').map((a) => a.input as OfferingInput);

describe('the model and the manufacturer', () => {
  test('are shown after the name, filled in, and sent trimmed', async () => {
    await openEdit();
    const row = byTestId('offering-row')!;
    expect(byTestId('offering-row-model', row)!.textContent).toBe(' · Phonak Virto P50');
    expect(row.querySelector('td')!.title).toBe('In-the-ear hearing aid\nPhonak Virto P50 · Sonova AG\nHearing (surdotechnical) means');
    const model = byTestId<HTMLInputElement>('offering-model')!;
    const manufacturer = byTestId<HTMLInputElement>('offering-manufacturer')!;
    expect([model.value, manufacturer.value]).toEqual(['Phonak Virto P50', 'Sonova AG']);
    type(model, '  Phonak Virto P70 ');
    type(manufacturer, ' ');
    byTestId<HTMLButtonElement>('offering-save')!.click();
    await settle();
    expect(saved().map((i) => [i.offering_id, i.model, i.manufacturer])).toEqual([['off-1', 'Phonak Virto P70', '']]);
  });

  test('a refusal is worded under its field', async () => {
    const tooLong: AppError = { code: 'invalid_input', message: 'the model is too long', field: 'model', key: 'model_too_long', params: [['max', '120']] };
    fake.handlers.offering_save = () => {
      throw tooLong;
    };
    await openEdit();
    type(byTestId<HTMLInputElement>('offering-model')!, 'x'.repeat(121));
    byTestId<HTMLButtonElement>('offering-save')!.click();
    await settle();
    const model = byTestId<HTMLInputElement>('offering-model')!;
    expect(model.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('offering-error-model')?.textContent).toContain('The model is longer than 120 characters.');
    expect(model.getAttribute('aria-describedby')).toContain('offering-error-model');
    expect(document.activeElement).toBe(model);
  });
});
