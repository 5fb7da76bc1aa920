// @vitest-environment happy-dom
// The confirmation asked when the window is closed with changes still queued.
import { Channel } from '@tauri-apps/api/core';
import { mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppError } from './bindings/shell';
import App from './App.svelte';
import { locale } from './i18n/locale.svelte';
import { FakeApp, byTestId, press, q, settle } from './test-support/backend';

let fake: FakeApp;
let app: ReturnType<typeof mount> | null;

beforeEach(() => {
  locale.lang = 'en';
  document.body.innerHTML = '';
  fake = new FakeApp();
  fake.handlers.app_quit = () => null;
  fake.install();
  app = null;
});

afterEach(() => {
  if (app) unmount(app);
  fake.uninstall();
});

async function startAndAsk(pending: number): Promise<HTMLElement> {
  app = mount(App, { target: document.body });
  await settle();
  fake.pushQuitRequest({ pending_mutations: pending });
  await settle();
  const dialog = byTestId('quit-dialog');
  expect(dialog).not.toBeNull();
  return dialog!;
}

describe('quit guard', () => {
  test('the page asks for quit requests once, over a channel', async () => {
    app = mount(App, { target: document.body });
    await settle();
    expect(fake.count('quit_guard')).toBe(1);
    expect(fake.argsOf('quit_guard')[0].onRequest).toBeInstanceOf(Channel);
    expect(byTestId('quit-dialog')).toBeNull();
  });

  test('a quit request opens a modal alert dialog that says how many changes are queued', async () => {
    const dialog = await startAndAsk(3);
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(q(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent).toBe('Quit Supplier Desk?');
    const description = q(`#${dialog.getAttribute('aria-describedby')}`)!;
    expect(description.textContent).toContain('3 changes have not reached the portal yet.');
    expect(description.textContent).toContain('They stay saved and will be sent at the next start. Quit anyway?');
    expect(byTestId('quit-confirm')?.textContent?.trim()).toBe('Quit');
    expect(byTestId('quit-cancel')?.textContent?.trim()).toBe('Stay');
    // The safe answer has focus; the window behind is inert.
    expect(document.activeElement).toBe(byTestId('quit-cancel'));
    expect(q('.layout')?.hasAttribute('inert')).toBe(true);
  });

  test('one change, and Russian plural forms', async () => {
    const dialog = await startAndAsk(1);
    expect(byTestId('quit-pending', dialog)?.textContent).toBe('1 change has not reached the portal yet.');
    locale.lang = 'ru';
    await settle();
    expect(byTestId('quit-pending', dialog)?.textContent).toBe('1 изменение ещё не дошло до портала.');
    fake.pushQuitRequest({ pending_mutations: 5 });
    await settle();
    expect(byTestId('quit-pending', dialog)?.textContent).toBe('5 изменений ещё не дошли до портала.');
  });

  test('Quit calls app_quit', async () => {
    await startAndAsk(3);
    byTestId<HTMLButtonElement>('quit-confirm')!.click();
    await settle();
    expect(fake.count('app_quit')).toBe(1);
  });

  test('Stay closes the dialog without quitting and gives focus back', async () => {
    app = mount(App, { target: document.body });
    await settle();
    const tab = q<HTMLButtonElement>('#tab-offerings')!;
    tab.focus();
    fake.pushQuitRequest({ pending_mutations: 2 });
    await settle();
    byTestId<HTMLButtonElement>('quit-cancel')!.click();
    await settle();
    expect(byTestId('quit-dialog')).toBeNull();
    expect(fake.count('app_quit')).toBe(0);
    expect(q('.layout')?.hasAttribute('inert')).toBe(false);
    expect(document.activeElement).toBe(tab);
  });

  test('Escape means stay; Tab cannot leave the dialog', async () => {
    const dialog = await startAndAsk(2);
    const stay = byTestId<HTMLButtonElement>('quit-cancel')!;
    const quit = byTestId<HTMLButtonElement>('quit-confirm')!;
    press(stay, 'Tab');
    expect(document.activeElement).toBe(quit);
    press(quit, 'Tab', { shiftKey: true });
    expect(document.activeElement).toBe(stay);
    press(dialog, 'Escape');
    await settle();
    expect(byTestId('quit-dialog')).toBeNull();
    expect(fake.count('app_quit')).toBe(0);
  });

  test('a failed quit is shown in the dialog', async () => {
    fake.handlers.app_quit = () => {
      throw { code: 'internal', message: 'exit refused', field: null } satisfies AppError;
    };
    const dialog = await startAndAsk(2);
    byTestId<HTMLButtonElement>('quit-confirm')!.click();
    await settle();
    expect(dialog.querySelector('[role="alert"]')?.textContent).toContain('Could not quit.');
    expect(dialog.textContent).toContain('Something went wrong. The details are in the log.');
  });
});
