// The audit trail in words: each action's name in the person's language, and an entry's detail
// (JSON as desk-core records it) as short "what: value" facts, statuses and roles in words.
import type { OrderStatus } from '../../bindings/bindings';
import { isMessageKey as known, type MessageKey } from '../../i18n/index';
import { locale, t } from '../../i18n/locale.svelte';
import { formatDay, formatMoney } from '../../lib/format';
import { statusLabel } from '../../lib/labels';
import { regionName } from '../../lib/regions';

/** An audit action (`accept_order`, `staff_created`) as words; the code itself if none are known. */
export function auditActionLabel(action: string): string {
  for (const key of [`timeline.${action}`, `audit.act.${action}`]) if (known(key)) return t(key);
  return action;
}

/** An entity kind (`order`, `offering`, `staff`) as a word. */
export function auditEntityLabel(entity: string): string {
  const key = `audit.entity.${entity}`;
  return known(key) ? t(key) : entity;
}

function value(name: string, v: unknown): string {
  const lang = locale.lang;
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v)) return v.map((x) => value(name, x)).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  if (name.endsWith('_tiyn') && typeof v === 'number') return formatMoney(v, lang);
  if (name === 'status' || name.endsWith('_status')) return statusLabel(s as OrderStatus, lang);
  if (name === 'role' || name.startsWith('role_')) return known(`role.${s}`) ? t(`role.${s}` as MessageKey) : s;
  if (name === 'region') return regionName(s, lang);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return formatDay(s, lang);
  return s;
}

/** An entry's detail as facts to read; a detail that is not a JSON object is shown as it is. */
export function auditFacts(detail: string): { label: string; value: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail.trim() ? [{ label: '', value: detail }] : [];
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return [{ label: '', value: String(parsed) }];
  }
  return Object.entries(parsed as Record<string, unknown>).map(([k, v]) => {
    const key = `audit.field.${k}`;
    return { label: known(key) ? t(key) : k.replaceAll('_', ' '), value: value(k, v) };
  });
}
