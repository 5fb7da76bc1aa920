//! Which portal the desk talks to: the one named on the command line, or the bundled sandbox
//! started in-process on a loopback port (the demo default).

use std::path::Path;
use std::time::Duration;

use desk_core::sync::Credentials;
use desk_core::sync::log_safe::LogSafe;
use desk_core::vault::Vault;
use portal_sandbox::{RunningSandbox, SandboxConfig};

use crate::cli::Cli;

/// How often the bundled sandbox's simulated participants place an order.
const DEMO_ORDER_EVERY: Duration = Duration::from_secs(45);
/// The demo data set's seed: every fresh install sees the same catalogue and participants.
const DEMO_SEED: u64 = 2026;

pub struct Portal {
    pub url: String,
    pub credentials: Credentials,
    /// Kept alive for as long as the app runs when the portal is the bundled sandbox.
    pub sandbox: Option<RunningSandbox>,
}

#[derive(Debug, thiserror::Error)]
pub enum PortalSetupError {
    #[error("the bundled portal sandbox did not start: {0}")]
    Sandbox(#[from] portal_sandbox::SandboxError),
}

/// The supplier's credentials: from the options, or else as last kept in the desk's vault, or
/// else (for the bundled sandbox) its demo supplier's.
pub fn credentials(cli: &Cli, vault: &Vault) -> Credentials {
    let kept = match vault.portal_credentials() {
        Ok(kept) => kept,
        Err(e) => {
            tracing::warn!(error = %e.log_safe(), "the kept portal credentials cannot be read");
            None
        }
    };
    let (kept_bin, kept_password) = kept.map(|k| (Some(k.bin), Some(k.password))).unwrap_or_default();
    Credentials {
        bin: cli.bin.clone().or(kept_bin).unwrap_or_else(|| portal_sandbox::demo::SUPPLIER_BIN.to_owned()),
        password: cli
            .password
            .clone()
            .or(kept_password)
            .unwrap_or_else(|| portal_sandbox::demo::SUPPLIER_PASSWORD.to_owned()),
    }
}

pub async fn connect(cli: &Cli, vault: &Vault, data_dir: &Path) -> Result<Portal, PortalSetupError> {
    let credentials = credentials(cli, vault);
    if let Some(url) = &cli.portal {
        return Ok(Portal { url: url.clone(), credentials, sandbox: None });
    }
    let sandbox = portal_sandbox::start(SandboxConfig {
        listen: ([127, 0, 0, 1], 0).into(),
        data_dir: data_dir.join("portal-sandbox"),
        seed: DEMO_SEED,
        order_every: Some(DEMO_ORDER_EVERY),
    })
    .await?;
    tracing::info!(url = %sandbox.url(), "bundled portal sandbox started");
    Ok(Portal { url: sandbox.url(), credentials, sandbox: Some(sandbox) })
}
