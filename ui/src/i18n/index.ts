// The three languages, their dictionaries, and plain (non-reactive) translation helpers.
import { en, type Dictionary, type MessageKey } from './en';
import { kk } from './kk';
import { ru } from './ru';

export type { Dictionary, MessageKey };

export const LANGS = ['kk', 'ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const DEFAULT_LANG: Lang = 'ru';

export const dictionaries: Record<Lang, Dictionary> = { kk, ru, en };

/** Each language's name in that language, for the switcher. */
export const LANG_NAMES: Record<Lang, string> = {
  kk: 'Қазақша',
  ru: 'Русский',
  en: 'English',
};

/** The languages' short names, for the header's compact switcher. */
export const LANG_SHORT: Record<Lang, string> = {
  kk: 'ҚАЗ',
  ru: 'РУС',
  en: 'ENG',
};

/** The locale handed to `Intl` for each language. */
export const INTL_LOCALES: Record<Lang, string> = {
  kk: 'kk-KZ',
  ru: 'ru-RU',
  en: 'en-GB',
};

export type Params = Record<string, string | number>;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** Whether `key` is a message of the dictionaries (keys built at run time: `problem.<key>`). */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

/** Looks a key up in one language and fills `{name}` placeholders from `params`. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = dictionaries[lang][key] ?? en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * The language to start in: the remembered choice if valid, else the first of the system's
 * preferred languages that we speak (by primary subtag: `kk-KZ` → kk), else Russian.
 */
export function detectLanguage(stored: string | null | undefined, preferred: readonly string[]): Lang {
  if (isLang(stored)) return stored;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLang(primary)) return primary;
  }
  return DEFAULT_LANG;
}
