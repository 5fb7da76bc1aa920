// The window's sections and keyboard movement between their tabs.

export const TABS = ['inbox', 'offerings', 'conflicts', 'outages', 'workshop'] as const;
export type Tab = (typeof TABS)[number];

/** The tab that an arrow, Home or End key moves to from `current`; null for other keys. */
export function tabForKey(current: Tab, key: string): Tab | null {
  const i = TABS.indexOf(current);
  switch (key) {
    case 'ArrowRight':
      return TABS[(i + 1) % TABS.length];
    case 'ArrowLeft':
      return TABS[(i - 1 + TABS.length) % TABS.length];
    case 'Home':
      return TABS[0];
    case 'End':
      return TABS[TABS.length - 1];
    default:
      return null;
  }
}
