import { describe, expect, test } from 'vitest';
import { documentButtons, savedFileLabel } from './documents';

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

describe('savedFileLabel', () => {
  test('shows the path from the documents folder on', () => {
    expect(savedFileLabel('/home/a/.local/share/desk/documents/act-delivery-SO-1.pdf')).toBe(
      'documents/act-delivery-SO-1.pdf',
    );
    expect(savedFileLabel('C:\\Users\\a\\AppData\\desk\\documents\\label-SO-1.pdf')).toBe('documents/label-SO-1.pdf');
  });

  test('keeps a path outside a documents folder whole', () => {
    expect(savedFileLabel('/tmp/act.pdf')).toBe('/tmp/act.pdf');
    expect(savedFileLabel('/srv/documents')).toBe('/srv/documents');
  });
});
