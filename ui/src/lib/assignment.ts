// Whom an order is offered to: the accounts an order may be assigned to, the role that does the
// order's next step first (the office accepts, the workshop fits, the courier delivers).
import type { AssignableStaff, OrderStatus, Role } from '../bindings/bindings';

/** The role whose work the order waits for, given its status and whether an item needs fitting. */
export function nextRole(status: OrderStatus, needsFitting: boolean): Role | null {
  switch (status) {
    case 'placed':
      return 'office';
    case 'accepted':
    case 'in_work':
      return needsFitting ? 'workshop' : 'courier';
    case 'fitting':
      return 'workshop';
    default:
      return null;
  }
}

/** The accounts with `first`'s role first, each group by name as the app sends them. */
export function orderedChoices(choices: readonly AssignableStaff[], first: Role | null): AssignableStaff[] {
  return [...choices].sort((a, b) => Number(b.role === first) - Number(a.role === first));
}
