import { describe, expect, test } from 'vitest';
import { ALL_COMMANDS, type Command } from '../bindings/bindings';
import { DOCUMENT_COMMAND, documentButtons } from './documents';

describe('documentButtons', () => {
  test('the label is always offered; the acts only once their facts are recorded', () => {
    const buttons = documentButtons(['order_label']);
    expect(buttons.map((b) => [b.kind, b.enabled])).toEqual([
      ['order_label', true],
      ['delivery_act', false],
      ['fitting_act', false],
    ]);
    expect(buttons.find((b) => b.kind === 'delivery_act')?.hint).toBe('documents.deliveryHint');
    expect(buttons.find((b) => b.kind === 'order_label')?.hint).toBeNull();
  });

  test('an enabled act carries no hint', () => {
    const buttons = documentButtons(['order_label', 'fitting_act']);
    const fitting = buttons.find((b) => b.kind === 'fitting_act');
    expect(fitting).toMatchObject({ enabled: true, hint: null });
    expect(buttons.find((b) => b.kind === 'delivery_act')?.enabled).toBe(false);
  });
});

describe('documentButtons for a role', () => {
  const facts = ['order_label', 'delivery_act', 'fitting_act'] as const;
  const kinds = (allowed: readonly Command[]) => documentButtons(facts, allowed).map((b) => b.kind);

  test("only the documents the role's commands cover", () => {
    // A courier makes the act of delivery only (Role::allows in access.rs).
    expect(kinds(['inbox_page', 'order_detail', 'delivery_record', 'document_delivery_act'])).toEqual(['delivery_act']);
    // A workshop technician: the label and the act of fitting.
    expect(kinds(['workshop_queue', 'document_order_label', 'document_fitting_act'])).toEqual(['order_label', 'fitting_act']);
    expect(kinds(ALL_COMMANDS)).toEqual(['order_label', 'delivery_act', 'fitting_act']);
    expect(kinds([])).toEqual([]);
  });

  test('a covered document the order does not allow yet stays shown, disabled with its reason', () => {
    const buttons = documentButtons(['order_label'], ['document_order_label', 'document_fitting_act']);
    expect(buttons).toEqual([
      { kind: 'order_label', label: 'documents.label', enabled: true, hint: null },
      { kind: 'fitting_act', label: 'documents.fittingAct', enabled: false, hint: 'documents.fittingHint' },
    ]);
  });

  test('every document kind has its command', () => {
    expect(Object.values(DOCUMENT_COMMAND).every((c) => ALL_COMMANDS.includes(c))).toBe(true);
  });
});
