// @vitest-environment happy-dom
// The tabs other than the inbox and the dialogs load their code the first time they are shown,
// and are kept from then on. (A file of its own: the loaded code is remembered per test file.)
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import App from './App.svelte';
import { locale } from './i18n/locale.svelte';
import { FakeApp, byTestId, orderDetail, q, settle } from './test-support/backend';

let fake: FakeApp;
let app: ReturnType<typeof mount> | null;

beforeEach(() => {
  locale.lang = 'en';
  document.body.innerHTML = '';
  fake = new FakeApp();
  fake.handlers.conflicts_list = () => [];
  fake.handlers.order_detail = () => orderDetail();
  fake.install();
  app = null;
});

afterEach(() => {
  if (app) unmount(app);
  fake.uninstall();
});

describe('parts of the window loaded on first show', () => {
  test('a tab panel is empty until its tab is chosen, busy while its code loads, then kept', async () => {
    app = mount(App, { target: document.body });
    await settle();
    for (const id of ['offerings', 'conflicts', 'outages', 'workshop']) {
      const panel = q(`#panel-${id}`)!;
      // The panel is there for the tab's aria-controls, hidden and empty.
      expect(panel.getAttribute('role')).toBe('tabpanel');
      expect(panel.getAttribute('aria-labelledby')).toBe(`tab-${id}`);
      expect(panel.hidden).toBe(true);
      expect(panel.childElementCount).toBe(0);
      expect(panel.hasAttribute('aria-busy')).toBe(false);
    }
    expect(fake.count('conflicts_list')).toBe(0);

    q<HTMLButtonElement>('#tab-conflicts')!.click();
    flushSync();
    const panel = q('#panel-conflicts')!;
    expect(panel.hidden).toBe(false);
    expect(panel.getAttribute('aria-busy')).toBe('true');

    await settle();
    expect(panel.hasAttribute('aria-busy')).toBe(false);
    const heading = q('#conflicts-heading');
    expect(heading).not.toBeNull();
    expect(fake.count('conflicts_list')).toBe(1);
    // The other hidden tabs are still not loaded.
    expect(q('#panel-outages')!.childElementCount).toBe(0);

    // Back to the inbox and again: the same panel content, hidden meanwhile, not built anew.
    q<HTMLButtonElement>('#tab-inbox')!.click();
    await settle();
    expect(panel.hidden).toBe(true);
    expect(heading!.isConnected).toBe(true);
    q<HTMLButtonElement>('#tab-conflicts')!.click();
    await settle();
    expect(q('#conflicts-heading')).toBe(heading);
  });

  test('a dialog appears with its code loaded; the window behind is inert from the click on', async () => {
    app = mount(App, { target: document.body });
    await settle();
    expect(byTestId('order-detail')).toBeNull();

    byTestId<HTMLButtonElement>('open-order')!.click();
    flushSync();
    expect(q('.layout')?.hasAttribute('inert')).toBe(true);

    await settle();
    const dialog = byTestId('order-detail');
    expect(dialog).not.toBeNull();
    expect(document.activeElement).toBe(q('#order-title'));
  });
});
