// The app's only way to the Rust side: typed wrappers over Tauri's `invoke` and channels.
// There is deliberately no stand-in backend: outside the Tauri window every call fails with
// the `not_in_tauri` error, which the screens show like any other.
import { Channel, invoke, isTauri } from '@tauri-apps/api/core';
import type {
  AppError,
  AuditPage,
  AuditQuery,
  BackupFolder,
  BackupProgress,
  BackupSummary,
  NewStaffInput,
  SessionState,
  SessionView,
  SignInAnswer,
  StaffRow,
  ClassifierOption,
  ConflictRow,
  CsvImportOutcome,
  DeliveryInput,
  BulkPriceOutcome,
  DocumentKind,
  FittedInput,
  FittingCard,
  FittingSessionInput,
  InboxPage,
  InboxQuery,
  Notices,
  OfferingFilter,
  OfferingInput,
  OfferingRow,
  OrderDetail,
  OutageRow,
  PriceChangeInput,
  QuitRequest,
  ReplacementInput,
  ReturnInput,
  SyncStatus,
  WorkshopQueue,
} from '../bindings/bindings';

export function isAppError(e: unknown): e is AppError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as AppError).code === 'string' &&
    typeof (e as AppError).message === 'string'
  );
}

/** Whatever a command rejected with, as an AppError. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return { code: e.code, message: e.message, field: e.field ?? null };
  if (e instanceof Error) return { code: 'internal', message: e.message, field: null };
  return { code: 'internal', message: String(e), field: null };
}

const NOT_IN_TAURI: AppError = {
  code: 'not_in_tauri',
  message: 'The Tauri runtime is not available.',
  field: null,
};

/** True inside the Tauri window (the runtime sets `isTauri` and its IPC internals). */
export function inTauri(): boolean {
  return isTauri() || '__TAURI_INTERNALS__' in globalThis;
}

/** Called when a command is refused because the screen locked or nobody is signed in. */
let sessionLost: (error: AppError) => void = () => {};

export function onSessionLost(handler: (error: AppError) => void): void {
  sessionLost = handler;
}

function rejected(e: unknown): AppError {
  const error = toAppError(e);
  if (error.code === 'locked' || error.code === 'signed_out') sessionLost(error);
  return error;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!inTauri()) throw NOT_IN_TAURI;
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw rejected(e);
  }
}

export function inboxPage(query: InboxQuery): Promise<InboxPage> {
  return call<InboxPage>('inbox_page', { query });
}

export function offeringsList(): Promise<OfferingRow[]> {
  return call<OfferingRow[]>('offerings_list');
}

/** Every classifier item, for the offering form's picker. */
export function classifierOptions(): Promise<ClassifierOption[]> {
  return call<ClassifierOption[]>('classifier_options');
}

/**
 * Imports offerings from the text of a CSV file: every row, or none when any row is bad (the
 * outcome then lists each with its line number).
 */
export function offeringsImport(csv: string): Promise<CsvImportOutcome> {
  return call<CsvImportOutcome>('offerings_import', { csv });
}

/** Writes the offerings as a CSV file; resolves to the file's path. */
export function offeringsExport(): Promise<string> {
  return call<string>('offerings_export');
}

/**
 * Saves the offering form (new when `offering_id` is null); resolves to the offering's id,
 * queued for the portal. Rejects with `field` "price" when the price is malformed or above the
 * classifier's limit price.
 */
export function offeringSave(input: OfferingInput): Promise<string> {
  return call<string>('offering_save', { input });
}

/** Starts a sync unless one is running; resolves at once with the current status. */
export function syncNow(): Promise<SyncStatus> {
  return call<SyncStatus>('sync_now');
}

/** Tells the app the inbox shows `count` order rows. */
export function inboxRendered(count: number): Promise<void> {
  return call<void>('inbox_rendered', { count });
}

/**
 * Calls `handler` with every sync status the app sends from now on, over a channel tied to this
 * page; resolves to the status as it was when the subscription began.
 */
export function subscribeSyncStatus(handler: (status: SyncStatus) => void): Promise<SyncStatus> {
  if (!inTauri()) return Promise.reject(NOT_IN_TAURI);
  return call<SyncStatus>('sync_subscribe', { onStatus: new Channel<SyncStatus>(handler) });
}

// Orders. Each action is recorded locally, queued for the portal and wakes a sync; it resolves
// to the order as it is after the action.

export function orderDetail(orderId: string): Promise<OrderDetail> {
  return call<OrderDetail>('order_detail', { orderId });
}

