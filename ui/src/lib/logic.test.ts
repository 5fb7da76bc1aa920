import { describe, expect, test } from 'vitest';
import type { SyncStatus } from '../bindings/bindings';
import { toAppError } from './ipc';
import { PAGE_SIZE, hasNextPage, hasPrevPage, lastPageOffset, pageRange, prevOffset } from './paging';
import { priceShare } from './price-share';
import { statusTone } from './labels';
import { syncCompleted } from './sync-completion';
import { firstTab, rememberTab, rememberedTab, tabForKey, tabForKey as tabForKeyIn, tabsFor, type Tab } from './tabs';

describe('paging', () => {
  test('50 rows a page', () => {
    expect(PAGE_SIZE).toBe(50);
  });
  test('range of the first, a middle and the last page', () => {
    expect(pageRange(0, 50, 312)).toEqual({ from: 1, to: 50, total: 312 });
    expect(pageRange(50, 50, 312)).toEqual({ from: 51, to: 100, total: 312 });
    expect(pageRange(300, 12, 312)).toEqual({ from: 301, to: 312, total: 312 });
    expect(pageRange(0, 0, 0)).toEqual({ from: 0, to: 0, total: 0 });
  });
  test('prev and next', () => {
    expect(hasPrevPage(0)).toBe(false);
    expect(hasPrevPage(50)).toBe(true);
    expect(hasNextPage(0, 50, 312)).toBe(true);
    expect(hasNextPage(300, 50, 312)).toBe(false);
    expect(hasNextPage(0, 50, 50)).toBe(false);
    expect(prevOffset(50, 50)).toBe(0);
    expect(prevOffset(20, 50)).toBe(0);
  });
  test('last page offset', () => {
    expect(lastPageOffset(312, 50)).toBe(300);
    expect(lastPageOffset(300, 50)).toBe(250);
    expect(lastPageOffset(0, 50)).toBe(0);
  });
});

describe('price as a share of the limit price', () => {
  test('under, at and over the limit', () => {
    expect(priceShare(92_000, 100_000)).toEqual({ ratio: 0.92, barPercent: 92, overLimit: false });
    expect(priceShare(100_000, 100_000)).toEqual({ ratio: 1, barPercent: 100, overLimit: false });
    expect(priceShare(110_000, 100_000)).toEqual({ ratio: 1.1, barPercent: 100, overLimit: true });
  });
  test('no limit price', () => {
    expect(priceShare(5_000, 0)).toEqual({ ratio: null, barPercent: 0, overLimit: false });
  });
});

describe('status badge tones', () => {
  test('distinct families', () => {
    expect(statusTone('placed')).toBe('new');
    expect(statusTone('in_work')).toBe('active');
    expect(statusTone('paid')).toBe('done');
    expect(statusTone('refused_at_receipt')).toBe('problem');
    expect(statusTone('cancelled_automatically')).toBe('closed');
  });
});

function status(syncing: boolean, lastSyncAt: string | null): SyncStatus {
  return {
    connectivity: 'online',
    syncing,
    progress: null,
    last_error: null,
    summary: {
      device_id: 'd',
      cursor: 0,
      head: 0,
      last_sync_at: lastSyncAt,
      orders: 0,
      open_orders: 0,
      offerings: 0,
      classifier_items: 0,
      pending_mutations: 0,
      conflicts: 0,
    },
  };
}

describe('syncCompleted', () => {
  test('the first status is not a completion', () => {
    expect(syncCompleted(null, status(false, '2025-01-01T00:00:00Z'))).toBe(false);
  });
  test('running → idle', () => {
    expect(syncCompleted(status(true, null), status(false, null))).toBe(true);
  });
  test('progress while running is not', () => {
    expect(syncCompleted(status(true, null), status(true, null))).toBe(false);
  });
  test('a newer last sync time (the run happened between two events)', () => {
    expect(syncCompleted(status(false, '2025-01-01T00:00:00Z'), status(false, '2025-01-01T00:05:00Z'))).toBe(true);
    expect(syncCompleted(status(false, '2025-01-01T00:00:00Z'), status(false, '2025-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('tab keys', () => {
  const FIRST_FIVE = ['inbox', 'offerings', 'conflicts', 'outages', 'workshop'] as const;
  test('each role sees the tabs its commands allow', () => {
    expect(tabsFor(['sync_status', 'workshop_queue', 'fitting_mark_fitted'])).toEqual(['workshop']);
    expect(tabsFor(['inbox_page', 'order_detail', 'delivery_record'])).toEqual(['inbox']);
    expect(tabsFor(['audit_view', 'staff_list', 'inbox_page'])).toEqual(['inbox', 'staff', 'audit']);
    expect(tabsFor(['warranty_register', 'staff_list', 'workshop_queue'])).toEqual(['workshop', 'warranty', 'staff']);
    expect(tabForKey('workshop', 'ArrowRight', ['workshop'])).toBe('workshop');
  });
  test('each role opens where its work is', () => {
    const courier = ['sync_status', 'my_work', 'inbox_page', 'order_detail', 'delivery_record'] as const;
    expect(firstTab(courier)).toBe('mywork');
    expect(firstTab(['sync_status', 'my_work', 'workshop_queue'])).toBe('workshop');
    expect(firstTab(['sync_status', 'my_work', 'workshop_queue', 'warranty_register'])).toBe('workshop');
    expect(firstTab(['sync_status', 'my_work', 'inbox_page', 'order_accept'])).toBe('inbox');
    expect(firstTab([])).toBeNull();
    // Everyone's day comes first once their role has it.
    expect(firstTab([...courier, 'today'])).toBe('today');
    expect(firstTab(['sync_status', 'my_work', 'workshop_queue', 'today'])).toBe('today');
  });
  test('each person comes back to the tab they left, if their role still has it', () => {
    const kept = new Map<string, string>();
    const storage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) };
    rememberTab('aigul', 'offerings', storage);
    expect(rememberedTab('aigul', ['inbox', 'offerings'], storage)).toBe('offerings');
    expect(rememberedTab('aigul', ['inbox'], storage)).toBeNull();
    expect(rememberedTab('bolat', ['inbox', 'offerings'], storage)).toBeNull();
  });
  test('arrows wrap, Home and End jump', () => {
    const tabForKey = (current: Tab, key: string) => tabForKeyIn(current, key, FIRST_FIVE);
    expect(tabForKey('inbox', 'ArrowRight')).toBe('offerings');
    expect(tabForKey('offerings', 'ArrowRight')).toBe('conflicts');
    expect(tabForKey('conflicts', 'ArrowRight')).toBe('outages');
    expect(tabForKey('outages', 'ArrowRight')).toBe('workshop');
    expect(tabForKey('workshop', 'ArrowRight')).toBe('inbox');
    expect(tabForKey('inbox', 'ArrowLeft')).toBe('workshop');
    expect(tabForKey('conflicts', 'ArrowLeft')).toBe('offerings');
    expect(tabForKey('offerings', 'Home')).toBe('inbox');
    expect(tabForKey('inbox', 'End')).toBe('workshop');
    expect(tabForKey('inbox', 'Enter')).toBe(null);
  });
});

describe('toAppError', () => {
  test('keeps an AppError', () => {
    expect(toAppError({ code: 'validation', message: 'Bad price', field: 'price' })).toEqual({
      code: 'validation',
      message: 'Bad price',
      field: 'price',
    });
  });
  test('wraps anything else', () => {
    expect(toAppError('boom')).toEqual({ code: 'internal', message: 'boom', field: null });
    expect(toAppError(new Error('x'))).toEqual({ code: 'internal', message: 'x', field: null });
  });
});
