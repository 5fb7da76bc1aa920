//! `PUT /v1/attachments/{sha256}` and `HEAD /v1/attachments/{sha256}`: photos and scanned acts,
//! content-addressed by the SHA-256 of their bytes and uploaded before the mutation that names
//! them.
//!
//! The simple form is one `PUT` with all the bytes. The resumable form sends chunks:
//! `PUT …?offset=N&total=T` appends the body at byte `N` of a `T`-byte upload, and `HEAD` answers
//! how many bytes the portal holds (`Upload-Offset`) and whether the upload is complete
//! (`Upload-Complete: true`), so a desk whose connection dropped goes on from there. When the
//! last byte arrives the portal checks the hash: a mismatch is answered 422 and nothing is kept.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The largest attachment the portal accepts, in bytes.
pub const MAX_ATTACHMENT_BYTES: u64 = 10 * 1024 * 1024;

/// The size of one chunk of a resumable upload sent by [`crate::PortalClient`].
pub const UPLOAD_CHUNK_BYTES: usize = 256 * 1024;

/// The `HEAD` answer's header with the number of bytes the portal holds.
pub const UPLOAD_OFFSET_HEADER: &str = "upload-offset";
/// The `HEAD` answer's header saying whether the upload is complete (`true` / `false`).
pub const UPLOAD_COMPLETE_HEADER: &str = "upload-complete";

/// Where a chunk goes: omitted for the simple form (the body is the whole attachment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The byte position of this chunk; it must equal what the portal holds (see `HEAD`).
    pub offset: Option<u64>,
    /// The attachment's whole size; required with `offset`.
    pub total: Option<u64>,
}

/// The portal's answer to a chunk: how many bytes it holds and whether the attachment is complete
/// (and its hash checked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UploadStatus {
    pub sha256: String,
    pub received: u64,
    pub complete: bool,
}

/// Whether `s` is a SHA-256 as the contract writes it: 64 lowercase hex digits.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::is_sha256_hex;

    #[test]
    fn only_lowercase_64_hex_digits_name_an_attachment() {
        assert!(is_sha256_hex(&"ab12".repeat(16)));
        assert!(!is_sha256_hex(&"AB12".repeat(16)));
        assert!(!is_sha256_hex(&"ab12".repeat(15)));
        assert!(!is_sha256_hex("../../etc/passwd"));
    }
}