export function orderAccept(orderId: string): Promise<OrderDetail> {
  return call<OrderDetail>('order_accept', { orderId });
}

export function orderDecline(orderId: string, reason: string): Promise<OrderDetail> {
  return call<OrderDetail>('order_decline', { orderId, reason });
}

/** Sends a chosen photo's bytes as the raw IPC body; resolves to its sha256. */
export function photoAdd(bytes: Uint8Array): Promise<string> {
  return callRaw<string>('photo_add', bytes);
}

/** A kept photo's bytes, for a thumbnail. */
export async function photoData(sha256: string): Promise<Uint8Array> {
  return new Uint8Array(await call<ArrayBuffer>('photo_data', { sha256 }));
}

export function offeringPhotos(offeringId: string): Promise<string[]> {
  return call<string[]>('offering_photos', { offeringId });
}

async function callRaw<T>(command: string, body: Uint8Array): Promise<T> {
  if (!inTauri()) throw NOT_IN_TAURI;
  try {
    return await invoke<T>(command, body);
  } catch (e) {
    throw rejected(e);
  }
}

export function deliveryRecord(input: DeliveryInput): Promise<OrderDetail> {
  return call<OrderDetail>('delivery_record', { input });
}

export function orderAssign(orderId: string, assignee: string): Promise<OrderDetail> {
  return call<OrderDetail>('order_assign', { orderId, assignee });
}

export function offeringsPricePreview(filter: OfferingFilter, change: PriceChangeInput): Promise<BulkPriceOutcome> {
  return call<BulkPriceOutcome>('offerings_price_preview', { filter, change });
}

/** Applies the change to every covered offering, or to none when the outcome lists refusals. */
export function offeringsPriceChange(filter: OfferingFilter, change: PriceChangeInput): Promise<BulkPriceOutcome> {
  return call<BulkPriceOutcome>('offerings_price_change', { filter, change });
}

/** Publishes or unpublishes one offering (queued for the portal like any offering change). */
export function offeringPublish(offeringId: string, published: boolean): Promise<void> {
  return call<void>('offering_publish', { offeringId, published });
}

export function returnRecord(input: ReturnInput): Promise<OrderDetail> {
  return call<OrderDetail>('return_record', { input });
}

export function replacementRecord(input: ReplacementInput): Promise<OrderDetail> {
  return call<OrderDetail>('replacement_record', { input });
}

// Changes the portal refused.

export function conflictsList(): Promise<ConflictRow[]> {
  return call<ConflictRow[]>('conflicts_list');
}

export function conflictDiscard(mutationId: string, reason: string): Promise<void> {
  return call<void>('conflict_discard', { mutationId, reason });
}

/**
 * Queues a refused change again: as it was, or, with `price` (as the user typed it, `12 345,50`),
 * an offering refused for its price with that price instead. The app parses the price and refuses
 * it with field `price` when it is malformed or above the limit.
 */
export function conflictRetry(mutationId: string, price?: string): Promise<void> {
  return call<void>('conflict_retry', price === undefined ? { mutationId } : { mutationId, price });
}

// The journal of times the portal could not be reached.

export function outagesList(): Promise<OutageRow[]> {
  return call<OutageRow[]>('outages_list');
}

/** Writes the journal as a CSV file; resolves to the file's path. */
export function outagesExport(): Promise<string> {
  return call<string>('outages_export');
}

// Quitting with changes still queued.

/**
 * Asks the app to send a QuitRequest over a channel whenever the window is closed while changes
 * are still queued (the window then stays open until the page answers).
 */
export function subscribeQuitRequests(handler: (request: QuitRequest) => void): Promise<void> {
  if (!inTauri()) return Promise.reject(NOT_IN_TAURI);
  return call<void>('quit_guard', { onRequest: new Channel<QuitRequest>(handler) });
}

/** Quits now; queued changes stay in the local database for the next start. */
export function appQuit(): Promise<void> {
  return call<void>('app_quit');
}

// Signing in again after the portal refused the supplier's credentials.

/**
 * Gives the app new credentials and wakes a sync that signs in with them; resolves once they are
 * taken (the sync's outcome comes over the status channel). Rejects with `field` "bin" or
 * "password" when one of them is not acceptable.
 */
export function portalSignIn(bin: string, password: string): Promise<null> {
  return call<null>('portal_sign_in', { bin, password });
}

// Desktop notices: new orders and deadlines within 48 hours, each given once.

