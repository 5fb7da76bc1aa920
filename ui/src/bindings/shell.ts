// Generated from the Rust types in src-tauri/error.rs.
// Do not edit: run `UPDATE_BINDINGS=1 cargo test --lib bindings` instead.

export type AppError = { code: string, message: string, field: string | null, key?: string, params?: Array<[string, string]>, };

export type QuitRequest = { pending_mutations: number, };
