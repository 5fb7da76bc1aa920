// The short note shown under a timeline entry, taken from its JSON detail.

/**
 * The words worth showing from an audit entry's detail: the portal's message for a refusal, the
 * reason for a decline or a discard, the place of a delivery. Null when there is none (or the
 * detail is not JSON); the raw detail itself is payload, not text for a person.
 */
export function timelineNote(detail: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const d = parsed as Record<string, unknown>;
  for (const key of ['message', 'reason', 'place']) {
    const v = d[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return null;
}