export function noticesTake(): Promise<Notices> {
  return call<Notices>('notices_take');
}

/** Shows a notice on the desktop (the window shows it too, whatever the desktop can do). */
export function noticeShow(notice: { title: string; body: string }): Promise<void> {
  return call<void>('notice_show', { title: notice.title, body: notice.body });
}

// The workshop. A session or a fitted mark is recorded locally, queued for the portal and wakes
// a sync; it resolves to the order's fitting record as it is after the action.

export function workshopQueue(offset: number, limit: number): Promise<WorkshopQueue> {
  return call<WorkshopQueue>('workshop_queue', { offset, limit });
}

/** The fitting record of the order with this number; an unknown number fails on field `number`. */
export function workshopFind(number: string): Promise<FittingCard> {
  return call<FittingCard>('workshop_find', { number });
}

export function workshopCard(orderId: string): Promise<FittingCard> {
  return call<FittingCard>('workshop_card', { orderId });
}

export function fittingSessionRecord(input: FittingSessionInput): Promise<FittingCard> {
  return call<FittingCard>('fitting_session_record', { input });
}

export function fittingMarkFitted(input: FittedInput): Promise<FittingCard> {
  return call<FittingCard>('fitting_mark_fitted', { input });
}

const DOCUMENT_COMMANDS: Record<DocumentKind, string> = {
  delivery_act: 'document_delivery_act',
  fitting_act: 'document_fitting_act',
  order_label: 'document_order_label',
};

/** Makes one of an order's documents as PDF in the given language; resolves to the saved file's path. */
export function documentMake(kind: DocumentKind, orderId: string, lang: string): Promise<string> {
  return call<string>(DOCUMENT_COMMANDS[kind], { orderId, lang });
}

// Staff sign-in at this workstation, the screen lock and switching user.

/** Tells the app the sign-in (or first-account) screen is drawn. */
export function gateShown(screen: 'sign-in' | 'first-account'): Promise<void> {
  return call<void>('gate_shown', { screen });
}

export function sessionState(): Promise<SessionState> {
  return call<SessionState>('session_state');
}

/** Signs in (replacing whoever was signed in); a refusal is an answer, not an error. */
export function sessionSignIn(username: string, password: string): Promise<SignInAnswer> {
  return call<SignInAnswer>('session_sign_in', { username, password });
}

/** Creates a new desk's first account (a manager) and signs it in. */
export function sessionFirstManager(input: NewStaffInput): Promise<SessionView> {
  return call<SessionView>('session_first_manager', { input });
}

/** Locks the screen (`lock`) or signs out. */
export function sessionEnd(lock: boolean): Promise<void> {
  return call<void>('session_end', { lock });
}

/** Tells the app the desk is in use, so that it does not lock. */
export function sessionTouch(): Promise<void> {
  return call<void>('session_touch');
}

// Staff accounts and the audit trail (a manager's).

export function staffList(): Promise<StaffRow[]> {
  return call<StaffRow[]>('staff_list');
}

export function staffCreate(input: NewStaffInput): Promise<StaffRow> {
  return call<StaffRow>('staff_create', { input });
}

export function staffSetActive(staffId: number, active: boolean): Promise<StaffRow> {
  return call<StaffRow>('staff_set_active', { staffId, active });
}

export function staffResetPassword(staffId: number, password: string): Promise<void> {
  return call<void>('staff_reset_password', { staffId, password });
}

export function auditPage(query: AuditQuery): Promise<AuditPage> {
  return call<AuditPage>('audit_page', { query });
}

/** Writes the entries the filters match as a CSV file; resolves to its path. */
export function auditExport(query: AuditQuery): Promise<string> {
  return call<string>('audit_export', { query });
}

// Backups (a manager's).

export function backupList(): Promise<BackupFolder> {
  return call<BackupFolder>('backup_list');
}

/** Writes a backup encrypted with `password`; resolves to its file name and what it holds. */
export function backupCreate(password: string, onProgress: (p: BackupProgress) => void): Promise<[string, BackupSummary]> {
  return call<[string, BackupSummary]>('backup_create', { password, onProgress: new Channel<BackupProgress>(onProgress) });
}

/** Replaces the desk's data with the backup `name` of the backups folder; the session ends. */
export function backupRestore(name: string, password: string, onProgress: (p: BackupProgress) => void): Promise<BackupSummary> {
  return call<BackupSummary>('backup_restore', { name, password, onProgress: new Channel<BackupProgress>(onProgress) });
}
