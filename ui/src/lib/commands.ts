// The app's commands, one function each, generated from their #[tauri::command] functions in
// src-tauri/commands by crates/ipc-gen. Do not edit: change the Rust function, then run
// `UPDATE_IPC=1 cargo test --test hardening`.
import type {
  AssignableStaff,
  AuditPage,
  AuditQuery,
  BackupFolder,
  BackupProgress,
  BackupSummary,
  BulkPriceOutcome,
  ClassifierOption,
  ConflictRow,
  CsvImportOutcome,
  DeliveryInput,
  FittedInput,
  FittingCard,
  FittingSessionInput,
  InboxPage,
  InboxQuery,
  MoneyView,
  NewStaffInput,
  Notices,
  OfferingFilter,
  OfferingInput,
  OfferingRow,
  OrderDetail,
  OutageRow,
  PriceChangeInput,
  PriceStep,
  ReplacementInput,
  Report,
  ReportQuery,
  ReturnInput,
  Rounding,
  SessionState,
  SessionView,
  SignInAnswer,
  StaffRow,
  StaffUpdate,
  SyncStatus,
  TodayView,
  WarrantyPage,
  WarrantyServiceInput,
  WorkItem,
  WorkshopQueue,
} from '../bindings/bindings';
import type {
  QuitRequest,
} from '../bindings/shell';
import { call, callBytes, callRaw, channel, given } from './ipc';

// app

/**
 * The page asks to be told when a quit needs confirming.
 */
export async function quitGuard(onRequest: (value: QuitRequest) => void): Promise<void> {
  return call<void>('quit_guard', { onRequest: channel<QuitRequest>(onRequest) });
}

/**
 * The user confirmed: quit even with changes queued (they stay queued for the next start).
 */
export async function appQuit(): Promise<void> {
  return call<void>('app_quit');
}

// assignment

export async function orderAssign(orderId: string, username: string): Promise<OrderDetail> {
  return call<OrderDetail>('order_assign', { orderId, username });
}

/**
 * The accounts an order may be assigned to.
 */
export async function staffAssignable(): Promise<AssignableStaff[]> {
  return call<AssignableStaff[]>('staff_assignable');
}

/**
 * The open orders assigned to the signed-in person.
 */
export async function myWork(): Promise<WorkItem[]> {
  return call<WorkItem[]>('my_work');
}

// audit

export async function auditPage(query: AuditQuery): Promise<AuditPage> {
  return call<AuditPage>('audit_page', { query });
}

/**
 * Writes the entries the filters match as CSV into the data dir's `exports/`; returns its path.
 */
export async function auditExport(query: AuditQuery): Promise<string> {
  return call<string>('audit_export', { query });
}

// backup

export async function backupList(): Promise<BackupFolder> {
  return call<BackupFolder>('backup_list');
}

/**
 * Writes a backup encrypted with `password`; returns its file name and what it holds.
 */
export async function backupCreate(password: string, onProgress: (value: BackupProgress) => void): Promise<[string, BackupSummary]> {
  return call<[string, BackupSummary]>('backup_create', { password, onProgress: channel<BackupProgress>(onProgress) });
}

/**
 * Replaces the desk's data with the backup `name` from the backups folder. The staff of the
 * backup come with it, so the session ends: the next person signs in again.
 */
export async function backupRestore(name: string, password: string, onProgress: (value: BackupProgress) => void): Promise<BackupSummary> {
  return call<BackupSummary>('backup_restore', { name, password, onProgress: channel<BackupProgress>(onProgress) });
}

// bulk_price

export async function offeringsPricePreview(filter: OfferingFilter, change: PriceChangeInput, rounding: Rounding): Promise<BulkPriceOutcome> {
  return call<BulkPriceOutcome>('offerings_price_preview', { filter, change, rounding });
}

/**
 * Applies the change to every covered offering, or (with refusals listed) to none; refused
 * unless it makes exactly the previewed `expected` steps.
 */
