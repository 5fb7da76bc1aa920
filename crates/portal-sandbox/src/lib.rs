//! The portal sandbox: a real HTTP server implementing the supplier API contract of
//! `portal-api` on its own SQLite file, for the desktop app's demo default, for development,
//! and for every sync test.
//!
//! ```no_run
//! # async fn demo() -> Result<(), portal_sandbox::SandboxError> {
//! use portal_sandbox::{SandboxConfig, start};
//! let sandbox = start(SandboxConfig::new("portal-data")).await?;
//! println!("{}", sandbox.url()); // http://127.0.0.1:PORT
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! Code map: [`db`] opens the database and holds its schema; `store` reads and writes
//! policy, classifier, accounts, participants, offerings, orders, deliveries, fittings, the
//! mutation ledger and the change feed (one transaction per action, every change appended to
//! the feed in it); `demo` generates the seeded demo data (and, with [`generate_large`], a large
//! supplier's data set for benchmarks); `mutations` applies the desks'
//! pushed mutations idempotently under the portal's rules; `routes`, `extract` and [`problem`]
//! are the HTTP surface; `simulation` is the periodic task of simulated participants and
//! automatic cancellation; `clock` is the sandbox's controllable clock; [`faults`] injects
//! faults into the API; `admin` is the sandbox-only admin API and `control` the controls it
//! shares with [`RunningSandbox`]; [`state`] is the whole state read back for tests; `serve`
//! accepts connections (with a header read timeout), `limits` holds what one client may make
//! the sandbox spend ([`Limits`]) and `hashing` checks passwords on a small pool of threads.

mod admin;
mod clock;
mod context;
mod control;
pub mod db;
pub mod demo;
mod extract;
pub mod faults;
mod handle;
mod hashing;
mod limits;
mod listen;
mod mutations;
pub mod problem;
mod rng;
mod routes;
mod serve;
mod simulation;
pub mod state;
mod store;
mod ticker;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use control::{ParticipantAction, PlaceOrder};
pub use demo::{LargeSize, LargeSummary, generate_large};
pub use faults::{Delay, FaultCounts, FaultReport, Faults};
pub use limits::{CONCURRENT_HASHES, Limits};
pub use problem::ApiError;
pub use simulation::participants::{Hours, ParticipantBehaviour, ParticipantMoves};
pub use simulation::{SWEEP_EVERY_WHEN_OFF, TickReport};
pub use state::SandboxState;
pub use store::StoreError;
pub use store::accounts::TOKEN_LIFETIME;

use crate::clock::Clock;
use crate::context::Context;

/// The seed of the demo data when none is given.
pub const DEFAULT_SEED: u64 = 1;
/// How often simulated participants place an order by default.
pub const DEFAULT_ORDER_EVERY: Duration = Duration::from_secs(30);

/// How to run a sandbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxConfig {
    /// Where to listen; port 0 takes a free ephemeral port (see [`RunningSandbox::url`]).
    pub listen: SocketAddr,
    /// The directory of `portal.sqlite`; created if missing.
    pub data_dir: PathBuf,
    /// The seed of the demo data generated into a new data directory.
    pub seed: u64,
    /// How often a simulated participant places an order; `None` (or zero) for never. Overdue
    /// orders are cancelled automatically either way.
    pub order_every: Option<Duration>,
}

impl SandboxConfig {
    /// Loopback on an ephemeral port, the default seed and order rate.
    pub fn new(data_dir: impl Into<PathBuf>) -> SandboxConfig {
        SandboxConfig {
            listen: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            data_dir: data_dir.into(),
            seed: DEFAULT_SEED,
            order_every: Some(DEFAULT_ORDER_EVERY),
        }
    }
}

/// Why the sandbox could not start or do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("could not create the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no order can be placed: no participant or no published offering")]
    NothingToOrder,
    #[error("{0}")]
    Invalid(String),
}

/// A sandbox serving on its address until [`RunningSandbox::shutdown`] (or until dropped: its
/// tasks stop when this handle goes away). Its controls for in-process tests (clock, faults,
/// participants, state) are listed in the `handle` module's impl block.
#[derive(Debug)]
pub struct RunningSandbox {
    addr: SocketAddr,
    ctx: Context,
    stop: watch::Sender<bool>,
    server: JoinHandle<std::io::Result<()>>,
    simulation: JoinHandle<()>,
}

