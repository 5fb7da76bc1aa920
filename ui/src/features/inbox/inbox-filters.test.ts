import { describe, expect, test } from 'vitest';
import { defaultFilters, inboxQuery, isFiltered, sameQuery } from './inbox-filters';

describe('the inbox query from the filter bar', () => {
  test('the default view: open orders by deadline, nothing else', () => {
    expect(inboxQuery(defaultFilters(), 0, 50)).toEqual({
      open_only: true,
      offset: 0,
      limit: 50,
      status: null,
      region: null,
      category: null,
      deadline: null,
      text: null,
      sort: null,
      assignee: null,
    });
    expect(isFiltered(defaultFilters())).toBe(false);
    expect(isFiltered({ ...defaultFilters(), assignee: 'yerzhan' })).toBe(true);
    expect(inboxQuery({ ...defaultFilters(), assignee: 'yerzhan' }, 0, 50).assignee).toBe('yerzhan');
  });
  test('blank search is no search; typed words are trimmed', () => {
    expect(inboxQuery({ ...defaultFilters(), text: '   ' }, 0, 50).text).toBeNull();
    expect(inboxQuery({ ...defaultFilters(), text: ' SO-2026 ' }, 0, 50).text).toBe('SO-2026');
  });
  test('a filter or a search counts as filtered, a sort does not', () => {
    expect(isFiltered({ ...defaultFilters(), sort: 'newest' })).toBe(false);
    expect(isFiltered({ ...defaultFilters(), deadline: 'overdue' })).toBe(true);
    expect(isFiltered({ ...defaultFilters(), openOnly: false })).toBe(true);
  });
  test('queries compare by every field', () => {
    const a = inboxQuery(defaultFilters(), 0, 50);
    expect(sameQuery(a, { ...a })).toBe(true);
    expect(sameQuery(a, { ...a, region: 'KZ-AST' })).toBe(false);
    expect(sameQuery(a, { ...a, offset: 50 })).toBe(false);
  });
});
