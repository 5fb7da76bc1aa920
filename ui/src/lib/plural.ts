// Picking a dictionary text by the plural form a number takes in a language (Russian has
// one / few / many: 1 изменение, 2 изменения, 5 изменений).
import { INTL_LOCALES, type Lang } from '../i18n/index';

export type PluralForm = 'one' | 'few' | 'many' | 'other';

const rules = new Map<Lang, Intl.PluralRules>();

export function pluralForm(n: number, lang: Lang): PluralForm {
  let r = rules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(INTL_LOCALES[lang]);
    rules.set(lang, r);
  }
  const form = r.select(n);
  return form === 'one' || form === 'few' || form === 'many' ? form : 'other';
}
