// The isolation application (Tauri's isolation pattern): every IPC message from the page passes
// through this hook, in a sandboxed frame of its own, before Tauri encrypts it for the shell. It
// passes each message on unchanged: the shell checks every command's arguments and the caller's
// role itself.
window.__TAURI_ISOLATION_HOOK__ = (payload) => payload;
