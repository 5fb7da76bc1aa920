// What the Money screen works out for itself: a month and the orders a payment covered, as
// people read them.
import type { PaymentLineView } from '../../bindings/bindings';
import type { Lang } from '../../i18n/index';

/** The lists the Money screen shows one at a time. */
export type MoneyList = 'owed' | 'payments' | 'flagged' | 'months';

/** `2026-11` as people write a month: 11.2026 in kk and ru, 11/2026 in en. */
export function formatMonth(month: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return lang === 'en' ? `${m[2]}/${m[1]}` : `${m[2]}.${m[1]}`;
}

/** The order numbers a payment covered, the first few and how many more. */
export function ordersText(lines: readonly PaymentLineView[], shown = 4): string {
  const numbers = lines.map((l) => l.order_number);
  if (numbers.length <= shown) return numbers.join(', ');
  return `${numbers.slice(0, shown).join(', ')} +${numbers.length - shown}`;
}
