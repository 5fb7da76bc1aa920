// Who is signed in at this workstation, and the screen lock. The Rust side decides (it refuses
// every command after the idle time and every command the role does not cover); this module
// follows it: it shows the sign-in screen when the app says the session is gone, reports use so
// that a long form does not lock, and locks the screen itself when the idle time has passed.
import type { Command, SessionView } from '../bindings/bindings';
import type { AppError } from '../bindings/shell';
import { isLang } from '../i18n/index';
import { locale } from '../i18n/locale.svelte';
import { sessionEnd, sessionTouch } from './commands';
import { takeSessionState } from './early-session';
import { onSessionLost, toAppError } from './ipc';

/** Use is reported at most this often (ms). */
const TOUCH_EVERY_MS = 30_000;

class SessionStore {
  /** False until the app has said whether anyone is signed in. */
  loaded = $state(false);
  needsFirstAccount = $state(false);
  current = $state<SessionView | null>(null);
  /** Why the sign-in screen shows: null at start or after signing out. */
  reason = $state<'locked' | null>(null);
  /** The user name to offer on the sign-in screen (who was signed in before a lock). */
  lastUser = $state('');
  problem = $state<AppError | null>(null);
  /** Refused sign-ins under this name before this one, said once in the desk. */
  refusedBefore = $state(0);

  allows(command: Command): boolean {
    return this.current?.allowed.includes(command) ?? false;
  }
}

export const session = new SessionStore();

let lastUse = Date.now();
let lastTouch = 0;
let timer: ReturnType<typeof setInterval> | null = null;

onSessionLost((error) => {
  if (session.current) showSignIn(error.code === 'locked' ? 'locked' : null);
});

function showSignIn(reason: 'locked' | null) {
  if (session.current) session.lastUser = session.current.username;
  session.current = null;
  session.reason = reason;
  stopIdleWatch();
}

export async function loadSession(): Promise<void> {
  try {
    const state = await takeSessionState();
    session.needsFirstAccount = state.needs_first_account;
    session.current = state.session;
    session.problem = null;
    if (state.session) {
      followLanguage(state.session);
      startIdleWatch();
    }
  } catch (e) {
    session.problem = toAppError(e);
  } finally {
    session.loaded = true;
  }
}

/** Someone signed in (or made the first account): their desk shows. */
export function signedIn(view: SessionView): void {
  followLanguage(view);
  session.current = view;
  session.needsFirstAccount = false;
  session.reason = null;
  session.lastUser = view.username;
  startIdleWatch();
}

/** The window speaks the language the person chose last time, if they chose one. */
function followLanguage(view: SessionView): void {
  if (view.language && isLang(view.language)) locale.lang = view.language;
}

/** Forgets who is signed in without telling the app (the window is going away). */
export function resetSession(): void {
  stopIdleWatch();
  session.loaded = false;
  session.current = null;
  session.needsFirstAccount = false;
  session.reason = null;
  session.lastUser = '';
  session.refusedBefore = 0;
}

/** A restore replaced the desk's staff with the backup's: the app ended the session. */
export function sessionEndedByRestore(): void {
  showSignIn(null);
  session.lastUser = '';
}

/** Locks the screen now (`lock`) or signs out for another person. */
export async function endSession(lock: boolean): Promise<void> {
  try {
    await sessionEnd(lock);
  } finally {
    showSignIn(lock ? 'locked' : null);
    if (!lock) session.lastUser = '';
  }
}

function noteUse() {
  lastUse = Date.now();
  if (lastUse - lastTouch < TOUCH_EVERY_MS) return;
  lastTouch = lastUse;
  // A refusal (the app had locked already) reaches `onSessionLost`.
  sessionTouch().catch(() => {});
}

const USE_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

function startIdleWatch() {
  stopIdleWatch();
  lastUse = Date.now();
  lastTouch = lastUse;
  for (const type of USE_EVENTS) window.addEventListener(type, noteUse, { capture: true, passive: true });
  timer = setInterval(() => {
    const limit = (session.current?.lock_after_secs ?? 0) * 1000;
    if (session.current && limit > 0 && Date.now() - lastUse >= limit) void endSession(true);
  }, 1000);
}

function stopIdleWatch() {
  for (const type of USE_EVENTS) window.removeEventListener(type, noteUse, { capture: true });
  if (timer !== null) clearInterval(timer);
  timer = null;
}
