// @vitest-environment happy-dom
// Signing in again after the portal refused the supplier's credentials.
import { mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppError } from './bindings/shell';
import App from './App.svelte';
import { locale } from './i18n/locale.svelte';
import { binLooksValid } from './lib/sign-in.svelte';
import { FakeApp, byTestId, press, q, settle, syncStatus, type } from './test-support/backend';

const BIN = '150840021734';

let fake: FakeApp;
let app: ReturnType<typeof mount> | null;

beforeEach(() => {
  locale.lang = 'en';
  document.body.innerHTML = '';
  fake = new FakeApp();
  fake.status = syncStatus({ connectivity: 'signed_out', last_error: 'the portal refused the credentials' }, { pending_mutations: 2 });
  fake.handlers.portal_sign_in = () => null;
  fake.install();
  app = null;
});

afterEach(() => {
  if (app) unmount(app);
  fake.uninstall();
});

async function start(): Promise<void> {
  app = mount(App, { target: document.body });
  await settle();
}

async function openDialog(): Promise<HTMLElement> {
  await start();
  byTestId<HTMLButtonElement>('sign-in-again')!.click();
  await settle();
  const dialog = byTestId('sign-in-dialog');
  expect(dialog).not.toBeNull();
  return dialog!;
}

const binField = () => q<HTMLInputElement>('#sign-in-bin')!;
const passwordField = () => q<HTMLInputElement>('#sign-in-password')!;

async function submit(): Promise<void> {
  byTestId<HTMLButtonElement>('sign-in-submit')!.click();
  await settle();
}

describe('the Sign in again button', () => {
  test('appears only while the portal refuses the credentials', async () => {
    fake.status = syncStatus({ connectivity: 'online' });
    await start();
    expect(byTestId('sign-in-again')).toBeNull();

    fake.pushStatus(syncStatus({ connectivity: 'offline' }));
    await settle();
    expect(byTestId('sign-in-again')).toBeNull();

    fake.pushStatus(syncStatus({ connectivity: 'signed_out' }));
    await settle();
    const button = byTestId('sign-in-again')!;
    expect(button.tagName).toBe('BUTTON');
    expect(button.textContent?.trim()).toBe('Sign in again');
    expect(q('footer.statusbar')?.contains(button)).toBe(true);

    fake.pushStatus(syncStatus({ connectivity: 'online' }));
    await settle();
    expect(byTestId('sign-in-again')).toBeNull();
  });

  test('is translated', async () => {
    await start();
    locale.lang = 'ru';
    await settle();
    expect(byTestId('sign-in-again')?.textContent?.trim()).toBe('Войти снова');
    locale.lang = 'kk';
    await settle();
    expect(byTestId('sign-in-again')?.textContent?.trim()).toBe('Қайта кіру');
  });
});

