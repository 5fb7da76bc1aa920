// The order dialog's document buttons: which are offered, which are enabled, and what the
// status line says once a file is saved.
import type { Command, DocumentKind } from '../bindings/bindings';
import type { MessageKey } from '../i18n/index';

export interface DocumentButton {
  kind: DocumentKind;
  label: MessageKey;
  /** Why the button is disabled, shown beside it; null when it is enabled. */
  hint: MessageKey | null;
  enabled: boolean;
}

const ORDER: readonly { kind: DocumentKind; label: MessageKey; hint: MessageKey | null }[] = [
  { kind: 'order_label', label: 'documents.label', hint: null },
  { kind: 'delivery_act', label: 'documents.deliveryAct', hint: 'documents.deliveryHint' },
  { kind: 'fitting_act', label: 'documents.fittingAct', hint: 'documents.fittingHint' },
];

/** The command that makes each document: a role without it is not offered the button. */
export const DOCUMENT_COMMAND: Record<DocumentKind, Command> = {
  order_label: 'document_order_label',
  delivery_act: 'document_delivery_act',
  fitting_act: 'document_fitting_act',
};

/**
 * The document buttons in a fixed order. A document the order's facts do not allow yet (no
 * delivery or fitting recorded) is shown disabled with the reason, so people learn what unlocks
 * it; a document the signed-in role may not make (`allowed`, the session's commands) is not
 * shown at all. Without `allowed`, no role is taken into account.
 */
export function documentButtons(available: readonly DocumentKind[], allowed?: readonly Command[]): DocumentButton[] {
  const made = new Set(available);
  return ORDER.filter(({ kind }) => !allowed || allowed.includes(DOCUMENT_COMMAND[kind])).map(({ kind, label, hint }) => {
    const enabled = made.has(kind);
    return { kind, label, enabled, hint: enabled ? null : hint };
  });
}
