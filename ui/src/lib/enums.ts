// Runtime lists of the enumerations that bindings.ts declares only as types. `satisfies`
// makes TypeScript reject these lists when a value is added to or removed from the bindings.
import type { Category, Connectivity, OrderStatus } from '../bindings/bindings';

const orderStatuses = {
  placed: true,
  accepted: true,
  in_work: true,
  fitting: true,
  delivered: true,
  confirmed: true,
  paid: true,
  declined_by_supplier: true,
  cancelled_by_participant: true,
  cancelled_automatically: true,
  cancelled: true,
  refused_at_receipt: true,
  returned: true,
  replaced: true,
} as const satisfies Record<OrderStatus, true>;

const categories = {
  prosthetic_orthopaedic: true,
  hearing: true,
  vision: true,
  hygiene: true,
  mobility: true,
  other_aids: true,
  services: true,
} as const satisfies Record<Category, true>;

const connectivities = {
  unknown: true,
  online: true,
  offline: true,
  signed_out: true,
} as const satisfies Record<Connectivity, true>;

export const ORDER_STATUSES = Object.keys(orderStatuses) as OrderStatus[];
export const CATEGORIES = Object.keys(categories) as Category[];
export const CONNECTIVITIES = Object.keys(connectivities) as Connectivity[];

/** Units of issue the classifier uses; others are shown as they come. */
export const UNITS = ['pcs', 'pair', 'pack', 'day', 'hour'] as const;
export type Unit = (typeof UNITS)[number];