describe('the dialog', () => {
  test('is a labelled modal that explains the queue is kept; focus starts on the BIN', async () => {
    const dialog = await openDialog();
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(q(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent).toBe('Sign in to the portal again');
    expect(q(`#${dialog.getAttribute('aria-describedby')}`)?.textContent).toContain(
      'changes that have not reached the portal yet are kept on this computer and go out after you sign in',
    );
    expect(q('.layout')?.hasAttribute('inert')).toBe(true);
    expect(document.activeElement).toBe(binField());

    expect(binField().getAttribute('inputmode')).toBe('numeric');
    expect(q('label[for="sign-in-bin"]')?.textContent).toBe('BIN');
    expect(passwordField().type).toBe('password');
    expect(passwordField().getAttribute('autocomplete')).toBe('current-password');
    expect(q('label[for="sign-in-password"]')?.textContent).toBe('Password');
  });

  test('Tab stays inside; Escape closes it and focus returns to the button', async () => {
    const dialog = await openDialog();
    const cancel = byTestId<HTMLButtonElement>('sign-in-cancel')!;
    cancel.focus();
    press(cancel, 'Tab');
    expect(document.activeElement).toBe(binField());
    press(binField(), 'Tab', { shiftKey: true });
    expect(document.activeElement).toBe(cancel);

    press(dialog, 'Escape');
    await settle();
    expect(byTestId('sign-in-dialog')).toBeNull();
    expect(q('.layout')?.hasAttribute('inert')).toBe(false);
    expect(document.activeElement).toBe(byTestId('sign-in-again'));
    expect(fake.count('portal_sign_in')).toBe(0);
  });
});

describe('signing in', () => {
  test('a BIN that is not 12 digits is refused here, next to the field, and nothing is sent', async () => {
    await openDialog();
    for (const bad of ['', '15084002173', '1508400217345', '15084002173a']) {
      type(binField(), bad);
      type(passwordField(), 'secret');
      await submit();
      const bin = binField();
      expect(bin.getAttribute('aria-invalid'), bad).toBe('true');
      const error = byTestId('error-bin')!;
      expect(error.textContent).toContain('The BIN must be exactly 12 digits.');
      expect(bin.getAttribute('aria-describedby')?.split(' ')).toEqual(['sign-in-bin-hint', error.id]);
      expect(document.activeElement).toBe(bin);
      expect(passwordField().getAttribute('aria-invalid')).toBe('false');
    }
    expect(fake.count('portal_sign_in')).toBe(0);
    expect(byTestId('sign-in-dialog')).not.toBeNull();

    // The message follows the language.
    locale.lang = 'ru';
    await settle();
    expect(byTestId('error-bin')?.textContent).toContain('БИН должен состоять ровно из 12 цифр.');
  });

  test('the BIN check is only its shape: twelve digits', () => {
    expect(binLooksValid(BIN)).toBe(true);
    expect(binLooksValid('000000000000')).toBe(true);
    expect(binLooksValid('15084002173')).toBe(false);
    expect(binLooksValid('1508 4002 1734')).toBe(false);
    expect(binLooksValid('１５０８４００２１７３４')).toBe(false);
  });

  test('sends the typed BIN and password', async () => {
    await openDialog();
    type(binField(), BIN);
    type(passwordField(), 'Demo-Pass 1');
    await submit();
    expect(fake.argsOf('portal_sign_in')).toEqual([{ bin: BIN, password: 'Demo-Pass 1' }]);
  });

  test('an error the app returns for "password" is shown next to the password field, which gets focus', async () => {
    // As the app refuses a blank password (the UI leaves that rule to it).
    fake.handlers.portal_sign_in = (args) => {
      if (args.password === '') {
        throw { code: 'invalid_input', message: 'the password is required', field: 'password', key: 'password_required' } satisfies AppError;
      }
      return null;
    };
    const dialog = await openDialog();
    type(binField(), BIN);
    await submit();
    expect(fake.argsOf('portal_sign_in')).toEqual([{ bin: BIN, password: '' }]);
    const password = passwordField();
    const error = byTestId('error-password', dialog)!;
    expect(error.textContent).toContain('Not accepted: The password is required.');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe(error.id);
    expect(document.activeElement).toBe(password);
    expect(byTestId('error-bin', dialog)).toBeNull();
    expect(binField().getAttribute('aria-invalid')).toBe('false');
    expect(byTestId('sign-in-dialog')).not.toBeNull();
  });

  test('an error for "bin" (the check digit, decided in Rust) is shown next to the BIN', async () => {
    fake.handlers.portal_sign_in = () => {
      throw { code: 'invalid_input', message: 'the BIN check digit does not match', field: 'bin', key: 'bin_invalid' } satisfies AppError;
    };
    await openDialog();
    type(binField(), '150840021735');
    type(passwordField(), 'secret');
    await submit();
    expect(byTestId('error-bin')?.textContent).toContain('Not accepted: This is not a valid BIN');
    expect(binField().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(binField());
  });

  test('an error for no field is shown in the dialog', async () => {
    fake.handlers.portal_sign_in = () => {
      throw { code: 'internal', message: 'the engine is gone', field: null } satisfies AppError;
    };
    const dialog = await openDialog();
    type(binField(), BIN);
    type(passwordField(), 'secret');
    await submit();
    const alert = dialog.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('Could not sign in.');
    expect(alert.textContent).toContain('The details are in the log.');
    expect(alert.textContent).not.toContain('the engine is gone');
  });

  test('success closes the dialog and says politely that the queue goes out, until the sync has finished', async () => {
    await openDialog();
    type(binField(), BIN);
    type(passwordField(), 'secret');
    await submit();
    expect(byTestId('sign-in-dialog')).toBeNull();
    expect(q('.layout')?.hasAttribute('inert')).toBe(false);
    expect(document.activeElement).toBe(byTestId('sign-in-again'));

    const note = byTestId('sign-in-sent')!;
    expect(note.textContent).toBe('Signing in… your queued changes will be sent');
    expect(note.closest('[aria-live]')?.getAttribute('aria-live')).toBe('polite');

    // The sync that signs in starts, then finishes: its status shows the result.
    fake.pushStatus(syncStatus({ connectivity: 'signed_out', syncing: true }, { pending_mutations: 2 }));
    await settle();
    expect(byTestId('sign-in-sent')).not.toBeNull();
    fake.pushStatus(syncStatus({ connectivity: 'online' }, { pending_mutations: 0, last_sync_at: new Date().toISOString() }));
    await settle();
    expect(byTestId('sign-in-sent')).toBeNull();
    expect(byTestId('sign-in-again')).toBeNull();
    expect(byTestId('connectivity')?.dataset.state).toBe('online');
  });

  test('the dialog reads in Russian and Kazakh', async () => {
    locale.lang = 'ru';
    const dialog = await openDialog();
    expect(q('#sign-in-title', dialog)?.textContent).toBe('Повторный вход на портал');
    expect(q('label[for="sign-in-bin"]', dialog)?.textContent).toBe('БИН');
    locale.lang = 'kk';
    await settle();
    expect(q('#sign-in-title', dialog)?.textContent).toBe('Порталға қайта кіру');
    expect(q('label[for="sign-in-password"]', dialog)?.textContent).toBe('Құпиясөз');
  });
});
