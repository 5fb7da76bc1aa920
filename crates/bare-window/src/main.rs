//! A bare Tauri window, the yardstick of `scripts/bench-window.sh`: the desk's cold start and idle
//! memory are reported as ratios to this app's, built from the same toolchain and measured in the
//! same run. It opens one window of the desk's size (tauri.conf.json) on a static page; once the
//! page has painted, it calls `ready`, which prints one line on stdout, as the desk prints
//! `supplier-desk: inbox shows N orders` when its inbox has rendered.

// No console window on Windows release builds; harmless elsewhere.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// Called by the page once its first frame is painted; the benchmark waits for this line (Rust's
/// stdout is line-buffered, so it leaves at once even through a pipe).
#[tauri::command]
fn ready() {
    println!("bare-window: painted");
}

fn main() -> std::process::ExitCode {
    match tauri::Builder::default().invoke_handler(tauri::generate_handler![ready]).run(tauri::generate_context!()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // The benchmark sees no ready line and reports this on its stderr.
            eprintln!("bare-window: the window could not run: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
