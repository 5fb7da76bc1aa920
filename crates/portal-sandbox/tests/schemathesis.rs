//! The sandbox against its own OpenAPI document, tested by schemathesis (the property-based API
//! tester from PyPI): every operation of the document, called with generated valid and invalid
//! requests, must answer no 5xx, only documented status codes, the documented content type and
//! headers, and bodies that match the documented schemas.
//!
//! schemathesis is installed by `scripts/install-schemathesis.sh` (which `scripts/setup.sh test`
//! runs). The test takes the executable from `SCHEMATHESIS_BIN`, else from the script's virtual
//! environment, and fails when it is in neither place: a contract test that cannot run must not
//! pass. `SCHEMATHESIS_SEED` and `SCHEMATHESIS_EXAMPLES` change the seed (fixed by default, so a
//! run is repeatable) and the examples per operation.

mod common;

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{quiet_sandbox, token};

/// Test cases generated per operation and phase: enough to find a missing check or an
/// undocumented answer, few enough for a run of one to three minutes in a debug build.
const EXAMPLES: u32 = 250;
const SEED: u64 = 20_261_101;
/// The checks run on every answer.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance";
/// schemathesis is stopped (and the test fails) after this long.
const TIME_LIMIT: Duration = Duration::from_secs(480);

fn schemathesis_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("SCHEMATHESIS_BIN").filter(|b| !b.is_empty()) {
        return PathBuf::from(bin);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|c| !c.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .expect("HOME or XDG_CACHE_HOME is set");
    cache.join("supplier-desk/schemathesis/bin/schemathesis")
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) => v.trim().parse().unwrap_or_else(|_| panic!("{name}={v} is not a number")),
        Err(_) => default,
    }
}

/// How many operations (path and method) the document declares.
fn documented_operations() -> usize {
    let doc: serde_json::Value = serde_json::from_str(&portal_api::openapi_document()).expect("the document is JSON");
    let paths = doc["paths"].as_object().expect("paths");
    paths
        .values()
        .flat_map(|p| p.as_object().expect("a path item").keys())
        .filter(|k| ["get", "put", "post", "delete", "options", "head", "patch", "trace"].contains(&k.as_str()))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_no_server_error_and_no_schema_violation() {
    let bin = schemathesis_bin();
    assert!(
        bin.is_file(),
        "schemathesis is not installed at {} (run scripts/install-schemathesis.sh, or set SCHEMATHESIS_BIN)",
        bin.display()
    );
    let (dir, sandbox) = quiet_sandbox().await;
    let token = token(&sandbox).await;
    let document = format!("{}/v1/openapi.json", sandbox.url());
    let seed = env_number("SCHEMATHESIS_SEED", SEED);
    let examples = env_number("SCHEMATHESIS_EXAMPLES", EXAMPLES);

    let started = Instant::now();
    let run = tokio::process::Command::new(&bin)
        .arg("run")
        .arg(&document)
        .args(["--header", &format!("Authorization: Bearer {token}")])
        .args(["--checks", CHECKS])
        .args(["--max-examples", &examples.to_string()])
        .args(["--seed", &seed.to_string()])
        // One worker: the sandbox's debug build on two cores answers one generator fastest.
        .args(["--workers", "1"])
        .args(["--request-timeout", "20"])
        .arg("--no-color")
        // Its example database (.hypothesis) and any report go to the temporary directory.
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(TIME_LIMIT, run)
        .await
        .unwrap_or_else(|_| panic!("schemathesis did not finish in {TIME_LIMIT:?}"))
        .unwrap_or_else(|e| panic!("could not run {}: {e}", bin.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}\n{stderr}\nschemathesis ran for {:.1?} (seed {seed}, {examples} examples)", started.elapsed());

    assert!(output.status.success(), "schemathesis reported failures ({}):\n{stdout}\n{stderr}", output.status);
    // A run that tested nothing also exits 0: every operation of the document must have been tested.
    let operations = documented_operations();
    assert!(
        stdout.contains(&format!("Tested: {operations}")),
        "schemathesis did not test all {operations} operations of the document:\n{stdout}"
    );
    assert!(!stdout.contains(" 0 generated"), "schemathesis generated no test case:\n{stdout}");
    sandbox.shutdown().await;
}
