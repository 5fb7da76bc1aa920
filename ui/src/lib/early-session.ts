// The session's state, asked for by main.ts before the window's code is loaded: the sign-in
// screen, every start's first screen, waits for this answer, which is then on its way while that
// code is fetched and parsed.
import type { SessionState } from '../bindings/bindings';
import { sessionState } from './commands';

let early: Promise<SessionState> | null = null;

export function askSessionEarly(): void {
  early = sessionState();
  // Whoever takes it handles a refusal; until then it is not an unhandled one.
  early.catch(() => {});
}

/** The answer asked for at start, the first time; a new question after that. */
export function takeSessionState(): Promise<SessionState> {
  const answer = early ?? sessionState();
  early = null;
  return answer;
}
