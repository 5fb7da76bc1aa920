// Localized labels for the enumerations in bindings.ts, and the badge tone of each order status.
import type { Category, Connectivity, OrderStatus } from '../bindings/bindings';
import { translate, type Lang, type MessageKey } from '../i18n/index';
import { MUTATION_KINDS, REJECT_REASONS, TIMELINE_ACTIONS, UNITS, type Unit } from './enums';

export function statusLabel(status: OrderStatus, lang: Lang): string {
  return translate(lang, `status.${status}` as MessageKey);
}

export function categoryLabel(category: Category, lang: Lang): string {
  return translate(lang, `category.${category}` as MessageKey);
}

export function connectivityLabel(c: Connectivity, lang: Lang): string {
  return translate(lang, `connectivity.${c}` as MessageKey);
}

/** A classifier unit ("pcs", "pair", …) in the language; an unknown unit is shown as it is. */
export function unitLabel(unit: string, lang: Lang): string {
  return (UNITS as readonly string[]).includes(unit) ? translate(lang, `unit.${unit as Unit}`) : unit;
}

/** The portal's reason for refusing a change in words; null for a reason we do not know. */
export function rejectReasonLabel(reason: string, lang: Lang): string | null {
  return (REJECT_REASONS as readonly string[]).includes(reason)
    ? translate(lang, `reject.${reason}` as MessageKey)
    : null;
}

/** What kind of change a queued mutation is ("Acceptance of an order"); raw when unknown. */
export function mutationKindLabel(kind: string, lang: Lang): string {
  return (MUTATION_KINDS as readonly string[]).includes(kind) ? translate(lang, `kind.${kind}` as MessageKey) : kind;
}

/** A timeline entry's action ("Accepted"); the raw action name when it has no label. */
export function timelineActionLabel(action: string, lang: Lang): string {
  return (TIMELINE_ACTIONS as readonly string[]).includes(action)
    ? translate(lang, `timeline.${action}` as MessageKey)
    : action;
}

/** Who did something: the portal by name, a person (the desk's user) as recorded. */
export function actorLabel(actor: string, lang: Lang): string {
  return actor === 'portal' ? translate(lang, 'actor.portal') : actor;
}

/** Colour family of a status badge; the badge always carries the status in words too. */
export type StatusTone = 'new' | 'active' | 'waiting' | 'done' | 'closed' | 'problem';

const TONES: Record<OrderStatus, StatusTone> = {
  placed: 'new',
  accepted: 'active',
  in_work: 'active',
  fitting: 'active',
  delivered: 'waiting',
  confirmed: 'done',
  paid: 'done',
  declined_by_supplier: 'closed',
  cancelled_by_participant: 'closed',
  cancelled_automatically: 'closed',
  cancelled: 'closed',
  refused_at_receipt: 'problem',
  returned: 'closed',
  replaced: 'closed',
};

export function statusTone(status: OrderStatus): StatusTone {
  return TONES[status] ?? 'closed';
}
