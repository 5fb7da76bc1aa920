//! tauri-build: reads tauri.conf.json and the shell's capabilities, and declares the app's own
//! commands, so that the webview may call exactly those the capabilities grant.

/// Every command of the invoke handler (`generate_handler!` in `src-tauri/lib.rs`). tauri-build
/// makes an `allow-<command>` and a `deny-<command>` permission of each (underscores become
/// hyphens); `src-tauri/capabilities/default.json` grants the main window the `allow-` ones.
/// Once an app declares its commands, a command no capability allows is refused before it runs.
/// `tests/hardening.rs` checks that this list, the handler and the capability name the same
/// commands.
const COMMANDS: &[&str] = &[
    "inbox_page",
    "offerings_list",
    "classifier_options",
    "offering_save",
    "offerings_import",
    "offerings_export",
    "inbox_rendered",
    "sync_now",
    "sync_subscribe",
    "portal_sign_in",
    "order_detail",
    "order_accept",
    "order_decline",
    "delivery_record",
    "conflicts_list",
    "conflict_discard",
    "conflict_retry",
    "outages_list",
    "outages_export",
    "quit_guard",
    "app_quit",
    "notices_take",
    "notice_show",
    "workshop_queue",
    "workshop_find",
    "workshop_card",
    "fitting_session_record",
    "fitting_mark_fitted",
    "document_delivery_act",
    "document_fitting_act",
    "document_order_label",
    "return_record",
    "replacement_record",
    "order_assign",
    "offerings_price_preview",
    "offerings_price_change",
    "offering_publish",
    "photo_add",
    "photo_data",
    "offering_photos",
    "gate_shown",
    "session_state",
    "session_sign_in",
    "session_first_manager",
    "session_end",
    "session_touch",
    "staff_list",
    "staff_create",
    "staff_set_active",
    "staff_reset_password",
    "audit_page",
    "audit_export",
    "backup_list",
    "backup_create",
    "backup_restore",
];

fn main() {
    // The shell's capabilities live with the shell in `src-tauri/`, not in a `capabilities/`
    // folder at the crate root where tauri-build looks by default (a watched folder that does
    // not exist also made cargo rebuild the app on every build).
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        // A build script reports failure by exiting non-zero with the reason on stderr.
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
