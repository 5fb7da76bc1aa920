// Desktop notices in the user's language: what desk-core says is due after a sync (new orders,
// deadlines within 48 hours) turned into a title and body each. One notice per kind, however
// many orders it covers, so that a busy morning does not bury the desktop in notifications.
import type { Notices } from '../bindings/bindings';
import { translate, type Lang, type MessageKey } from '../i18n/index';
import { formatCount, formatDateTime } from './format';
import { pluralForm } from './plural';

export interface DeskNotice {
  title: string;
  body: string;
  /** A standing state rather than news (orders due soon): kept under the bell, not a toast
   *  over the work. */
  quiet?: true;
}

function numbersLine(numbers: string[], total: number, lang: Lang): string {
  const listed = numbers.map((n) => `№ ${n}`).join(', ');
  const rest = total - numbers.length;
  return rest > 0 ? `${listed} ${translate(lang, 'notices.more', { n: formatCount(rest, lang) })}` : listed;
}

export function describeNotices(notices: Notices, lang: Lang): DeskNotice[] {
  const out: DeskNotice[] = [];
  const plural = (key: string, n: number) =>
    translate(lang, `${key}.${pluralForm(n, lang)}` as MessageKey, { n: formatCount(n, lang) });
  if (notices.new_orders_total > 0) {
    const first = notices.new_orders[0];
    out.push(
      notices.new_orders_total === 1 && first
        ? {
            title: translate(lang, 'notices.newOrder'),
            body: first.due_at
              ? translate(lang, 'notices.newOrderBody', {
                  number: first.number,
                  due: formatDateTime(first.due_at, lang),
                })
              : `№ ${first.number}`,
          }
        : {
            title: plural('notices.newOrders', notices.new_orders_total),
            body: numbersLine(notices.new_orders.map((o) => o.number), notices.new_orders_total, lang),
          },
    );
  }
  if (notices.due_soon_total > 0) {
    const first = notices.due_soon[0];
    out.push(
      notices.due_soon_total === 1 && first
        ? {
            title: translate(lang, 'notices.dueSoon'),
            body: translate(lang, 'notices.dueSoonBody', {
              number: first.number,
              due: first.due_at ? formatDateTime(first.due_at, lang) : '',
            }),
            quiet: true,
          }
        : {
            title: plural('notices.dueSoonMany', notices.due_soon_total),
            body: numbersLine(notices.due_soon.map((o) => o.number), notices.due_soon_total, lang),
            quiet: true,
          },
    );
  }
  return out;
}
