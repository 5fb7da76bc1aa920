fn main() {
    // The page may call one command, `ready`, and nothing else: its capability grants
    // `allow-ready` (capabilities/default.json), generated here from the command list.
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&["ready"])),
    )
    .expect("tauri-build");
}
