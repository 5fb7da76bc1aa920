// What the window says about an error: the problem desk-core named, worded in the person's
// language with its parameters formatted for them; else a sentence for the kind of error. The
// English message of the error is never shown (the shell logs it).
import type { AppError } from '../bindings/shell';
import type { OrderStatus } from '../bindings/bindings';
import { isMessageKey as known } from '../i18n/index';
import { locale, t } from '../i18n/locale.svelte';
import { formatCount, formatDay, formatMoney } from '../lib/format';
import { statusLabel } from '../lib/labels';
import { regionName } from '../lib/regions';

function param(name: string, value: string): string {
  const lang = locale.lang;
  if (name === 'status') return statusLabel(value as OrderStatus, lang);
  if (name === 'region') return regionName(value, lang);
  if (name.endsWith('_tiyn')) return formatMoney(Number(value), lang);
  if (name === 'date') return formatDay(value, lang);
  if (/^\d+$/.test(value)) return formatCount(Number(value), lang);
  return value;
}

/** The error in the person's language. */
export function errorText(error: AppError): string {
  if (error.key) {
    const key = `problem.${error.key}`;
    if (known(key)) {
      const params = Object.fromEntries((error.params ?? []).map(([k, v]) => [k, param(k, v)]));
      return t(key, params);
    }
  }
  const byCode = `error.code.${error.code}`;
  return known(byCode) ? t(byCode) : t('error.code.internal');
}
