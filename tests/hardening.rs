//! What the webview may do, checked against the sources so that it cannot drift: the commands
//! `build.rs` declares to tauri-build are exactly those of the invoke handler in
//! `src-tauri/lib.rs`, the main window's capability grants exactly their `allow-` permissions
//! and nothing else (no core or plugin permission), the content security policy stays strict,
//! and the page's IPC goes through the isolation application. A command added to the handler but not to `build.rs` and the capability would be
//! refused in the window; one left in the capability after leaving the handler would be a grant
//! nobody reviews.

use std::collections::BTreeSet;
use std::path::Path;

fn source(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
}

/// The text between `open` and the next `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str, what: &str) -> &'a str {
    let start = text.find(open).unwrap_or_else(|| panic!("{what}: `{open}` not found")) + open.len();
    let len = text[start..].find(close).unwrap_or_else(|| panic!("{what}: no `{close}` after `{open}`"));
    &text[start..start + len]
}

/// Every line of `text` with its `//` comment removed.
fn without_comments(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The command names of `generate_handler![...]` in the shell (the last segment of each path).
fn handler_commands() -> Vec<String> {
    let lib = without_comments(&source("src-tauri/lib.rs"));
    between(&lib, "generate_handler![", "]", "src-tauri/lib.rs")
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.rsplit("::").next().expect("a path").to_owned())
        .collect()
}

/// The names in `const COMMANDS: &[&str] = &[...]` of build.rs.
fn declared_commands() -> Vec<String> {
    let build = without_comments(&source("build.rs"));
    between(&build, "const COMMANDS: &[&str] = &[", "]", "build.rs")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or_else(|| panic!("build.rs: not a string literal: {s}"))
                .to_owned()
        })
        .collect()
}

fn capability() -> serde_json::Value {
    serde_json::from_str(&source("src-tauri/capabilities/default.json")).expect("capabilities/default.json is JSON")
}

fn duplicates(names: &[String]) -> Vec<&String> {
    let mut seen = BTreeSet::new();
    names.iter().filter(|n| !seen.insert(*n)).collect()
}

#[test]
fn build_rs_declares_exactly_the_commands_of_the_invoke_handler() {
    let handler = handler_commands();
    let declared = declared_commands();
    assert!(handler.len() > 10, "the handler's commands were not read: {handler:?}");
    assert!(duplicates(&declared).is_empty(), "build.rs names a command twice: {:?}", duplicates(&declared));
    let handler: BTreeSet<_> = handler.iter().collect();
    let declared: BTreeSet<_> = declared.iter().collect();
    let missing: Vec<_> = handler.difference(&declared).collect();
    let extra: Vec<_> = declared.difference(&handler).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "build.rs COMMANDS differs from generate_handler! in src-tauri/lib.rs: missing {missing:?}, not in the handler {extra:?}"
    );
}

#[test]
fn the_main_window_may_call_the_apps_commands_and_nothing_else() {
    let capability = capability();
    assert_eq!(capability["windows"], serde_json::json!(["main"]), "the capability's windows");
    assert!(capability.get("remote").is_none(), "no remote URL may call the app's commands");
    let granted: Vec<String> = capability["permissions"]
        .as_array()
        .expect("a list of permissions")
        .iter()
        .map(|p| p.as_str().unwrap_or_else(|| panic!("a permission with a scope or options: {p}")).to_owned())
        .collect();
    assert!(duplicates(&granted).is_empty(), "a permission granted twice: {:?}", duplicates(&granted));
    let expected: BTreeSet<String> =
        handler_commands().iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    let granted: BTreeSet<String> = granted.into_iter().collect();
    let missing: Vec<_> = expected.difference(&granted).collect();
    let extra: Vec<_> = granted.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "src-tauri/capabilities/default.json must grant `allow-<command>` for each command of the handler and nothing else: missing {missing:?}, extra {extra:?}"
    );
    // Only one capability file: another one could grant more to the same window.
    let files: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities"))
        .expect("the capabilities folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["default.json"], "src-tauri/capabilities holds one capability");
}

#[test]
fn the_content_security_policy_stays_strict() {
    let config: serde_json::Value = serde_json::from_str(&source("tauri.conf.json")).expect("tauri.conf.json is JSON");
    let security = &config["app"]["security"];
    let csp = security["csp"].as_str().expect("a content security policy in tauri.conf.json");
    let directive = |name: &str| -> Vec<&str> {
        csp.split(';')
            .map(str::trim)
            .find_map(|d| d.strip_prefix(name).filter(|rest| rest.starts_with(' ')))
            .map(|rest| rest.split_whitespace().collect())
            .unwrap_or_default()
    };
    assert_eq!(directive("default-src"), ["'self'"], "{csp}");
    assert_eq!(directive("script-src"), ["'self'"], "no inline or evaluated script, no other origin: {csp}");
    assert!(!csp.contains("unsafe-eval") && !csp.contains('*'), "{csp}");
    assert!(
        directive("connect-src").iter().all(|s| ["ipc:", "http://ipc.localhost"].contains(s)),
        "the page talks to the shell only: {csp}"
    );
    // Tauri's own relaxations of the policy stay off.
    assert!(
        security.get("dangerousDisableAssetCspModification").is_none_or(|v| v == false),
        "Tauri must add its nonces and hashes to the CSP"
    );
    assert!(security.get("dangerousRemoteDomainIpcAccess").is_none(), "no remote domain reaches the IPC");
    assert!(config["app"].get("withGlobalTauri").is_none_or(|v| v == false), "no global __TAURI__ object");
}

#[test]
fn the_ipc_goes_through_the_isolation_application() {
    let config: serde_json::Value = serde_json::from_str(&source("tauri.conf.json")).expect("tauri.conf.json is JSON");
    let pattern = &config["app"]["security"]["pattern"];
    assert_eq!(pattern["use"], "isolation", "tauri.conf.json: app.security.pattern");
    let dir = pattern["options"]["dir"].as_str().expect("the isolation application's folder");
    let html = source(&format!("{dir}/index.html"));
    assert!(html.contains("<script src=\"index.js\"></script>"), "{dir}/index.html loads index.js:\n{html}");
    let script = source(&format!("{dir}/index.js"));
    assert!(script.contains("window.__TAURI_ISOLATION_HOOK__ ="), "{dir}/index.js sets the isolation hook:\n{script}");
}
