// Generated from the Rust types in the view types of crates/desk-core and crates/portal-api.
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p desk-core bindings` instead.

export type LocalizedText = { kk: string, ru: string, en: string, };

export type RegionStock = { region: string, quantity: number, };

export type DeliveredItem = { 
/**
 * The order line's classifier code.
 */
classifier_code: string, serial_numbers: Array<string>, };

export type ReceivedBy = { "kind": "participant" } | { "kind": "representative", name: string, };

export type Category = "prosthetic_orthopaedic" | "hearing" | "vision" | "hygiene" | "mobility" | "other_aids" | "services";

export type OrderStatus = "placed" | "accepted" | "in_work" | "fitting" | "delivered" | "confirmed" | "paid" | "declined_by_supplier" | "cancelled_by_participant" | "cancelled_automatically" | "cancelled" | "refused_at_receipt" | "returned" | "replaced";

export type InboxQuery = { 
/**
 * Only orders that still need something (not paid, declined, cancelled or returned).
 */
open_only: boolean, offset: number, limit: number, status: OrderStatus | null, 
/**
 * An ISO 3166-2:KZ region code: the participant's region.
 */
region: string | null, 
/**
 * Orders with at least one item of this category.
 */
category: Category | null, deadline: DeadlineFilter | null, 
/**
 * Words that must each start a word of the order's number, participant's name or items.
 */
text: string | null, 
/**
 * By deadline (open first, the nearest first) unless said otherwise.
 */
sort: InboxSort | null, 
/**
 * Only orders assigned to this user name.
 */
assignee: string | null, };

export type DeadlineFilter = "overdue" | "soon";

export type InboxSort = "deadline" | "newest" | "total";

export type InboxItem = { classifier_code: string, name: LocalizedText, quantity: number, unit: string, };

export type InboxRow = { order_id: string, number: string, status: OrderStatus, participant_name: string, region: string, items: Array<InboxItem>, placed_at: string, accept_by: string, deliver_by: string | null, 
/**
 * The next deadline the supplier must meet, if any.
 */
due_at: string | null, total_tiyn: number, };

export type InboxPage = { rows: Array<InboxRow>, total: number, };

export type OfferingRow = { id: string, classifier_code: string, category: Category, name: LocalizedText, price_tiyn: number, limit_price_tiyn: number, 
/**
 * The whole stock, the sum of `stock_by_region`.
 */
stock: number, regions: Array<string>, 
/**
 * The stock of each of `regions`, in that order.
 */
stock_by_region: Array<RegionStock>, warranty_months: number, description: string, published: boolean, 
/**
 * The model of the offered item ("Phonak Naída P50"), when the supplier named one.
 */
model: string | null, 
/**
 * Who makes it ("Sonova AG"), when named.
 */
manufacturer: string | null, };

export type ClassifierOption = { code: string, category: Category, name: LocalizedText, unit: string, limit_price_tiyn: number, };

export type OfferingInput = { offering_id: string | null, classifier_code: string, 
/**
 * As typed (`12 345,50`); parsed and checked against the limit price by the app.
 */
price: string, regions: Array<string>, 
/**
 * The stock each region is to hold; a region of `regions` left out holds none. An edit may
 * also name a region it drops, to empty it (a region is dropped only when it holds none).
 */
stock_by_region: Array<RegionStock>, warranty_months: number, description: string, published: boolean, 
/**
 * The offering's photos (sha256 returned by `photo_add`); absent keeps an edited
 * offering's photos as they are.
 */
photos?: Array<string>, 
/**
 * The model as typed: trimmed by the app, blank for none, refused when longer than the
 * contract allows. Absent keeps an edited offering's model as it is.
 */
model?: string, 
/**
 * Who makes the item, as `model`.
 */
manufacturer?: string, };

export type CsvImportOutcome = { created: number, updated: number, unchanged: number, problems: Array<CsvProblem>, };

export type CsvProblem = { line: number, field: string | null, 
/**
 * The problem's key (`problem.<key>` in the window's dictionaries), "" when it has none.
 */
key: string, 
/**
 * The values the sentence names.
 */
params: Array<[string, string]>, 
/**
 * The same in English, for the log and the command line.
 */
message: string, };

export type StoreSummary = { device_id: string, cursor: number, head: number, last_sync_at: string | null, orders: number, open_orders: number, offerings: number, classifier_items: number, pending_mutations: number, 
/**
 * Mutations the portal refused that nobody has resolved yet.
 */
conflicts: number, };

export type Connectivity = "unknown" | "online" | "offline" | "signed_out";

export type SyncProgress = { applied: number, cursor: number, head: number, };

export type SyncStatus = { connectivity: Connectivity, syncing: boolean, progress: SyncProgress | null, 
/**
 * The last error met, in words a person can act on.
 */
last_error: string | null, summary: StoreSummary, };

export type OrderAction = "accept" | "decline" | "record_delivery" | "record_fitting" | "record_return" | "record_replacement" | "assign";

export type OrderLineView = { classifier_code: string, name: LocalizedText, quantity: number, unit: string, unit_price_tiyn: number, needs_fitting: boolean, 
/**
 * For a line fitted in the workshop, the serial numbers of the order's latest fitted mark:
 * what the delivery form starts from. Filled in by the order screen only.
 */
serial_numbers_from_fitting: Array<string>, };

export type TimelineEntry = { at: string, actor: string, 
/**
 * `accept_order`, `record_delivery`, `mutation_rejected`, …
 */
action: string, detail: string, };

export type OrderDetail = { row: InboxRow, 
/**
 * What the portal last said, which `row.status` differs from while a local move waits.
 */
portal_status: OrderStatus, participant_phone: string, participant_address: string, lines: Array<OrderLineView>, timeline: Array<TimelineEntry>, actions: Array<OrderAction>, 
/**
 * Local changes of this order that have not reached the portal yet.
 */
pending_mutations: number, 
/**
 * The documents the facts on this desk allow (the label always; an act once its delivery
 * or fitting is recorded).
 */
documents: Array<DocumentKind>, 
/**
 * Who of the supplier's staff handles the order, if anyone: the account's user name as the
 * portal holds it.
 */
assignee: string | null, 
/**
 * The assignee's display name on this desk (the user name when this desk has no such account).
 */
assignee_name: string | null, 
/**
 * Why the participant refused the item at receipt, when the portal says.
 */
refusal_reason: string | null, 
/**
 * The photos (sha256) of the order's deliveries, oldest delivery first.
 */
delivery_photos: Array<string>, 
/**
 * For a placed order: the lines its offerings cannot cover from the stock held in the
 * participant's region (accepting is still allowed).
 */
stock_warnings: Array<StockWarning>, 
/**
 * Serial numbers of this order that the desk also holds for another order: one item
 * handed over twice, or a serial typed wrong (flagged, not refused).
 */
serials_elsewhere: Array<SerialElsewhere>, 
/**
 * The payments and reversals that touched the order, oldest first.
 */
payments: Array<OrderPayment>, };

export type AssignableStaff = { username: string, display_name: string, role: Role, };

export type StockWarning = { classifier_code: string, region: string, needed: number, held: number, 
/**
 * The offering's stock in its other regions that hold some.
 */
elsewhere: Array<RegionStock>, };

export type SerialElsewhere = { serial: string, order_id: string, number: string, };

export type WorkItem = { row: InboxRow, address: string, phone: string, };

export type AgeBucket = "awaiting_confirmation" | "within_term" | "late_1_15" | "late_16_30" | "late_over_30";

export type OwedOrder = { order_id: string, number: string, participant_name: string, region: string, status: OrderStatus, total_tiyn: number, 
/**
 * Paid so far, net of reversals.
 */
paid_tiyn: number, owed_tiyn: number, 
/**
 * When receipt was confirmed (the payment term runs from it); none while awaiting it.
 */
confirmed_on: string | null, 
/**
 * The end of the payment term; none while awaiting confirmation.
 */
due_on: string | null, 
/**
 * Days past `due_on` (0 when not late).
 */
days_late: number, bucket: AgeBucket, };

export type BucketTotal = { bucket: AgeBucket, orders: number, owed_tiyn: number, };

export type Discrepancy = "partial" | "reversed" | "paid_not_confirmed" | "paid_without_payment" | "overpaid";

export type FlaggedOrder = { order_id: string, number: string, participant_name: string, status: OrderStatus, total_tiyn: number, paid_tiyn: number, discrepancy: Discrepancy, 
/**
 * The numbers of the payment orders that touched it, oldest first.
 */
payments: Array<string>, };

export type PaymentKindView = "payment" | "reversal";

export type PaymentLineView = { order_id: string, order_number: string, amount_tiyn: number, };

export type PaymentView = { id: string, number: string, kind: PaymentKindView, paid_on: string, amount_tiyn: number, 
/**
 * For a reversal: the number of the payment it took back.
 */
reverses_number: string | null, lines: Array<PaymentLineView>, };

export type MonthTotal = { 
/**
 * `YYYY-MM`.
 */
month: string, paid_tiyn: number, 
/**
 * Taken back in the month (a negative sum).
 */
reversed_tiyn: number, payments: number, };

export type MoneyView = { today: string, 
/**
 * The policy's payment term in days (none before the first sync).
 */
payment_term_days: number | null, owed_total_tiyn: number, buckets: Array<BucketTotal>, 
/**
 * The most overdue first, at most `OWED_LISTED_PER_AGE` of each age (`buckets` count all).
 */
owed: Array<OwedOrder>, flagged: Array<FlaggedOrder>, 
/**
 * The latest first.
 */
payments: Array<PaymentView>, 
/**
 * The last twelve months with a payment, the latest first.
 */
months: Array<MonthTotal>, };

export type OrderPayment = { number: string, kind: PaymentKindView, paid_on: string, amount_tiyn: number, };

export type TodayKind = "accept_soon" | "accept_queue" | "overdue" | "fittings" | "deliveries";

export type TodayRow = { order_id: string, number: string, status: OrderStatus, participant_name: string, address: string, phone: string, 
/**
 * The settlement the address starts with (what a courier groups a round by).
 */
locality: string, due_at: string | null, total_tiyn: number, };

export type TodaySection = { kind: TodayKind, 
/**
 * How many orders the part holds (the rows are the first of them).
 */
count: number, rows: Array<TodayRow>, };

export type TodayMoney = { 
/**
 * Owed and due from today to a week ahead.
 */
due_this_week_tiyn: number, 
/**
 * Owed and past the payment term.
 */
late_tiyn: number, 
/**
 * Received in the last seven days, net of reversals.
 */
received_this_week_tiyn: number, };

export type TodayView = { sections: Array<TodaySection>, money: TodayMoney | null, 
/**
 * Refused changes not yet resolved (for those who resolve them).
 */
conflicts: number | null, };

export type ReportGrain = "week" | "month";

export type ReportQuery = { from: string, to: string, grain: ReportGrain, };

export type PeriodOrders = { 
/**
 * The period's first day (a Monday for weeks; may fall before the report's `from`).
 */
starts_on: string, received: number, 
/**
 * Accepted and anything after it, short of a cancellation.
 */
accepted: number, declined: number, 
/**
 * Any cancelled status: by the participant, automatically, or by the portal.
 */
cancelled: number, 
/**
 * Of `cancelled`: not accepted in time.
 */
cancelled_automatically: number, };

export type RevenueMonth = { 
/**
 * `YYYY-MM`.
 */
month: string, 
/**
 * The amounts of orders whose receipt was confirmed in the month.
 */
confirmed_tiyn: number, 
/**
 * Payments by their date, reversals taken off.
 */
paid_tiyn: number, };

export type CategoryRevenue = { 
/**
 * None for lines whose classifier item the desk does not hold.
 */
category: Category | null, 
/**
 * Items sold (the lines' quantities).
 */
quantity: number, revenue_tiyn: number, };

export type RegionRevenue = { region: string, orders: number, revenue_tiyn: number, };

export type DeclineReason = { reason: string, count: number, };

export type TopItem = { classifier_code: string, 
/**
 * Empty when the desk does not hold the classifier item.
 */
name_kk: string, name_ru: string, name_en: string, quantity: number, revenue_tiyn: number, };

export type Share = { part: number, whole: number, };

export type Report = { query: ReportQuery, 
/**
 * Every week or month of the span, the earliest first, empty ones included.
 */
periods: Array<PeriodOrders>, 
/**
 * Every calendar month of the span, the earliest first.
 */
months: Array<RevenueMonth>, 
/**
 * The highest revenue first.
 */
by_category: Array<CategoryRevenue>, by_region: Array<RegionRevenue>, 
/**
 * Accepted (or further) of those accepted or cancelled for not being accepted in time.
 */
accepted_in_time: Share, 
/**
 * Delivered by the term, of the deliveries this desk recorded; whole 0: not known.
 */
delivered_in_term: Share, 
/**
 * The most frequent first.
 */
decline_reasons: Array<DeclineReason>, 
/**
 * At most ten, the highest revenue first.
 */
top_items: Array<TopItem>, };

export type DeliveryInput = { order_id: string, 
/**
 * `YYYY-MM-DD`, the local date of the handover.
 */
delivered_on: string, place: string, serial_numbers: Array<string>, notes: string, 
/**
 * Photos as evidence: sha256 returned by `photo_add`.
 */
photos: Array<string>, 
/**
 * The serial numbers of each order line; when given, `serial_numbers` is not read.
 */
items: Array<DeliveredItem>, 
/**
 * Who took the items; `null` says nothing.
 */
received_by: ReceivedBy | null, };

export type ConflictRow = { mutation_id: string, 
/**
 * The mutation's kind: `accept_order`, `record_delivery`, `create_offering`, …
 */
kind: string, 
/**
 * `order` or `offering`.
 */
entity: string, entity_id: string, 
/**
 * The order's number, when the entity is an order the desk knows.
 */
order_number: string | null, 
/**
 * The portal's machine-readable reason (`acceptance_window_closed`, `price_above_limit`, …).
 */
reason: string, 
/**
 * The portal's words.
 */
message: string, created_at: string, rejected_at: string, };

export type OutageRow = { id: number, started_at: string, 
/**
 * None while the outage goes on.
 */
ended_at: string | null, error_count: number, last_error: string, 
/**
 * Each distinct error seen, with how often.
 */
errors: Array<OutageError>, };

export type OutageError = { message: string, count: number, };

export type NoticeOrder = { order_id: string, number: string, due_at: string | null, };

export type Notices = { 
/**
 * Placed orders first seen since the last check (at most [`NAMED`], newest first).
 */
new_orders: Array<NoticeOrder>, new_orders_total: number, 
/**
 * Open orders whose next deadline came within 48 hours (at most [`NAMED`], nearest first).
 */
due_soon: Array<NoticeOrder>, due_soon_total: number, };

export type WorkshopRow = { order_id: string, number: string, status: OrderStatus, participant_name: string, 
/**
 * The items that need fitting.
 */
items: Array<InboxItem>, due_at: string | null, sessions: number, };

export type WorkshopQueue = { rows: Array<WorkshopRow>, total: number, };

export type SyncState = "pending" | "applied" | "rejected";

export type MeasurementInput = { name: string, 
/**
 * As typed: `24,5` or `24.5`.
 */
value: string, unit: string, };

export type FittingSessionView = { id: string, 
/**
 * `YYYY-MM-DD`.
 */
session_on: string, technician: string, notes: string, measurements: Array<MeasurementInput>, sync: SyncState, };

export type FittedView = { fitted_on: string, technician: string, serial_numbers: Array<string>, adjustments: string, warranty_start: string, sync: SyncState, };

export type FittingCard = { order_id: string, number: string, status: OrderStatus, participant_name: string, 
/**
 * The items that need fitting.
 */
items: Array<InboxItem>, due_at: string | null, 
/**
 * Whether sessions and the fitted mark may be recorded now (the order needs fitting and is
 * accepted, in work or in fitting).
 */
can_record: boolean, sessions: Array<FittingSessionView>, fitted: FittedView | null, };

export type FittingSessionInput = { order_id: string, 
/**
 * `YYYY-MM-DD`, local.
 */
session_on: string, technician: string, notes: string, measurements: Array<MeasurementInput>, };

export type FittedInput = { order_id: string, fitted_on: string, technician: string, serial_numbers: Array<string>, adjustments: string, warranty_start: string, };

export type WarrantyItem = { classifier_code: string, name: LocalizedText, };

export type WarrantyRow = { 
/**
 * Upper-cased, as the serials' index keeps it.
 */
serial: string, order_id: string, number: string, participant_name: string, 
/**
 * The order line the serial belongs to; `None` when the desk does not hold its classifier.
 */
item: WarrantyItem | null, 
/**
 * When the item was handed over (a delivery, or a replacement's date); `None` when it was
 * fitted and not delivered yet.
 */
delivered_on: string | null, fitted_on: string | null, 
/**
 * The fitting's warranty start when the serial was fitted, else the handover's date.
 */
warranty_start: string, warranty_months: number | null, warranty_end: string | null, 
/**
 * Days from today to the end; negative once it has ended.
 */
days_left: number | null, 
/**
 * How many other orders hold the same serial: one item handed over twice, or a serial
 * typed wrong (flagged, not refused).
 */
other_orders: number, 
/**
 * The serial of the item this one was exchanged for under warranty, if it was.
 */
exchanged_for: string | null, 
/**
 * Its repairs and exchanges under warranty, oldest first.
 */
services: Array<WarrantyServiceView>, };

export type WarrantyPage = { rows: Array<WarrantyRow>, 
/**
 * Rows that matched, before the limit.
 */
total: number, };

export type WarrantyServiceView = { id: string, serviced_on: string, kind: WarrantyServiceKind, serial_number: string, new_serial_number: string | null, notes: string, 
/**
 * Recorded here and not yet sent to the portal.
 */
pending: boolean, };

export type WarrantyServiceInput = { order_id: string, serial_number: string, kind: WarrantyServiceKind, serviced_on: string, new_serial_number: string | null, notes: string, };

export type WarrantyServiceKind = "repair" | "replacement";

export type DocumentKind = "delivery_act" | "fitting_act" | "order_label";

export type ReturnInput = { order_id: string, 
/**
 * `YYYY-MM-DD`, the local date the item was taken back.
 */
returned_on: string, reason: string, notes: string, };

export type ReplacementInput = { order_id: string, 
/**
 * `YYYY-MM-DD`, the local date of the handover.
 */
replaced_on: string, serial_numbers: Array<string>, notes: string, };

export type OfferingFilter = { category: Category | null, 
/**
 * Part of the classifier code or of the item's name in any language, any case.
 */
search: string, published: boolean | null, };

export type PriceChangeInput = { "kind": "percent", "value": string } | { "kind": "fixed", "value": string };

export type PriceRefusal = { offering_id: string, classifier_code: string, name: LocalizedText, price_tiyn: number, new_price_tiyn: number, limit_price_tiyn: number, };

export type PriceStep = { offering_id: string, classifier_code: string, name: LocalizedText, price_tiyn: number, new_price_tiyn: number, };

export type Rounding = "tiyn" | "whole_tenge";

export type BulkPriceOutcome = { 
/**
 * Offerings the filter covers.
 */
matched: number, 
/**
 * Of those, offerings whose price changes (the others already have the new price).
 */
changed: number, refused: Array<PriceRefusal>, 
/**
 * Each price that changes (or changed), before and after.
 */
steps: Array<PriceStep>, 
/**
 * Whether the change was applied (false for a preview, or when refused).
 */
applied: boolean, };

export type Role = "manager" | "office" | "workshop" | "courier";

export type Command = "sync_status" | "portal_sign_in" | "inbox_page" | "order_detail" | "order_accept" | "order_decline" | "order_assign" | "notices" | "delivery_record" | "return_record" | "replacement_record" | "offerings_list" | "offering_save" | "offering_publish" | "offerings_price_change" | "offerings_import" | "offerings_export" | "orders_export" | "photo_add" | "photo_view" | "conflicts_list" | "conflict_resolve" | "outages_list" | "workshop_queue" | "fitting_session_record" | "fitting_mark_fitted" | "document_order_label" | "document_delivery_act" | "document_fitting_act" | "staff_list" | "staff_manage" | "audit_view" | "backup_create" | "backup_restore" | "my_work" | "own_settings" | "money" | "today" | "warranty_register" | "warranty_service_record" | "reports";

export type NewStaffInput = { username: string, display_name: string, role: Role, password: string, };

export type StaffRow = { id: number, username: string, display_name: string, role: Role, active: boolean, created_at: string, };

export type StaffUpdate = { display_name: string, role: Role, };

export type SessionView = { username: string, display_name: string, role: Role, allowed: Array<Command>, 
/**
 * The window's language this person chose, if any (`kk`, `ru`, `en`).
 */
language: string | null, 
/**
 * Seconds without use after which the screen locks.
 */
lock_after_secs: number, };

export type SignInAnswer = { "outcome": "signed_in", session: SessionView, 
/**
 * Refused attempts under this name since its previous sign-in, shown as a warning.
 */
refused_before: number, } | { "outcome": "refused", refused_in_row: number, paused_until: string | null, } | { "outcome": "paused", until: string, } | { "outcome": "disabled" };

export type SessionState = { needs_first_account: boolean, session: SessionView | null, };

export type AuditQuery = { 
/**
 * Who acted: a user name (or `portal`).
 */
actor: string | null, 
/**
 * What was done, e.g. `accept_order`, `signed_in`.
 */
action: string | null, 
/**
 * The id of the order, offering or staff member acted upon.
 */
entity_id: string | null, 
/**
 * From this instant (inclusive).
 */
from: string | null, 
/**
 * Until this instant (exclusive).
 */
until: string | null, offset: number, limit: number, };

export type AuditRow = { id: number, at: string, actor: string, action: string, entity: string, entity_id: string, 
/**
 * What was sent or decided, as JSON.
 */
detail: string, };

export type AuditPage = { rows: Array<AuditRow>, total: number, 
/**
 * Everyone and every action the trail holds, for the filters' lists.
 */
actors: Array<string>, actions: Array<string>, };

export type VaultKind = "keychain" | "sealed_file";

export type BackupStage = "database" | "photos";

export type BackupProgress = { 
/**
 * `database` while its pages are copied, then `photos`.
 */
stage: BackupStage, done: number, total: number, };

export type BackupSummary = { created_at: string, orders: number, photos: number, bytes: number, };

export type BackupFile = { name: string, bytes: number, modified: string, };

export type BackupFolder = { dir: string, 
/**
 * Newest first.
 */
files: Array<BackupFile>, 
/**
 * Where this desk keeps its secrets (the keychain, or the sealed file where there is none).
 */
secrets: VaultKind, };

/** Every permission, in the order of `access::Command`. */
export const ALL_COMMANDS: Command[] = ["sync_status", "portal_sign_in", "inbox_page", "order_detail", "order_accept", "order_decline", "order_assign", "notices", "delivery_record", "return_record", "replacement_record", "offerings_list", "offering_save", "offering_publish", "offerings_price_change", "offerings_import", "offerings_export", "orders_export", "photo_add", "photo_view", "conflicts_list", "conflict_resolve", "outages_list", "workshop_queue", "fitting_session_record", "fitting_mark_fitted", "document_order_label", "document_delivery_act", "document_fitting_act", "staff_list", "staff_manage", "audit_view", "backup_create", "backup_restore", "my_work", "own_settings", "money", "today", "warranty_register", "warranty_service_record", "reports"];

/** The permission each order action needs (`OrderAction::command`). */
export const ORDER_ACTION_COMMAND: Record<OrderAction, Command> = {
  accept: "order_accept",
  decline: "order_decline",
  record_delivery: "delivery_record",
  record_fitting: "fitting_mark_fitted",
  record_return: "return_record",
  record_replacement: "replacement_record",
  assign: "order_assign",
};

/** Each letter and the one search treats it as (`kernel::search_text::SEARCH_FOLDS`). */
export const SEARCH_FOLDS: ReadonlyArray<readonly [string, string]> = [['ё', 'е'], ['ә', 'а'], ['ғ', 'г'], ['қ', 'к'], ['ң', 'н'], ['ө', 'о'], ['ұ', 'у'], ['ү', 'у'], ['һ', 'х'], ['і', 'и']];
