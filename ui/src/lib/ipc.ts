// The way to the Rust side: Tauri's `invoke` and channels, with the app's errors. The commands
// themselves are `commands.ts`, generated from their Rust functions. There is deliberately no
// stand-in backend: outside the Tauri window every call fails with the `not_in_tauri` error,
// which the screens show like any other.
import { Channel, invoke, isTauri } from '@tauri-apps/api/core';
import type { AppError } from '../bindings/shell';

export function isAppError(e: unknown): e is AppError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as AppError).code === 'string' &&
    typeof (e as AppError).message === 'string'
  );
}

/** Whatever a command rejected with, as an AppError. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return { code: e.code, message: e.message, field: e.field ?? null, key: e.key, params: e.params };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message, field: null };
}

const NOT_IN_TAURI: AppError = {
  code: 'not_in_tauri',
  message: 'The Tauri runtime is not available.',
  field: null,
};

/** True inside the Tauri window (the runtime sets `isTauri` and its IPC internals). */
export function inTauri(): boolean {
  return isTauri() || '__TAURI_INTERNALS__' in globalThis;
}

/** Called when a command is refused because the screen locked or nobody is signed in. */
let sessionLost: (error: AppError) => void = () => {};

export function onSessionLost(handler: (error: AppError) => void): void {
  sessionLost = handler;
}

function rejected(e: unknown): AppError {
  const error = toAppError(e);
  if (error.code === 'locked' || error.code === 'signed_out') sessionLost(error);
  return error;
}

/** Calls `command` with named arguments (camel case, as Tauri passes them to the Rust names). */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!inTauri()) throw NOT_IN_TAURI;
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw rejected(e);
  }
}

/** Calls `command` with `body` as the raw IPC body (a photo's bytes). */
export async function callRaw<T>(command: string, body: Uint8Array): Promise<T> {
  if (!inTauri()) throw NOT_IN_TAURI;
  try {
    return await invoke<T>(command, body);
  } catch (e) {
    throw rejected(e);
  }
}

/** Calls a command that answers raw bytes. */
export async function callBytes(command: string, args?: Record<string, unknown>): Promise<Uint8Array> {
  return new Uint8Array(await call<ArrayBuffer>(command, args));
}

/** A channel that hands each message to `handler`, tied to this page. */
export function channel<T>(handler: (value: T) => void): Channel<T> {
  if (!inTauri()) throw NOT_IN_TAURI;
  return new Channel<T>(handler);
}

/** `args` without the ones left undefined, which are then not sent at all. */
export function given(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
}
