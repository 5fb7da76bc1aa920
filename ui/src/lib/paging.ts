// Paging arithmetic for the inbox.

export const PAGE_SIZE = 50;

export type PageRange = { from: number; to: number; total: number };

/** The 1-based range of rows shown (`1–50 of 312`); `from` is 0 when there are none. */
export function pageRange(offset: number, rowCount: number, total: number): PageRange {
  if (rowCount === 0) return { from: 0, to: 0, total };
  return { from: offset + 1, to: offset + rowCount, total };
}

export function hasPrevPage(offset: number): boolean {
  return offset > 0;
}

export function hasNextPage(offset: number, limit: number, total: number): boolean {
  return offset + limit < total;
}

export function prevOffset(offset: number, limit: number): number {
  return Math.max(0, offset - limit);
}

/** The offset of the last page that has rows; used when the list shrank under the current page. */
export function lastPageOffset(total: number, limit: number): number {
  if (total <= 0) return 0;
  return Math.floor((total - 1) / limit) * limit;
}
