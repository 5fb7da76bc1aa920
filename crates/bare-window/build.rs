fn main() {
    // The page may call one command, `ready`, and nothing else: its capability grants
    // `allow-ready` (capabilities/default.json), generated here from the command list.
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&["ready"]));
    if let Err(e) = tauri_build::try_build(attributes) {
        // A build script reports failure by exiting non-zero with the reason on stderr.
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