export async function offeringsPriceChange(filter: OfferingFilter, change: PriceChangeInput, rounding: Rounding, expected: PriceStep[]): Promise<BulkPriceOutcome> {
  return call<BulkPriceOutcome>('offerings_price_change', { filter, change, rounding, expected });
}

/**
 * Puts back the prices an applied change replaced.
 */
export async function offeringsPriceUndo(steps: PriceStep[]): Promise<BulkPriceOutcome> {
  return call<BulkPriceOutcome>('offerings_price_undo', { steps });
}

/**
 * Publishes or unpublishes one offering from the list, as an offering change like the form's.
 */
export async function offeringPublish(offeringId: string, published: boolean): Promise<void> {
  return call<void>('offering_publish', { offeringId, published });
}

// documents

export async function documentDeliveryAct(orderId: string, lang: string): Promise<string> {
  return call<string>('document_delivery_act', { orderId, lang });
}

export async function documentFittingAct(orderId: string, lang: string): Promise<string> {
  return call<string>('document_fitting_act', { orderId, lang });
}

export async function documentOrderLabel(orderId: string, lang: string): Promise<string> {
  return call<string>('document_order_label', { orderId, lang });
}

// files

/**
 * Opens a made file in the OS's viewer for its kind (a PDF viewer prints it, a spreadsheet
 * program opens an XLSX).
 */
export async function fileOpen(path: string): Promise<void> {
  return call<void>('file_open', { path });
}

/**
 * Shows a made file selected in the OS's file manager.
 */
export async function fileReveal(path: string): Promise<void> {
  return call<void>('file_reveal', { path });
}

/**
 * Asks where to save a copy of a made file; true when one was saved, false when the person
 * closed the dialog.
 */
export async function fileSaveAs(path: string): Promise<boolean> {
  return call<boolean>('file_save_as', { path });
}

// inbox

export async function inboxPage(query: InboxQuery): Promise<InboxPage> {
  return call<InboxPage>('inbox_page', { query });
}

/**
 * The UI reports that the inbox has rendered `count` rows. Logged once per change, so a
 * headless run can tell that the window really shows orders.
 */
export async function inboxRendered(count: number): Promise<void> {
  return call<void>('inbox_rendered', { count });
}

/**
 * Writes the orders the inbox's filters select (all pages) as a spreadsheet (XLSX) in `lang`
 * into the data dir's `exports/` and returns the file's path.
 */
export async function ordersExport(query: InboxQuery, lang: string): Promise<string> {
  return call<string>('orders_export', { query, lang });
}

// journal

export async function conflictsList(): Promise<ConflictRow[]> {
  return call<ConflictRow[]>('conflicts_list');
}

export async function conflictDiscard(mutationId: string, reason: string): Promise<void> {
  return call<void>('conflict_discard', { mutationId, reason });
}

/**
 * Queues a refused change again: as it was (for a refusal a later try may overcome), or, for an
 * offering refused for its price, with the corrected price the user typed (`12 345,50`).
 */
export async function conflictRetry(mutationId: string, price?: string | null): Promise<void> {
  return call<void>('conflict_retry', given({ mutationId, price }));
}

export async function outagesList(): Promise<OutageRow[]> {
  return call<OutageRow[]>('outages_list');
}

/**
 * Writes the outage journal as CSV into the data dir's `exports/` and returns the file's path.
 */
export async function outagesExport(): Promise<string> {
  return call<string>('outages_export');
}

// money

/**
 * What is owed (aged on today's date in Kazakhstan), what was paid, what does not match.
 */
export async function money(): Promise<MoneyView> {
  return call<MoneyView>('money');
}

/**
 * Makes the claim letter for the late orders in the data dir's `documents/` folder; returns
 * where it was saved.
 */
export async function moneyClaimLetter(lang: string): Promise<string> {
  return call<string>('money_claim_letter', { lang });
}

// notices

/**
 * New orders and deadlines within 48 hours not announced yet; each is given once.
 */
export async function noticesTake(): Promise<Notices> {
  return call<Notices>('notices_take');
}

/**
 * Shows one notice through the desktop's notification service (org.freedesktop.Notifications).
 * A desktop without one is not an error the user can act on: the window shows every notice in
 * its own live region as well, so this only logs the failure.
 */
