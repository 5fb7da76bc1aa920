// @vitest-environment happy-dom
// The prefetched first inbox page, against a mocked Tauri IPC (test-only).
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { InboxQuery } from '../bindings/bindings';
import { FIRST_INBOX_QUERY, inboxPageOrPrefetched, prefetchFirstInboxPage } from './first-inbox-page';

let asked: InboxQuery[];

beforeEach(() => {
  asked = [];
  mockIPC((cmd, args) => {
    if (cmd !== 'inbox_page') throw new Error(`unexpected command ${cmd}`);
    const query = (args as { query: InboxQuery }).query;
    asked.push(query);
    return { rows: [], total: asked.length };
  });
});

afterEach(() => clearMocks());

test('the first query takes the prefetched answer, once', async () => {
  prefetchFirstInboxPage();
  expect(asked).toEqual([FIRST_INBOX_QUERY]);
  expect((await inboxPageOrPrefetched({ ...FIRST_INBOX_QUERY })).total).toBe(1);
  expect(asked).toHaveLength(1);
  // A reload of the same page later asks the app again.
  expect((await inboxPageOrPrefetched({ ...FIRST_INBOX_QUERY })).total).toBe(2);
  expect(asked).toHaveLength(2);
});

test('another query is asked for, and the prefetched answer is dropped', async () => {
  prefetchFirstInboxPage();
  const all = { ...FIRST_INBOX_QUERY, open_only: false };
  expect((await inboxPageOrPrefetched(all)).total).toBe(2);
  expect(asked).toEqual([FIRST_INBOX_QUERY, all]);
  await inboxPageOrPrefetched(FIRST_INBOX_QUERY);
  expect(asked).toHaveLength(3);
});

test('a failed prefetch reaches the inbox as its error', async () => {
  clearMocks();
  mockIPC(() => {
    throw { code: 'store', message: 'The database is locked.', field: null };
  });
  prefetchFirstInboxPage();
  await expect(inboxPageOrPrefetched(FIRST_INBOX_QUERY)).rejects.toMatchObject({ code: 'store' });
});
