//! The headless entry points (`supplier-desk sync`, `status`, `offerings-export`,
//! `offerings-import`, `document`, `audit-export`, `staff-add`): the same store and sync engine
//! as the window, without one. Commands that read or change the supplier's data sign a staff
//! member in first (`--user`), and their role is checked like the window's.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use std::io::BufRead;

use desk_core::access::{Actor, Command as Permission, Role};
use desk_core::documents::{Destination, DocumentError, DocumentKind, DocumentRequest, Fonts, Lang};
use desk_core::features::audit::AuditQuery;
use desk_core::features::backup::{BackupProgress, BackupStage};
use desk_core::features::staff::views::{NewStaffInput, SignInOutcome};
use desk_core::sync::SyncEngine;
use desk_core::vault::Vault;
use desk_core::{ImportError, ImportReport, Store};
use portal_api::PortalClient;

use crate::cli::{Cli, Command, DocumentArg, LangArg, RoleArg};
use crate::portal;

#[derive(Debug, thiserror::Error)]
enum HeadlessError {
    #[error("--data-dir (or SUPPLIER_DESK_DATA_DIR) is required for this command")]
    NoDataDir,
    #[error("--portal (or SUPPLIER_DESK_PORTAL) is required for sync")]
    NoPortal,
    #[error("{0} does not exist; the desk has never run with this data dir")]
    MissingDataDir(PathBuf),
    #[error("cannot create the data dir {path}: {source}")]
    CreateDataDir { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Desk(#[from] crate::desk::OpenDeskError),
    #[error("cannot read the local database: {0}")]
    Store(#[from] desk_core::StoreError),
    #[error(transparent)]
    Client(#[from] portal_api::ClientError),
    #[error("sync failed: {0}")]
    Sync(#[from] desk_core::sync::SyncError),
    #[error("cannot start the async runtime: {0}")]
    Runtime(#[from] std::io::Error),
    #[error("cannot print the status: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot read {path}: {source}")]
    ReadFile { path: PathBuf, source: std::io::Error },
    #[error("cannot write {path}: {source}")]
    WriteFile { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Import { path: PathBuf, source: ImportError },
    #[error(transparent)]
    Document(#[from] DocumentError),
    #[error("--user (or SUPPLIER_DESK_USER) is required: this command acts as a staff member")]
    NoUser,
    #[error("no password: set {0} or give it as a line on standard input")]
    NoPassword(&'static str),
    #[error("sign-in refused: {0}")]
    SignIn(String),
    #[error(transparent)]
    Forbidden(#[from] desk_core::access::AccessError),
    #[error(transparent)]
    Staff(#[from] desk_core::features::staff::StaffError),
    #[error(transparent)]
    Audit(#[from] desk_core::features::audit::AuditError),
    #[error(transparent)]
    Backup(#[from] desk_core::features::backup::BackupError),
}

pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    match execute(cli, command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("supplier-desk: {e}");
            ExitCode::FAILURE
        }
    }
}

fn open_store(cli: &Cli, create: bool) -> Result<Store, HeadlessError> {
    Ok(open_desk(cli, create)?.1)
}

fn open_desk(cli: &Cli, create: bool) -> Result<(Vault, Store), HeadlessError> {
    let dir = cli.data_dir.as_deref().ok_or(HeadlessError::NoDataDir)?;
    if !create && !dir.is_dir() {
        return Err(HeadlessError::MissingDataDir(dir.to_path_buf()));
    }
    std::fs::create_dir_all(dir).map_err(|source| HeadlessError::CreateDataDir { path: dir.to_path_buf(), source })?;
    Ok(crate::desk::open(cli, dir)?)
}

/// Prints a backup's or restore's progress on standard error, one line redrawn in place.
fn report_progress() -> impl FnMut(BackupProgress) {
    move |p: BackupProgress| {
        let stage = match p.stage {
            BackupStage::Database => "database pages",
            BackupStage::Photos => "photos",
        };
        eprint!("\r{stage}: {}/{}    ", p.done, p.total);
    }
}

/// A password from the environment variable `var`, or else the next line of standard input.
fn password(var: &'static str, stdin: &mut impl BufRead) -> Result<String, HeadlessError> {
    if let Ok(password) = std::env::var(var) {
        return Ok(password);
    }
    let mut line = String::new();
    stdin.read_line(&mut line).map_err(|_| HeadlessError::NoPassword(var))?;
    let password = line.trim_end_matches(['\r', '\n']);
    if password.is_empty() { Err(HeadlessError::NoPassword(var)) } else { Ok(password.to_owned()) }
}

/// Signs in the `--user` and checks that their role allows `command`.
fn sign_in(
    cli: &Cli,
    store: &mut Store,
    command: Permission,
    stdin: &mut impl BufRead,
) -> Result<Actor, HeadlessError> {
    let user = cli.user.as_deref().ok_or(HeadlessError::NoUser)?;
    let password = password("SUPPLIER_DESK_USER_PASSWORD", stdin)?;
    let actor = match store.sign_in(user, &password)? {
        SignInOutcome::SignedIn { actor, .. } => actor,
        SignInOutcome::Refused { refused_in_row, .. } => {
            return Err(HeadlessError::SignIn(format!(
                "wrong user name or password ({refused_in_row} refused in a row)"
            )));
        }
        SignInOutcome::Paused { until } => {
            return Err(HeadlessError::SignIn(format!("too many refusals; try again after {until}")));
        }
        SignInOutcome::Disabled => return Err(HeadlessError::SignIn("this account is turned off".into())),
    };
    actor.require(command)?;
    Ok(actor)
}

fn execute(cli: &Cli, command: &Command) -> Result<(), HeadlessError> {
    match command {
        Command::Status => {
            let summary = open_store(cli, false)?.summary()?;
            println!("{}", serde_json::to_string_pretty(&summary)?);
            Ok(())
        }
        Command::OfferingsExport { file } => {
            let mut store = open_store(cli, false)?;
            sign_in(cli, &mut store, Permission::OfferingsExport, &mut std::io::stdin().lock())?;
            let csv = store.offerings_csv()?;
            // Written, not printed: a closed pipe (`| head`) is an error to report, not a panic.
            let written = if file.as_os_str() == "-" {
                std::io::stdout().lock().write_all(csv.as_bytes())
            } else {
                std::fs::write(file, csv)
            };
            written.map_err(|source| HeadlessError::WriteFile { path: file.clone(), source })
        }
        Command::OfferingsImport { file } => {
            let mut store = open_store(cli, false)?;
            let actor = sign_in(cli, &mut store, Permission::OfferingsImport, &mut std::io::stdin().lock())?;
            let input =
                std::fs::File::open(file).map_err(|source| HeadlessError::ReadFile { path: file.clone(), source })?;
            let report = store.import_offerings_csv(&actor, std::io::BufReader::new(input)).map_err(|source| {
                if let ImportError::BadRows(rows) = &source {
                    for row in rows {
                        eprintln!("{row}");
                    }
                }
                HeadlessError::Import { path: file.clone(), source }
            })?;
            let ImportReport { created, updated, unchanged } = report;
            println!("offerings: {created} created, {updated} updated, {unchanged} unchanged");
            Ok(())
        }
        Command::Document { kind, order_number, out, lang } => {
            let kind = match kind {
                DocumentArg::DeliveryAct => DocumentKind::DeliveryAct,
                DocumentArg::FittingAct => DocumentKind::FittingAct,
                DocumentArg::Label => DocumentKind::OrderLabel,
            };
            let lang = match lang {
                LangArg::Kk => Lang::Kk,
                LangArg::Ru => Lang::Ru,
                LangArg::En => Lang::En,
            };
            let mut store = open_store(cli, false)?;
            let actor = sign_in(cli, &mut store, kind.command(), &mut std::io::stdin().lock())?;
            let order_id = store.order_id_by_number(order_number)?;
            let fonts = Fonts::from_system().map_err(DocumentError::from)?;
            let req = DocumentRequest { kind, order_id: &order_id, lang };
            let path = store.make_document(&actor, &req, &fonts, Destination::File(out))?;
            println!("{}", path.display());
            Ok(())
        }
        Command::AuditExport { file, actor, action, from, until } => {
            let mut store = open_store(cli, false)?;
            let manager = sign_in(cli, &mut store, Permission::AuditView, &mut std::io::stdin().lock())?;
            let query = AuditQuery {
                actor: actor.clone(),
                action: action.clone(),
                from: from.map(|t| t.to_utc()),
                until: until.map(|t| t.to_utc()),
                ..AuditQuery::default()
            };
            let csv = store.audit_csv(&manager, &query)?;
            let written = if file.as_os_str() == "-" {
                std::io::stdout().lock().write_all(csv.as_bytes())
            } else {
                std::fs::write(file, csv)
            };
            written.map_err(|source| HeadlessError::WriteFile { path: file.clone(), source })
        }
        Command::Backup { file } => {
            let mut store = open_store(cli, false)?;
            let mut stdin = std::io::stdin().lock();
            let manager = sign_in(cli, &mut store, Permission::BackupCreate, &mut stdin)?;
            let password = password("SUPPLIER_DESK_BACKUP_PASSWORD", &mut stdin)?;
            let summary = store.create_backup(&manager, file, &password, &mut report_progress())?;
            eprintln!();
            println!(
                "backup {}: {} orders, {} photos, {} bytes",
                file.display(),
                summary.orders,
                summary.photos,
                summary.bytes
            );
            Ok(())
        }
        Command::Restore { file } => {
            let mut store = open_store(cli, false)?;
            let mut stdin = std::io::stdin().lock();
            let manager = sign_in(cli, &mut store, Permission::BackupRestore, &mut stdin)?;
            let password = password("SUPPLIER_DESK_BACKUP_PASSWORD", &mut stdin)?;
            let summary = store.restore_backup(&manager, file, &password, &mut report_progress())?;
            eprintln!();
            println!(
                "restored the backup of {}: {} orders, {} photos",
                summary.created_at.to_rfc3339(),
                summary.orders,
                summary.photos
            );
            Ok(())
        }
        Command::StaffAdd { username, name, role } => {
            let mut store = open_store(cli, true)?;
            let mut stdin = std::io::stdin().lock();
            let first = !store.has_staff()?;
            let manager =
                if first { None } else { Some(sign_in(cli, &mut store, Permission::StaffManage, &mut stdin)?) };
            let role = match role {
                RoleArg::Manager => Role::Manager,
                RoleArg::Office => Role::Office,
                RoleArg::Workshop => Role::Workshop,
                RoleArg::Courier => Role::Courier,
            };
            let input = NewStaffInput {
                username: username.clone(),
                display_name: name.clone(),
                role,
                password: password("SUPPLIER_DESK_NEW_PASSWORD", &mut stdin)?,
            };
            let created = match &manager {
                None => store.create_first_manager(&input)?.username().to_owned(),
                Some(manager) => store.create_staff(manager, &input)?.username,
            };
            let role = if first { Role::Manager } else { role };
            println!("created {created} ({})", role.as_str());
            Ok(())
        }
        Command::Sync { once } => {
            let url = cli.portal.clone().ok_or(HeadlessError::NoPortal)?;
            let (vault, store) = open_desk(cli, true)?;
            let store = Arc::new(Mutex::new(store));
            let credentials = portal::credentials(cli, &vault);
            let engine = SyncEngine::new(store, PortalClient::new(&url)?, credentials).with_page_size(cli.page_size);
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
            runtime.block_on(async {
                if *once {
                    engine.sync_once(&|_| {}).await?;
                    println!("{}", serde_json::to_string_pretty(&engine.status()?.summary)?);
                } else {
                    let interval = Duration::from_secs(cli.sync_interval.max(1));
                    engine.run(interval, |s| tracing::info!(pending = s.summary.pending_mutations, "synced")).await;
                }
                Ok(())
            })
        }
    }
}