/// Resolves once `rx` says stop, or once its sender is gone.
pub(crate) async fn stopped(rx: &mut watch::Receiver<bool>) {
    loop {
        if *rx.borrow_and_update() {
            return;
        }
        if rx.changed().await.is_err() {
            return;
        }
    }
}

/// Opens (or creates) the data directory, generates the demo data into a new one, binds the
/// listener (with `SO_REUSEADDR` on Unix, so the address of a sandbox just shut down can be
/// taken again) and starts serving and simulating. Returns once the server accepts
/// connections.
///
/// Simulated participants act on their own (cancel, confirm, refuse, get paid) when
/// `order_every` is set; see [`RunningSandbox::set_participant_behaviour`] to change that.
pub async fn start(config: SandboxConfig) -> Result<RunningSandbox, SandboxError> {
    let data_dir = config.data_dir.clone();
    let seed = config.seed;
    let (db, clock) = tokio::task::spawn_blocking(move || -> Result<(db::Db, Clock), SandboxError> {
        std::fs::create_dir_all(&data_dir)
            .map_err(|source| SandboxError::DataDir { path: data_dir.clone(), source })?;
        let mut conn = db::open(&data_dir.join(db::DB_FILE))?;
        let clock = Clock::load(&conn)?;
        match demo::ensure(&mut conn, seed, clock.now())? {
            Some(s) => tracing::info!(
                seed,
                classifier_items = s.classifier_items,
                offerings = s.offerings,
                participants = s.participants,
                orders = s.orders,
                order_moves = s.order_moves,
                "generated demo data"
            ),
            None => tracing::info!(dir = %data_dir.display(), "opened existing portal data"),
        }
        Ok((db::Db::new(conn), clock))
    })
    .await
    .map_err(|e| StoreError::Task(e.to_string()))??;

    let listener =
        listen::bind(config.listen).map_err(|source| SandboxError::Listen { addr: config.listen, source })?;
    let addr = listener.local_addr().map_err(|source| SandboxError::Listen { addr: config.listen, source })?;

    let order_every = config.order_every.filter(|d| !d.is_zero());
    let behaviour = ParticipantBehaviour { active: order_every.is_some(), ..ParticipantBehaviour::default() };
    let ctx = Context::new(db, clock, seed, behaviour);
    let (stop, stop_rx) = watch::channel(false);
    let app = routes::router(ctx.clone());
    let server = tokio::spawn(serve::serve(listener, app, ctx.clone(), stop_rx.clone()));
    let simulation = tokio::spawn(ticker::run(ctx.clone(), order_every, stop_rx));
    tracing::info!(%addr, "portal sandbox serving");
    Ok(RunningSandbox { addr, ctx, stop, server, simulation })
}

impl RunningSandbox {
    /// How long [`RunningSandbox::shutdown`] waits for open requests before cutting them.
    pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

    /// The address actually bound (the real port when asked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL of the API, e.g. `http://127.0.0.1:PORT` (an unspecified listen address is
    /// shown as the loopback address, which reaches it).
    pub fn url(&self) -> String {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}", SocketAddr::new(ip, self.addr.port()))
    }

    /// Stops accepting connections, lets open requests finish (up to [`Self::SHUTDOWN_GRACE`]),
    /// and stops the simulation.
    pub async fn shutdown(self) {
        let RunningSandbox { stop, mut server, simulation, .. } = self;
        // Receivers are only gone when the tasks have ended already.
        let _ = stop.send(true);
        match tokio::time::timeout(Self::SHUTDOWN_GRACE, &mut server).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(e))) => tracing::warn!(error = %e, "the server stopped with an error"),
            Ok(Err(e)) => tracing::warn!(error = %e, "the server task failed"),
            Err(_) => {
                tracing::warn!("open requests did not finish in time; cutting them");
                server.abort();
                // Wait for the abort, so the listener is closed when this returns.
                let _ = server.await;
            }
        }
        if let Err(e) = simulation.await {
            tracing::warn!(error = %e, "the simulation task failed");
        }
        tracing::info!("portal sandbox stopped");
    }
}
