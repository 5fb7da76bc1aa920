//! Signing in and out, the screen lock, and the first account of a new desk.

use crate::error::AppError;
use desk_core::features::staff::views::{NewStaffInput, SessionState, SessionView, SignInAnswer, SignInOutcome};
use desk_core::sync::log_safe::LogSafe;
use tauri::State;

use crate::state::DeskState;

/// The sign-in (or first-account) screen is drawn: the window's first screen at every start.
/// Printed once, for `scripts/run.sh` and the start-up benchmark, and it lets the first sync go.
#[tauri::command]
pub fn gate_shown(state: State<'_, DeskState>, screen: String) {
    if state.note_gate_shown() {
        let screen = if screen == "first-account" { "first-account" } else { "sign-in" };
        tracing::info!(screen, "the window shows its first screen");
        println!("supplier-desk: window shows the {screen} screen");
    }
}

#[tauri::command]
pub async fn session_state(state: State<'_, DeskState>) -> Result<SessionState, AppError> {
    let needs_first_account = !state.store().has_staff()?;
    let session = state.touch().ok().map(|actor| SessionView::of(&actor, state.lock_after_secs()));
    Ok(SessionState { needs_first_account, session })
}

/// Signs someone in, replacing whoever was signed in (switching user without restarting).
#[tauri::command]
pub async fn session_sign_in(
    state: State<'_, DeskState>,
    username: String,
    password: String,
) -> Result<SignInAnswer, AppError> {
    let outcome = state.store().sign_in(&username, &password)?;
    let answer = SignInAnswer::of(&outcome, state.lock_after_secs());
    if let SignInOutcome::SignedIn { actor, .. } = outcome {
        end(&state, "signed_out");
        tracing::info!(role = actor.role().as_str(), "signed in");
        state.begin_session(actor);
    } else {
        tracing::info!("a sign-in was refused");
    }
    Ok(answer)
}

/// Creates a new desk's first account (a manager) and signs its maker in.
#[tauri::command]
pub async fn session_first_manager(state: State<'_, DeskState>, input: NewStaffInput) -> Result<SessionView, AppError> {
    let actor = state.store().create_first_manager(&input)?;
    let view = SessionView::of(&actor, state.lock_after_secs());
    state.begin_session(actor);
    Ok(view)
}

/// Locks the screen (`lock`) or signs out, so another person can sign in.
#[tauri::command]
pub async fn session_end(state: State<'_, DeskState>, lock: bool) -> Result<(), AppError> {
    end(&state, if lock { "session_locked" } else { "signed_out" });
    Ok(())
}

/// The window reports use (typing, clicks) so that working in a long form does not lock.
#[tauri::command]
pub async fn session_touch(state: State<'_, DeskState>) -> Result<(), AppError> {
    state.touch()?;
    Ok(())
}

fn end(state: &DeskState, how: &'static str) {
    if let Some(actor) = state.end_session()
        && let Err(e) = state.store().end_session(&actor, how)
    {
        tracing::warn!(error = %e.log_safe(), "could not audit the end of a session");
    }
}

/// Keeps the language the signed-in person chose, for their next sign-in on this desk.
#[tauri::command]
pub async fn session_set_language(state: State<'_, DeskState>, language: String) -> Result<(), AppError> {
    let actor = state.actor_for(desk_core::access::Command::OwnSettings)?;
    let actor = state.store().set_own_language(&actor, &language)?;
    // The session carries the new language, so that a reloaded window opens in it.
    state.begin_session(actor);
    Ok(())
}
