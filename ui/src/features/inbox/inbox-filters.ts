// The inbox's filters as the filter bar holds them, and the query they make.
import type { Category, DeadlineFilter, InboxQuery, InboxSort, OrderStatus } from '../../bindings/bindings';

export type InboxFilters = {
  openOnly: boolean;
  status: OrderStatus | null;
  category: Category | null;
  region: string | null;
  deadline: DeadlineFilter | null;
  sort: InboxSort;
  /** The search as the query uses it (the field's text after the typing pause). */
  text: string;
  /** Only the orders assigned to this user name (the signed-in person's "mine"). */
  assignee: string | null;
};

export const DEADLINE_FILTERS: readonly DeadlineFilter[] = ['overdue', 'soon'];
export const INBOX_SORTS: readonly InboxSort[] = ['deadline', 'newest', 'total'];

/** What the inbox shows at start: open orders, by deadline, nothing else filtered. */
export function defaultFilters(): InboxFilters {
  return { openOnly: true, status: null, category: null, region: null, deadline: null, sort: 'deadline', text: '', assignee: null };
}

export function inboxQuery(f: InboxFilters, offset: number, limit: number): InboxQuery {
  const text = f.text.trim();
  return {
    open_only: f.openOnly,
    offset,
    limit,
    status: f.status,
    region: f.region,
    category: f.category,
    deadline: f.deadline,
    text: text === '' ? null : text,
    sort: f.sort === 'deadline' ? null : f.sort,
    assignee: f.assignee,
  };
}

/** True when anything beyond the default view is filtered (the bar then offers a reset). */
export function isFiltered(f: InboxFilters): boolean {
  const d = defaultFilters();
  return (Object.keys(d) as (keyof InboxFilters)[]).some((k) => k !== 'sort' && f[k] !== d[k]);
}

export function sameQuery(a: InboxQuery, b: InboxQuery): boolean {
  return (Object.keys(a) as (keyof InboxQuery)[]).every((k) => a[k] === b[k]) && Object.keys(a).length === Object.keys(b).length;
}
