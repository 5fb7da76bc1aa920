//! The Tauri shell of Supplier Desk. It parses options, opens the store, connects to the portal
//! (or starts the bundled sandbox), runs the sync engine in the background and exposes named
//! commands to the webview. Every rule lives in desk-core; this crate only wires.

mod cli;
mod commands;
mod desk;
pub mod error;
mod exports;
mod files;
mod headless;
mod logging;
mod portal;
mod state;

// `app_invoke_handler!()`: `tauri::generate_handler!` over every `#[tauri::command]` function of
// `commands/`, written by build.rs (crates/ipc-gen) so that no list of them is kept by hand.
include!(concat!(env!("OUT_DIR"), "/invoke_handler.rs"));

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::{CommandFactory, FromArgMatches};
use desk_core::sync::SyncEngine;
use desk_core::sync::log_safe::LogSafe;
use portal_api::PortalClient;
use tauri::Manager;

pub use cli::Cli;
use state::{DeskState, StatusSubscribers};

pub use desk::DATABASE_FILE;

/// How long the first sync waits for the window to report its first screen.
const FIRST_SCREEN_WAIT: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
enum StartError {
    #[error("cannot find the app-data dir: {0}")]
    DataDir(#[source] tauri::Error),
    #[error("cannot create the data dir {path}: {source}")]
    CreateDataDir { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Desk(#[from] desk::OpenDeskError),
    #[error(transparent)]
    Portal(#[from] portal::PortalSetupError),
    #[error("invalid portal address: {0}")]
    Client(#[from] portal_api::ClientError),
}

impl StartError {
    /// The error as the log records it (see `desk_core::sync::log_safe`): the portal address as typed
    /// may hold a password, a path names the computer's user.
    fn log_safe(&self) -> String {
        match self {
            StartError::DataDir(e) => format!("cannot find the app-data dir: {e}"),
            StartError::CreateDataDir { source, .. } => format!("cannot create the data dir: {}", source.kind()),
            StartError::Desk(desk::OpenDeskError::Vault(e)) => {
                format!("cannot open the desk's secrets: {}", e.log_safe())
            }
            StartError::Desk(desk::OpenDeskError::Store(e)) => {
                format!("cannot open the local database: {}", e.log_safe())
            }
            StartError::Portal(_) => "the bundled portal sandbox did not start".to_owned(),
            StartError::Client(e) => e.log_safe(),
        }
    }
}

/// Registers the commands and the start-up hook on a builder; shared by the app and tests that
/// use Tauri's mock runtime.
pub fn configure<R: tauri::Runtime>(builder: tauri::Builder<R>, cli: Cli) -> tauri::Builder<R> {
    // One window per data dir: a second start on the same data dir brings the first window
    // forward and ends (the plugin goes first, so it ends before opening anything). Desks on
    // other data dirs run side by side.
    let mut single = tauri_plugin_single_instance::Builder::new().callback(|app, _args, _cwd| {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.set_focus();
        }
    });
    // The window's size and place are kept per data dir too (beside the database when one is named).
    let mut window_state = tauri_plugin_window_state::Builder::new().with_state_flags(
        tauri_plugin_window_state::StateFlags::SIZE
            | tauri_plugin_window_state::StateFlags::POSITION
            | tauri_plugin_window_state::StateFlags::MAXIMIZED,
    );
    if let Some(dir) = &cli.data_dir {
        single = single.dbus_id(instance_id(dir));
        window_state = window_state.with_filename(dir.join("window-state.json").to_string_lossy());
    }
    builder
        .plugin(single.build())
        .plugin(window_state.build())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(app_invoke_handler!())
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event
                && let Some(state) = window.try_state::<DeskState>()
                && state.ask_before_quit()
            {
                api.prevent_close();
            }
        })
        .setup(move |app| {
            start(app, &cli).map_err(|e| {
                tracing::error!(error = %e.log_safe(), "start-up failed");
                Box::new(e) as Box<dyn std::error::Error>
            })
        })
}

/// The D-Bus name under which the window of a named data dir is the only one.
fn instance_id(data_dir: &std::path::Path) -> String {
    use std::hash::{Hash, Hasher};
    let dir = data_dir.canonicalize().unwrap_or_else(|_| data_dir.to_path_buf());
    // SipHash with fixed keys: the same binary gives the same name for the same dir.
    let mut hasher = std::hash::DefaultHasher::new();
    dir.hash(&mut hasher);
    format!("kz.supplierdesk.app.d{:016x}", hasher.finish())
}

fn start<R: tauri::Runtime>(app: &mut tauri::App<R>, cli: &Cli) -> Result<(), StartError> {
    match logging::window_dir(app, cli.data_dir.as_deref()) {
        Ok(dir) => {
            if let Err(e) = logging::write_to(&dir) {
                tracing::warn!(error = %e, "logging to standard error only");
            }
        }
        Err(e) => tracing::warn!(error = %e, "no log dir; logging to standard error only"),
    }
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "supplier-desk window starting");
    let data_dir = match &cli.data_dir {
        Some(dir) => dir.clone(),
        None => app.path().app_data_dir().map_err(StartError::DataDir)?,
    };
    std::fs::create_dir_all(&data_dir)
        .map_err(|source| StartError::CreateDataDir { path: data_dir.clone(), source })?;
    tracing::info!(data_dir = %data_dir.display(), "opening the local store");
    let (vault, store) = desk::open(cli, &data_dir)?;
    let portal = tauri::async_runtime::block_on(portal::connect(cli, &vault, &data_dir))?;
    tracing::info!(portal = %logging::portal_address(&portal.url), "portal");
    let client = PortalClient::new(&portal.url)?;
    let engine = Arc::new(
        SyncEngine::new(Arc::new(Mutex::new(store)), client, portal.credentials).with_page_size(cli.page_size),
    );
    let subscribers = Arc::new(StatusSubscribers::default());
    let state = DeskState::new(
        engine.clone(),
        subscribers.clone(),
        data_dir,
        vault,
        portal.sandbox,
        Duration::from_secs(cli.lock_after.max(1)),
    );
    let first_screen = state.first_screen.clone();
    app.manage(state);

    let interval = Duration::from_secs(cli.sync_interval.max(1));
    tauri::async_runtime::spawn(async move {
        // The first sync waits for the window's first screen (at most FIRST_SCREEN_WAIT): on a
        // two-core machine it otherwise competes with the web process's start for the CPU and
        // with the inbox's first query for the store, about 50 ms of a 0.5 s cold start.
        if tokio::time::timeout(FIRST_SCREEN_WAIT, first_screen.notified()).await.is_err() {
            tracing::debug!("no first screen reported yet; syncing anyway");
        }
        engine.run(interval, |status| subscribers.broadcast(&status)).await;
    });
    Ok(())
}

/// Runs the desktop app with options from the command line and environment.
pub fn run() -> ExitCode {
    logging::init();
    // Parsed through the matches (as `Cli::parse` does) to know the subcommand's name for the log.
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut Cli::command()).exit());
    if let Some(command) = &cli.command {
        let name = matches.subcommand_name().unwrap_or("?");
        // `sync` with a portal and `staff-add` create the data dir; the others need it to exist.
        let creates_data_dir = match command {
            cli::Command::Sync { .. } => cli.portal.is_some(),
            cli::Command::StaffAdd { .. } => true,
            _ => false,
        };
        if let Some(dir) = logging::headless_dir(cli.data_dir.as_deref(), creates_data_dir)
            && let Err(e) = logging::write_to(&dir)
        {
            tracing::warn!(error = %e, "logging to standard error only");
        }
        tracing::info!(version = env!("CARGO_PKG_VERSION"), command = name, "supplier-desk command starting");
        let code = headless::run(&cli, command);
        // Not the error: headless commands print it, and it may quote what was typed.
        tracing::info!(command = name, succeeded = (code == ExitCode::SUCCESS), "supplier-desk command finished");
        logging::flush();
        return code;
    }
    let app = match configure(tauri::Builder::default(), cli).build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("supplier-desk: {e}");
            logging::flush();
            return ExitCode::FAILURE;
        }
    };
    // `App::run` ends the process itself once the app exits, without running destructors: the
    // log file is flushed on the way, at `RunEvent::Exit`.
    app.run(|_, event| {
        if let tauri::RunEvent::Exit = event {
            tracing::info!("supplier-desk window exiting");
            logging::flush();
        }
    });
    ExitCode::SUCCESS
}
