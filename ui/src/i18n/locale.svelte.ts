// The chosen language as reactive state, remembered in localStorage, and `t` for components.
import { detectLanguage, translate, type Lang, type MessageKey, type Params } from './index';

export const STORAGE_KEY = 'supplier-desk.lang';

function readStored(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function preferredLanguages(): readonly string[] {
  const nav = globalThis.navigator;
  if (!nav) return [];
  return nav.languages?.length ? nav.languages : nav.language ? [nav.language] : [];
}

let current = $state<Lang>(detectLanguage(readStored(), preferredLanguages()));

export const locale = {
  get lang(): Lang {
    return current;
  },
  set lang(next: Lang) {
    current = next;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // Storage may be unavailable; the choice then lasts for this run only.
    }
  },
};

/** Translates in the current language; reading it inside markup re-renders on a switch. */
export function t(key: MessageKey, params?: Params): string {
  return translate(current, key, params);
}
