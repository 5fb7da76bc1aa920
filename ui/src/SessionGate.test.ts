// @vitest-environment happy-dom
// Staff sign-in at the workstation: the first account, a refused password said next to the
// field with its count, a role's tabs, the lock and switching user.
import { mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { SignInAnswer } from './bindings/bindings';
import App from './App.svelte';
import { locale } from './i18n/locale.svelte';
import { resetSession } from './lib/session.svelte';
import { FakeApp, byTestId, q, qa, sessionView, settle, type } from './test-support/backend';

let fake: FakeApp;
let app: ReturnType<typeof mount> | null;

const TECH = sessionView({
  username: 'tech',
  display_name: 'Тимур',
  role: 'workshop',
  allowed: ['sync_status', 'workshop_queue', 'fitting_session_record', 'fitting_mark_fitted', 'document_order_label', 'document_fitting_act'],
});

beforeEach(() => {
  locale.lang = 'en';
  document.body.innerHTML = '';
  fake = new FakeApp();
  fake.session = null;
  fake.install();
  resetSession();
  fake.handlers.workshop_queue = () => ({ rows: [], total: 0 });
  app = null;
});

afterEach(() => {
  if (app) unmount(app);
  fake.uninstall();
});

async function signIn(username: string, password: string) {
  type(q('#session-username') as HTMLInputElement, username);
  type(q('#session-password') as HTMLInputElement, password);
  byTestId('session-submit')?.click();
  await settle();
}

describe('signing in', () => {
  test('a wrong password is refused next to the field with the count; the right one opens only the role’s tabs', async () => {
    const answers: SignInAnswer[] = [
      { outcome: 'refused', refused_in_row: 1, paused_until: null },
      { outcome: 'refused', refused_in_row: 2, paused_until: null },
      { outcome: 'signed_in', session: TECH, refused_before: 2 },
    ];
    fake.handlers.session_sign_in = () => answers.shift();
    app = mount(App, { target: document.body });
    await settle();
    expect(q('[data-testid="session-user"]')).toBeNull();
    expect(q('#session-title')?.textContent).toContain('Sign in');

    await signIn('tech', 'wrong');
    const password = q('#session-password') as HTMLInputElement;
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(byTestId('error-password')?.textContent).toContain('Wrong user name or password. Refused attempts in a row: 1.');
    expect(password.value).toBe('');
    await signIn('tech', 'wrong again');
    expect(byTestId('error-password')?.textContent).toContain('in a row: 2.');
    expect(fake.argsOf('session_sign_in')).toEqual([
      { username: 'tech', password: 'wrong' },
      { username: 'tech', password: 'wrong again' },
    ]);

    await signIn('tech', 'correct horse');
    const tabs = qa('[role="tab"]').map((t) => t.id);
    expect(tabs).toEqual(['tab-workshop']);
    expect(q('#panel-inbox')).toBeNull();
    expect(fake.count('inbox_page')).toBe(0);
    expect(byTestId('session-user')?.textContent).toContain('Тимур');
    expect(byTestId('session-user')?.textContent).toContain('workshop technician');
    expect(byTestId('refused-before')?.textContent).toContain('Sign-in attempts under your name refused since your last sign-in: 2.');
  });

  test('a paused name and a turned-off account are said so', async () => {
    const answers: SignInAnswer[] = [{ outcome: 'paused', until: '2026-12-01T10:00:00Z' }, { outcome: 'disabled' }];
    fake.handlers.session_sign_in = () => answers.shift();
    app = mount(App, { target: document.body });
    await settle();
    await signIn('tech', 'x');
    expect(byTestId('error-password')?.textContent).toContain('Too many refused attempts. Try again after');
    await signIn('tech', 'x');
    expect(byTestId('error-password')?.textContent).toContain('This account is turned off. Ask your manager.');
  });

  test('a new desk asks for its first account, the manager’s, and signs it in', async () => {
    fake.handlers.session_state = () => ({ needs_first_account: true, session: null });
    fake.handlers.session_first_manager = (args) => {
      const input = args.input as { username: string; display_name: string; role: string };
      return sessionView({ username: input.username, display_name: input.display_name });
    };
    app = mount(App, { target: document.body });
    await settle();
    expect(q('#session-title')?.textContent).toContain('Create the administrator account');
    // On the white card the language buttons are drawn dark on light (the header's are light
    // on dark, which would leave the card's unchosen languages invisible).
    expect(q('.card .langs')?.classList.contains('light')).toBe(true);
    type(q('#session-username') as HTMLInputElement, 'aigul');
    type(q('#session-display-name') as HTMLInputElement, 'Айгүл Сейітова');
    type(q('#session-password') as HTMLInputElement, 'a long password');
    byTestId('session-submit')?.click();
    await settle();
    expect(fake.argsOf('session_first_manager')).toEqual([
      { input: { username: 'aigul', display_name: 'Айгүл Сейітова', role: 'manager', password: 'a long password' } },
    ]);
    expect(qa('[role="tab"]').map((t) => t.id)).toContain('tab-staff');
    expect(qa('[role="tab"]').map((t) => t.id)).toContain('tab-audit');
  });

  test('Lock shows the lock screen with the same user; a command refused as locked does too', async () => {
    fake.session = TECH;
    app = mount(App, { target: document.body });
    await settle();
    byTestId('session-lock')?.click();
    await settle();
    expect(fake.argsOf('session_end')).toEqual([{ lock: true }]);
    expect(q('#session-title')?.textContent).toContain('The screen is locked');
    expect((q('#session-username') as HTMLInputElement).value).toBe('tech');

    // Signed in again: a sign-out leaves an empty sign-in form for the next person.
    fake.handlers.session_sign_in = () => ({ outcome: 'signed_in', session: TECH, refused_before: 0 });
    await signIn('tech', 'correct horse');
    byTestId('session-switch')?.click();
    await settle();
    expect(fake.argsOf('session_end')).toEqual([{ lock: true }, { lock: false }]);
    expect(q('#session-title')?.textContent).toContain('Sign in');
    expect((q('#session-username') as HTMLInputElement).value).toBe('');

    // The app refuses the workshop queue: its idle time had passed. The lock screen shows.
    fake.handlers.workshop_queue = () => {
      throw { code: 'locked', message: 'the screen locked after idle time; sign in again', field: null };
    };
    await signIn('tech', 'correct horse');
    expect(fake.count('workshop_queue')).toBeGreaterThan(0);
    expect(q('#session-title')?.textContent).toContain('The screen is locked');
  });
});
