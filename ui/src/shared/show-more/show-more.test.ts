import { describe, expect, it } from 'vitest';
import { FIRST_ROWS, firstRows } from './show-more';

describe('firstRows', () => {
  it('draws at most the limit and the whole of a short list', () => {
    const rows = Array.from({ length: 250 }, (_, i) => i);
    expect(firstRows(rows, FIRST_ROWS)).toHaveLength(100);
    expect(firstRows(rows, 300)).toBe(rows);
    expect(firstRows(rows, 100)[99]).toBe(99);
  });
});
