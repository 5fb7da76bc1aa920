//! The real window's IPC, as Tauri guards it: an app command the capability grants answers, and commands nobody granted — Tauri's own core
//! commands, a plugin's, a command the app does not have — are refused by Tauri before they run.

use crate::support;

use support::Desktop;

/// Invokes `command` with `args` (a JavaScript object literal) from the page; "ok: …" with the
/// answer, or "refused: …" with the error.
async fn invoke(client: &fantoccini::Client, command: &str, args: &str) -> String {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         window.__TAURI_INTERNALS__.invoke({command:?}, {args})
           .then((a) => done('ok: ' + JSON.stringify(a)), (e) => done('refused: ' + (typeof e === 'string' ? e : JSON.stringify(e))));"
    );
    let answer = client.execute_async(&script, vec![]).await.expect("run the script");
    answer.as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_talks_to_the_shell_only_with_granted_commands() {
    let desk = Desktop::start().await;
    let client = desk.window().await;

    // A granted command answers.
    let state = invoke(&client, "session_state", "{}").await;
    assert!(state.starts_with("ok: ") && state.contains("\"manager\""), "session_state: {state}");

    // Not granted: refused by Tauri, before any code of the app or of Tauri's core runs.
    for (command, args) in [
        ("plugin:app|version", "{}"),
        ("plugin:window|close", "{ label: 'main' }"),
        ("plugin:event|emit", "{ event: 'x', payload: null }"),
        ("plugin:fs|read_text_file", "{ path: '/etc/passwd' }"),
        ("not_a_command", "{}"),
    ] {
        let answer = invoke(&client, command, args).await;
        // Tauri's words: "app.version not allowed. Permissions associated with this command: …",
        // "… not allowed. Plugin not found", "… not allowed. Command not found".
        assert!(
            answer.starts_with("refused: ") && answer.contains("not allowed"),
            "{command} must be refused by Tauri: {answer}"
        );
    }
    // The window is still there and still answers.
    let again = invoke(&client, "session_state", "{}").await;
    assert!(again.starts_with("ok: "), "session_state after the refusals: {again}");

    support::page::end(client).await;
}
