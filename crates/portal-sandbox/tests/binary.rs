//! The `portal-sandbox` binary: it announces its address on stdout in one line, serves, and
//! stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn the_binary_announces_its_url_serves_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(dir.path().join("data"))
        .args(["--seed", "5", "--order-every", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("a line on stdout");
    let url = line
        .trim_end()
        .strip_prefix("portal-sandbox listening on ")
        .unwrap_or_else(|| panic!("the announcement line, got {line:?}"))
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:") && !url.ends_with(":0"), "{url}");

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let health = runtime.block_on(async { reqwest::get(format!("{url}/v1/health")).await.map(|r| r.status()) });
    assert_eq!(health.expect("the health check answers"), reqwest::StatusCode::OK);

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill runs");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = child.try_wait().expect("try_wait") {
            break exit;
        }
        assert!(Instant::now() < deadline, "the sandbox stops within 10 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "a clean exit on SIGTERM: {exit:?}");

    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("the rest of stdout");
    assert_eq!(rest, "", "exactly one line on stdout");
    let mut logs = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut logs).expect("stderr");
    assert!(logs.contains("generated demo data"), "logs go to stderr: {logs}");
    assert!(!logs.contains('\u{1b}'), "no colour codes when stderr is not a terminal");
}

#[test]
fn the_binary_refuses_a_missing_data_dir_argument() {
    let out = Command::new(env!("CARGO_BIN_EXE_portal-sandbox")).output().expect("the binary runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--data"));
}
