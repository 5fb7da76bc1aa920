//! tauri-build: reads tauri.conf.json and the shell's capabilities, and declares the app's own
//! commands, so that the webview may call exactly those the capabilities grant.
//!
//! The commands are read from their `#[tauri::command]` functions in `src-tauri/commands/`
//! (crates/ipc-gen), their one definition: tauri-build makes an `allow-<command>` and a
//! `deny-<command>` permission of each, and `src-tauri/lib.rs` includes the invoke handler
//! written here (`app_invoke_handler!`). Once an app declares its commands, a command no
//! capability allows is refused before it runs.

fn main() {
    // The shell's capabilities live with the shell in `src-tauri/`, not in a `capabilities/`
    // folder at the crate root where tauri-build looks by default (a watched folder that does
    // not exist also made cargo rebuild the app on every build).
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/commands");
    let commands = match ipc_gen::scan(std::path::Path::new("src-tauri/commands")) {
        Ok(commands) => commands,
        Err(e) => fail(&format!("reading the commands: {e}")),
    };
    let out = std::env::var_os("OUT_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| fail("no OUT_DIR"));
    if let Err(e) = std::fs::write(out.join("invoke_handler.rs"), ipc_gen::invoke_handler(&commands)) {
        fail(&format!("writing the invoke handler: {e}"));
    }
    // tauri-build keeps the list for the whole build: a build script runs once, so leaking it
    // is the plain way to a 'static slice.
    let names: &'static [&'static str] =
        Box::leak(ipc_gen::names(&commands).into_iter().map(|n| &*Box::leak(n.into_boxed_str())).collect());
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(names));
    if let Err(e) = tauri_build::try_build(attributes) {
        fail(&format!("tauri-build failed: {e:#}"));
    }
}

/// A build script reports failure by exiting non-zero with the reason on stderr.
fn fail(reason: &str) -> ! {
    eprintln!("{reason}");
    std::process::exit(1);
}
