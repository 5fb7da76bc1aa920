// The window's sections, which of them a role may open, and keyboard movement between their tabs.
import type { Command } from '../bindings/bindings';

export const TABS = ['today', 'inbox', 'mywork', 'offerings', 'money', 'reports', 'conflicts', 'outages', 'workshop', 'warranty', 'staff', 'audit', 'backup'] as const;
export type Tab = (typeof TABS)[number];

/** The command a tab's content needs: the tab is shown only to roles allowed it. */
const TAB_COMMAND: Record<Tab, Command> = {
  today: 'today',
  inbox: 'inbox_page',
  mywork: 'my_work',
  offerings: 'offerings_list',
  money: 'money',
  reports: 'reports',
  conflicts: 'conflicts_list',
  outages: 'outages_list',
  workshop: 'workshop_queue',
  warranty: 'warranty_register',
  staff: 'staff_list',
  audit: 'audit_view',
  backup: 'backup_create',
};

/** The tabs someone allowed `allowed` sees, in the window's order. */
export function tabsFor(allowed: readonly Command[]): Tab[] {
  return TABS.filter((tab) => allowed.includes(TAB_COMMAND[tab]));
}

/**
 * The tab someone opens on after signing in: their day (Today), or without it the inbox for
 * those who accept orders, the fitting queue for the workshop, their own deliveries for a courier.
 */
export function firstTab(allowed: readonly Command[]): Tab | null {
  const tabs = tabsFor(allowed);
  if (tabs.includes('today')) return 'today';
  if (tabs.includes('inbox') && allowed.includes('order_accept')) return 'inbox';
  if (tabs.includes('workshop')) return 'workshop';
  return tabs.includes('mywork') ? 'mywork' : (tabs[0] ?? null);
}

/** The tab that an arrow, Home or End key moves to from `current` among `tabs`; null for other keys. */
export function tabForKey(current: Tab, key: string, tabs: readonly Tab[] = TABS): Tab | null {
  const i = Math.max(0, tabs.indexOf(current));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return tabs[(i + 1) % tabs.length];
    case 'ArrowLeft':
    case 'ArrowUp':
      return tabs[(i - 1 + tabs.length) % tabs.length];
    case 'Home':
      return tabs[0];
    case 'End':
      return tabs[tabs.length - 1];
    default:
      return null;
  }
}

const LAST_TAB_KEY = 'supplier-desk.tab.';

/** The tab `username` last had open on this computer, if it is still one of `tabs`. */
export function rememberedTab(
  username: string,
  tabs: readonly Tab[],
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): Tab | null {
  try {
    const stored = storage?.getItem(LAST_TAB_KEY + username);
    return tabs.find((t) => t === stored) ?? null;
  } catch {
    return null;
  }
}

/** Keeps the tab `username` has open, for their next sign-in on this computer. */
export function rememberTab(
  username: string,
  tab: Tab,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(LAST_TAB_KEY + username, tab);
  } catch {
    // Storage may be unavailable: the next sign-in opens on the role's first tab.
  }
}
