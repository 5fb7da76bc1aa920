//! The headless entry points (`supplier-desk sync`, `status`, `offerings-export`,
//! `offerings-import`, `document`): the same store and sync engine as the window, without one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use desk_core::actions::Actor;
use desk_core::documents::{Destination, DocumentError, DocumentKind, DocumentRequest, Fonts, Lang};
use desk_core::{ImportError, ImportReport, Store};
use desk_core::sync::SyncEngine;
use portal_api::PortalClient;

use crate::cli::{Cli, Command, DocumentArg, LangArg};
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
    #[error("cannot open the local database: {0}")]
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
    let dir = cli.data_dir.as_deref().ok_or(HeadlessError::NoDataDir)?;
    if !create && !dir.is_dir() {
        return Err(HeadlessError::MissingDataDir(dir.to_path_buf()));
    }
    std::fs::create_dir_all(dir).map_err(|source| HeadlessError::CreateDataDir { path: dir.to_path_buf(), source })?;
    Ok(Store::open(&database_path(dir))?)
}

fn database_path(dir: &Path) -> PathBuf {
    dir.join(crate::DATABASE_FILE)
}

/// Who the audit log names for a headless import: the operating-system user, as for the window.
fn actor() -> Actor {
    Actor(std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "workstation".into()))
}

fn execute(cli: &Cli, command: &Command) -> Result<(), HeadlessError> {
    match command {
        Command::Status => {
            let summary = open_store(cli, false)?.summary()?;
            println!("{}", serde_json::to_string_pretty(&summary)?);
            Ok(())
        }
        Command::OfferingsExport { file } => {
            let csv = open_store(cli, false)?.offerings_csv()?;
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
            let input =
                std::fs::File::open(file).map_err(|source| HeadlessError::ReadFile { path: file.clone(), source })?;
            let report = store.import_offerings_csv(&actor(), std::io::BufReader::new(input)).map_err(|source| {
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
            let order_id = store.order_id_by_number(order_number)?;
            let fonts = Fonts::from_system().map_err(DocumentError::from)?;
            let req = DocumentRequest { kind, order_id: &order_id, lang };
            let path = store.make_document(&actor(), &req, &fonts, Destination::File(out))?;
            println!("{}", path.display());
            Ok(())
        }
        Command::Sync { once } => {
            let url = cli.portal.clone().ok_or(HeadlessError::NoPortal)?;
            let store = Arc::new(Mutex::new(open_store(cli, true)?));
            let credentials = portal::credentials(cli);
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