export async function noticeShow(title: string, body: string): Promise<void> {
  return call<void>('notice_show', { title, body });
}

// offerings

export async function offeringsList(): Promise<OfferingRow[]> {
  return call<OfferingRow[]>('offerings_list');
}

export async function classifierOptions(): Promise<ClassifierOption[]> {
  return call<ClassifierOption[]>('classifier_options');
}

/**
 * Saves the offering form (a new offering or an edit); resolves to the offering's id. A refused
 * field comes back as an error naming it (`price` above the limit price, say).
 */
export async function offeringSave(input: OfferingInput): Promise<string> {
  return call<string>('offering_save', { input });
}

/**
 * Imports offerings from CSV text (the file the user chose, read by the page): all rows or, when
 * any row is bad, none, with every bad row listed.
 */
export async function offeringsImport(csv: string): Promise<CsvImportOutcome> {
  return call<CsvImportOutcome>('offerings_import', { csv });
}

/**
 * Writes the offerings as CSV into the data dir's `exports/` and returns the file's path.
 */
export async function offeringsExport(): Promise<string> {
  return call<string>('offerings_export');
}

/**
 * Writes the offerings as a spreadsheet (XLSX) in `lang` into the data dir's `exports/` and
 * returns the file's path.
 */
export async function offeringsExportXlsx(lang: string): Promise<string> {
  return call<string>('offerings_export_xlsx', { lang });
}

// orders

export async function orderDetail(orderId: string): Promise<OrderDetail> {
  return call<OrderDetail>('order_detail', { orderId });
}

export async function orderAccept(orderId: string): Promise<OrderDetail> {
  return call<OrderDetail>('order_accept', { orderId });
}

export async function orderDecline(orderId: string, reason: string): Promise<OrderDetail> {
  return call<OrderDetail>('order_decline', { orderId, reason });
}

export async function deliveryRecord(input: DeliveryInput): Promise<OrderDetail> {
  return call<OrderDetail>('delivery_record', { input });
}

// photos

/**
 * Keeps the photo in the request's raw body; resolves to its sha256. A file that is not a
 * JPEG, PNG or WebP image, or is over 10 MiB, is refused on the `photos` field.
 */
export async function photoAdd(body: Uint8Array): Promise<string> {
  return callRaw<string>('photo_add', body);
}

/**
 * A kept photo's bytes, for a thumbnail (an `ArrayBuffer` in the page).
 */
export async function photoData(sha256: string): Promise<Uint8Array> {
  return callBytes('photo_data', { sha256 });
}

/**
 * The photos of an offering, for the dialog that edits it.
 */
export async function offeringPhotos(offeringId: string): Promise<string[]> {
  return call<string[]>('offering_photos', { offeringId });
}

// refusals

export async function returnRecord(input: ReturnInput): Promise<OrderDetail> {
  return call<OrderDetail>('return_record', { input });
}

export async function replacementRecord(input: ReplacementInput): Promise<OrderDetail> {
  return call<OrderDetail>('replacement_record', { input });
}

// reports

/**
 * The report over the query's days (Kazakhstan's calendar).
 */
export async function report(query: ReportQuery): Promise<Report> {
  return call<Report>('report', { query });
}

/**
 * Saves the report over the query's days as a spreadsheet in the data dir's exports; returns
 * where it was saved.
 */
export async function reportExport(query: ReportQuery, lang: string): Promise<string> {
  return call<string>('report_export', { query, lang });
}

/**
 * Makes the report of a calendar month (`YYYY-MM`) as PDF in the data dir's `documents/`;
 * returns where it was saved.
 */
export async function reportMonthPdf(month: string, lang: string): Promise<string> {
  return call<string>('report_month_pdf', { month, lang });
}

// session

/**
 * The sign-in (or first-account) screen is drawn: the window's first screen at every start.
 * Printed once, for `scripts/run.sh` and the start-up benchmark, and it lets the first sync go.
 */
