// How many rows of a long list a screen draws at first, and how many more each "Show more" adds.
export const FIRST_ROWS = 100;
export const MORE_ROWS = 200;

/** The rows drawn of `rows` when `limit` may be drawn. */
export function firstRows<T>(rows: readonly T[], limit: number): readonly T[] {
  return rows.length > limit ? rows.slice(0, limit) : rows;
}
