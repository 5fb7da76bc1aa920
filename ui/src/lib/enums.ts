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

/**
 * The portal's reasons for refusing a change (`RejectReason` in crates/portal-api), which reach
 * the UI as plain strings in ConflictRow; an unknown one is shown as it came.
 */
export const REJECT_REASONS = [
  'order_not_found',
  'transition_refused',
  'acceptance_window_closed',
  'offering_not_found',
  'offering_exists',
  'classifier_not_found',
  'price_above_limit',
  'stock_would_go_negative',
  'invalid_input',
  'id_reused',
  'attachment_missing',
  'serial_of_another_supplier',
  'serial_not_found',
  'out_of_warranty',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Kinds of change the desk queues for the portal (`kind_of` in desk-core's actions). */
export const MUTATION_KINDS = [
  'accept_order',
  'decline_order',
  'record_delivery',
  'record_fitting',
  'create_offering',
  'update_offering',
  'change_stock',
  'record_fitting_session',
  'record_return',
  'record_replacement',
  'assign_order',
  'record_warranty_service',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** Timeline entries with a name of their own; others are shown by their raw action name. */
export const TIMELINE_ACTIONS = [
  'accept_order',
  'decline_order',
  'record_delivery',
  'record_fitting',
  'mutation_rejected',
  'conflict_discarded',
  'record_fitting_session',
  'document_delivery_act',
  'document_fitting_act',
  'document_order_label',
  'record_return',
  'record_replacement',
  'assign_order',
  'record_warranty_service',
  'placed',
] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];
