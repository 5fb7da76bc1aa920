// What the Today screen works out for itself: its heading's date, a courier's round by locality,
// and where each part's full list lives.
import type { TodayKind, TodayRow } from '../../bindings/bindings';
import type { Lang } from '../../i18n/index';
import { formatDay, kazakhstanDate } from '../../lib/format';
import type { Tab } from '../../lib/tabs';

/** Today's date in Kazakhstan, as people write it. */
export function todayHeading(nowMs: number, lang: Lang): string {
  return formatDay(kazakhstanDate(nowMs), lang);
}

/** The rows in groups of one locality each, in the order the rows come (already by locality). */
export function byLocality(rows: readonly TodayRow[]): { locality: string; rows: TodayRow[] }[] {
  const groups: { locality: string; rows: TodayRow[] }[] = [];
  for (const r of rows) {
    const last = groups.at(-1);
    if (last && last.locality === r.locality) last.rows.push(r);
    else groups.push({ locality: r.locality, rows: [r] });
  }
  return groups;
}

/** The tab that holds a part's full list. */
export function sectionTab(kind: TodayKind): Tab | null {
  switch (kind) {
    case 'accept_soon':
    case 'accept_queue':
    case 'overdue':
      return 'inbox';
    case 'fittings':
      return 'workshop';
    case 'deliveries':
      return 'mywork';
  }
}
