// The short note shown under a timeline entry, taken from its JSON detail.

/**
 * The words worth showing from an audit entry's detail: the portal's message for a refusal, the
 * reason for a decline, a discard or a return, the place of a delivery, who an order is assigned to. Null when there is none (or the
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
  const top = parsed as Record<string, unknown>;
  // A user action's entry is the mutation as queued: `{"kind": …, "data": {…}}`.
  const data = typeof top.data === 'object' && top.data !== null ? (top.data as Record<string, unknown>) : {};
  for (const key of ['message', 'reason', 'place', 'assignee']) {
    for (const d of [top, data]) {
      const v = d[key];
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
    }
  }
  return null;
}

/** The status a portal's history entry (`portal_status`) names, from its detail. */
export function timelineStatus(detail: string): string | null {
  try {
    const parsed: unknown = JSON.parse(detail);
    if (typeof parsed === 'object' && parsed !== null) {
      const status = (parsed as Record<string, unknown>).status;
      if (typeof status === 'string') return status;
    }
  } catch {
    // Not JSON: no status.
  }
  return null;
}
