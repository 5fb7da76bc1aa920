// @vitest-environment happy-dom
// "Change prices" against a mocked Tauri IPC: the preview lists each price before and after,
// Apply asks first and sends the previewed steps once, the form locks, and Undo sends them back.
import { mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BulkPriceOutcome, PriceStep } from '../../bindings/bindings';
import App from '../../App.svelte';
import { locale } from '../../i18n/locale.svelte';
import { FakeApp, byTestId, q, qa, settle, type } from '../../test-support/backend';

const steps: PriceStep[] = [
  { offering_id: 'off-1', classifier_code: 'TSR-01-001', name: { kk: 'Протез', ru: 'Протез', en: 'Prosthesis' }, price_tiyn: 154_800_00, new_price_tiyn: 139_320_00 },
  { offering_id: 'off-2', classifier_code: 'TSR-01-002', name: { kk: 'Ортез', ru: 'Ортез', en: 'Orthosis' }, price_tiyn: 10_000_00, new_price_tiyn: 9_000_00 },
];
const outcome = (applied: boolean): BulkPriceOutcome => ({ matched: 2, changed: 2, refused: [], steps, applied });

let fake: FakeApp;
let app: ReturnType<typeof mount> | null = null;

beforeEach(() => {
  locale.lang = 'en';
  document.body.innerHTML = '';
  fake = new FakeApp();
  fake.handlers.offerings_price_preview = () => outcome(false);
  fake.handlers.offerings_price_change = () => outcome(true);
  fake.handlers.offerings_price_undo = () => ({ ...outcome(true), steps: steps.map((s) => ({ ...s, price_tiyn: s.new_price_tiyn, new_price_tiyn: s.price_tiyn })) });
  fake.install();
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
  fake.uninstall();
});

describe('change prices', () => {
  test('confirm, apply once, then undo', async () => {
    app = mount(App, { target: document.body });
    await settle();
    q<HTMLButtonElement>('#tab-offerings')!.click();
    await settle();
    byTestId<HTMLButtonElement>('bulk-price-open')!.click();
    await settle();
    type(q<HTMLInputElement>('#bulk-price-value')!, '-10');
    byTestId<HTMLInputElement>('bulk-price-whole')!.click();
    await settle();
    expect(fake.argsOf('offerings_price_preview').at(-1)?.rounding).toBe('whole_tenge');
    const rows = qa('[data-testid="bulk-price-step"]');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('₸154,800.00');
    expect(rows[0].textContent).toContain('₸139,320.00');

    // Apply asks first; nothing is sent until it is confirmed.
    byTestId<HTMLButtonElement>('bulk-price-apply')!.click();
    await settle();
    expect(fake.count('offerings_price_change')).toBe(0);
    expect(document.body.textContent).toContain('Change the prices now (2)?');
    expect(document.activeElement).toBe(byTestId('bulk-price-confirm'));
    byTestId<HTMLButtonElement>('bulk-price-confirm')!.click();
    await settle();
    expect(fake.argsOf('offerings_price_change')).toStrictEqual([
      { filter: { category: null, search: '', published: null }, change: { kind: 'percent', value: '-10' }, rounding: 'whole_tenge', expected: steps },
    ]);

    // Applied: no Apply to click again, the fields locked, Undo offered and focused.
    expect(byTestId('bulk-price-apply')).toBeNull();
    expect(q<HTMLInputElement>('#bulk-price-value')!.closest('fieldset')!.disabled).toBe(true);
    expect(document.activeElement).toBe(byTestId('bulk-price-undo'));
    byTestId<HTMLButtonElement>('bulk-price-undo')!.click();
    await settle();
    expect(fake.argsOf('offerings_price_undo')).toStrictEqual([{ steps }]);
    expect(byTestId('bulk-price-done')!.textContent).toContain('2 prices are back');
    expect(q<HTMLInputElement>('#bulk-price-value')!.closest('fieldset')!.disabled).toBe(false);
    expect(fake.count('offerings_price_change')).toBe(1);
  });
});
