fn main() {
    // The shell's capabilities live with the shell in `src-tauri/`, not in a `capabilities/`
    // folder at the crate root where tauri-build looks by default (a watched folder that does
    // not exist also made cargo rebuild the app on every build).
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    if let Err(e) = tauri_build::try_build(attributes) {
        // A build script reports failure by exiting non-zero with the reason on stderr.
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
