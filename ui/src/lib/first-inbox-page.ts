// The inbox's first page is asked for as soon as the page's first script runs, before the
// window's components are even parsed, so that the Rust side answers while Svelte builds the
// window (about 40 ms of a 0.5 s cold start). The inbox takes the answer for its first load.
import type { InboxPage, InboxQuery } from '../bindings/bindings';
import { inboxPage } from './api';
import { defaultFilters, inboxQuery, sameQuery } from './inbox-filters';
import { PAGE_SIZE } from './paging';

/** What the inbox shows first: open orders, from the top. */
export const FIRST_INBOX_QUERY: InboxQuery = inboxQuery(defaultFilters(), 0, PAGE_SIZE);

let early: Promise<InboxPage> | null = null;

/** Starts loading the first page. */
export function prefetchFirstInboxPage(): void {
  early = inboxPage(FIRST_INBOX_QUERY);
  // A failure is reported by the inbox when it takes the answer, not as an unhandled rejection.
  early.catch(() => {});
}

/** The prefetched answer when `query` is the first query and it has not been taken yet. */
export function inboxPageOrPrefetched(query: InboxQuery): Promise<InboxPage> {
  const prefetched = early;
  early = null;
  if (prefetched && sameQuery(query, FIRST_INBOX_QUERY)) return prefetched;
  return inboxPage(query);
}