export async function gateShown(screen: string): Promise<void> {
  return call<void>('gate_shown', { screen });
}

export async function sessionState(): Promise<SessionState> {
  return call<SessionState>('session_state');
}

/**
 * Signs someone in, replacing whoever was signed in (switching user without restarting).
 */
export async function sessionSignIn(username: string, password: string): Promise<SignInAnswer> {
  return call<SignInAnswer>('session_sign_in', { username, password });
}

/**
 * Creates a new desk's first account (a manager) and signs its maker in.
 */
export async function sessionFirstManager(input: NewStaffInput): Promise<SessionView> {
  return call<SessionView>('session_first_manager', { input });
}

/**
 * Locks the screen (`lock`) or signs out, so another person can sign in.
 */
export async function sessionEnd(lock: boolean): Promise<void> {
  return call<void>('session_end', { lock });
}

/**
 * The window reports use (typing, clicks) so that working in a long form does not lock.
 */
export async function sessionTouch(): Promise<void> {
  return call<void>('session_touch');
}

/**
 * Keeps the language the signed-in person chose, for their next sign-in on this desk.
 */
export async function sessionSetLanguage(language: string): Promise<void> {
  return call<void>('session_set_language', { language });
}

// staff

export async function staffList(): Promise<StaffRow[]> {
  return call<StaffRow[]>('staff_list');
}

export async function staffCreate(input: NewStaffInput): Promise<StaffRow> {
  return call<StaffRow>('staff_create', { input });
}

export async function staffSetActive(staffId: number, active: boolean): Promise<StaffRow> {
  return call<StaffRow>('staff_set_active', { staffId, active });
}

export async function staffUpdate(staffId: number, change: StaffUpdate): Promise<StaffRow> {
  return call<StaffRow>('staff_update', { staffId, change });
}

export async function staffResetPassword(staffId: number, password: string): Promise<void> {
  return call<void>('staff_reset_password', { staffId, password });
}

// sync

/**
 * Wakes the background sync; the outcome reaches the subscribers of `sync_subscribe`.
 */
export async function syncNow(): Promise<SyncStatus> {
  return call<SyncStatus>('sync_now');
}

/**
 * Subscribes the page to sync status updates and returns the status as it is now.
 */
export async function syncSubscribe(onStatus: (value: SyncStatus) => void): Promise<SyncStatus> {
  return call<SyncStatus>('sync_subscribe', { onStatus: channel<SyncStatus>(onStatus) });
}

/**
 * After the portal refused the credentials: signs in again with the ones the user typed, and
 * keeps them in the desk's vault (the OS keychain, or the sealed file) for the next start.
 */
export async function portalSignIn(bin: string, password: string): Promise<void> {
  return call<void>('portal_sign_in', { bin, password });
}

// today

export async function today(): Promise<TodayView> {
  return call<TodayView>('today');
}

// warranty

export async function warrantyRegister(serial: string | null, endingWithinDays: number | null, limit: number): Promise<WarrantyPage> {
  return call<WarrantyPage>('warranty_register', { serial, endingWithinDays, limit });
}

/**
 * Records a repair or an exchange under warranty; answers the register's rows of the serviced
 * serial as they now stand.
 */
export async function warrantyServiceRecord(input: WarrantyServiceInput): Promise<WarrantyPage> {
  return call<WarrantyPage>('warranty_service_record', { input });
}

// workshop

export async function workshopQueue(offset: number, limit: number): Promise<WorkshopQueue> {
  return call<WorkshopQueue>('workshop_queue', { offset, limit });
}

export async function workshopFind(number: string): Promise<FittingCard> {
  return call<FittingCard>('workshop_find', { number });
}

export async function workshopCard(orderId: string): Promise<FittingCard> {
  return call<FittingCard>('workshop_card', { orderId });
}

export async function fittingSessionRecord(input: FittingSessionInput): Promise<FittingCard> {
  return call<FittingCard>('fitting_session_record', { input });
}

export async function fittingMarkFitted(input: FittedInput): Promise<FittingCard> {
  return call<FittingCard>('fitting_mark_fitted', { input });
}
