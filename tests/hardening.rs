//! What the webview may do, checked against the sources so that it cannot drift. The commands
//! are their `#[tauri::command]` functions (build.rs writes the invoke handler and declares them
//! to tauri-build from those, crates/ipc-gen); the main window's capability and the UI's client
//! are generated from them too and must be what is committed (`UPDATE_IPC=1` writes them); the
//! capability grants exactly the commands' `allow-` permissions and nothing else (no core or
//! plugin permission); and the content security policy stays strict.

use std::collections::BTreeSet;
use std::path::Path;

fn source(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
}

/// Every command of the app: its `#[tauri::command]` functions, from which build.rs writes the
/// invoke handler and declares the commands to tauri-build.
fn app_commands() -> Vec<ipc_gen::Command> {
    ipc_gen::scan(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/commands")).expect("the commands are read")
}

fn handler_commands() -> Vec<String> {
    ipc_gen::names(&app_commands())
}

/// Checks that the committed file at `path` is what `generated` says, or writes it with
/// `UPDATE_IPC=1`.
fn generated_file(path: &str, generated: &str) {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("UPDATE_IPC").is_some() {
        std::fs::write(&full, generated).unwrap_or_else(|e| panic!("cannot write {}: {e}", full.display()));
    }
    assert!(
        source(path) == generated,
        "{path} is not what the #[tauri::command] functions say: run UPDATE_IPC=1 cargo test --test hardening"
    );
}

fn capability() -> serde_json::Value {
    serde_json::from_str(&source("src-tauri/capabilities/default.json")).expect("capabilities/default.json is JSON")
}

fn duplicates(names: &[String]) -> Vec<&String> {
    let mut seen = BTreeSet::new();
    names.iter().filter(|n| !seen.insert(*n)).collect()
}

#[test]
fn the_capability_and_the_ui_client_are_generated_from_the_commands() {
    let commands = app_commands();
    let names = ipc_gen::names(&commands);
    assert!(names.len() > 10, "the commands were not read: {names:?}");
    assert!(duplicates(&names).is_empty(), "a command name twice: {:?}", duplicates(&names));
    generated_file("src-tauri/capabilities/default.json", &ipc_gen::capability(&commands));
    let shell = ipc_gen::shell_types(&source("src-tauri/error.rs"));
    assert!(shell.contains(&"AppError".to_owned()), "the shell's types were not read: {shell:?}");
    let client = ipc_gen::typescript(&commands, &shell);
    generated_file("ui/src/lib/commands.ts", &client);
    // Every type the client names is one the Rust side exports to TypeScript, from the file it
    // is imported from.
    for file in ["bindings", "shell"] {
        let Some(imported) = client
            .split(&format!("}} from '../bindings/{file}';"))
            .next()
            .filter(|_| client.contains(&format!("from '../bindings/{file}';")))
        else {
            continue;
        };
        let imported = imported.rsplit("import type {\n").next().unwrap_or("");
        let bindings = source(&format!("ui/src/bindings/{file}.ts"));
        for name in imported.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            assert!(bindings.contains(&format!("export type {name} ")), "{name} is not in ui/src/bindings/{file}.ts");
        }
    }
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
