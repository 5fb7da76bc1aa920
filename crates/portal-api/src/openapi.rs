//! The OpenAPI document of the contract, generated from the wire types. `docs/portal-api.json`
//! is this document as committed; a test fails when the two drift apart.

use utoipa::OpenApi;

use crate::{
    Category, Change, ChangePage, ChangesQuery, ClassifierItem, Entity, FieldError, LocalizedText, Mutation,
    MutationBatch, MutationBatchResult, MutationBody, MutationOutcome, MutationResult, Offering, Order, OrderCounts,
    OrderLine, OrderStatus, Participant, PolicyBasis, PolicyTerm, PolicyTerms, Problem, RejectReason, TokenRequest,
    TokenResponse,
};
use crate::{DeliveredItem, FittingMark, FittingSession, Measurement, ReceivedBy};
use crate::{Payment, PaymentKind, PaymentLine, WarrantyService, WarrantyServiceKind};
use crate::{RegionStock, StatusCount, UploadQuery, UploadStatus};

/// Declarations of the contract's operations: the sandbox implements them, the client calls them.
/// Their bodies are empty on purpose: only the `#[utoipa::path]` attributes are read, by the derive.
#[allow(dead_code)]
mod operations {
    use super::*;

    /// Sign in as a supplier. After too many failed attempts for a BIN or from a client the
    /// portal answers 429 with `Retry-After`, without checking the password.
    #[utoipa::path(post, path = "/v1/auth/token", request_body = TokenRequest, tag = "auth",
        responses(
            (status = 200, body = TokenResponse),
            (status = 400, body = Problem, content_type = "application/problem+json"),
            (status = 401, body = Problem, content_type = "application/problem+json"),
            (status = 408, body = Problem, content_type = "application/problem+json", description = "The body did not arrive in time"),
            (status = 413, body = Problem, content_type = "application/problem+json"),
            (status = 415, body = Problem, content_type = "application/problem+json"),
            (status = 422, body = Problem, content_type = "application/problem+json"),
            (status = 429, body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u64, description = "Seconds to wait before trying again"))),
        ))]
    pub fn sign_in() {}

    /// The supplier's change feed: policy, classifier, offerings and orders, in sequence order.
    #[utoipa::path(get, path = "/v1/changes", params(ChangesQuery), tag = "sync",
        security(("bearer" = [])),
        responses(
            (status = 200, body = ChangePage),
            (status = 400, body = Problem, content_type = "application/problem+json"),
            (status = 401, body = Problem, content_type = "application/problem+json"),
        ))]
    pub fn changes() {}

    /// Apply a batch of the desk's queued mutations; each is answered on its own. A replayed
    /// mutation id is answered with its original result. During maintenance the portal answers
    /// 503 with `Retry-After`.
    #[utoipa::path(post, path = "/v1/mutations", request_body = MutationBatch, tag = "sync",
        security(("bearer" = [])),
        responses(
            (status = 200, body = MutationBatchResult),
            (status = 400, body = Problem, content_type = "application/problem+json"),
            (status = 401, body = Problem, content_type = "application/problem+json"),
            (status = 408, body = Problem, content_type = "application/problem+json", description = "The body did not arrive in time"),
            (status = 413, body = Problem, content_type = "application/problem+json"),
            (status = 415, body = Problem, content_type = "application/problem+json"),
            (status = 422, body = Problem, content_type = "application/problem+json"),
            (status = 503, body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u64, description = "Seconds to wait before trying again"))),
        ))]
    pub fn push_mutations() {}

    /// How many of the supplier's orders are in each status.
    #[utoipa::path(get, path = "/v1/orders/counts", tag = "orders",
        security(("bearer" = [])),
        responses(
            (status = 200, body = OrderCounts),
            (status = 401, body = Problem, content_type = "application/problem+json"),
        ))]
    pub fn order_counts() {}

    /// Upload an attachment (a photo, a scanned act) named by the SHA-256 of its bytes, before
    /// the mutation that names it. Without `offset` the body is the whole attachment; with
    /// `offset` and `total` it is a chunk appended at `offset`, which must equal what the portal
    /// holds (see `HEAD`; otherwise 409). When the last byte arrives the hash is checked: a
    /// mismatch is 422 and nothing is kept. At most 10 MiB, and within the supplier's storage
    /// quota (complete attachments and partial uploads together; 413 `quota_exceeded`, nothing
    /// kept). A partial upload no chunk has reached for 24 hours is discarded.
    #[utoipa::path(put, path = "/v1/attachments/{sha256}", tag = "attachments",
        params(("sha256" = String, Path, description = "SHA-256 of the whole attachment, 64 lowercase hex digits", pattern = "^[0-9a-f]{64}$"), UploadQuery),
        request_body(content = Vec<u8>, content_type = "application/octet-stream"),
        security(("bearer" = [])),
        responses(
            (status = 200, body = UploadStatus, description = "The chunk is kept; `complete` once all bytes arrived and the hash matched"),
            (status = 400, body = Problem, content_type = "application/problem+json"),
            (status = 401, body = Problem, content_type = "application/problem+json"),
            (status = 408, body = Problem, content_type = "application/problem+json", description = "The body did not arrive in time"),
            (status = 409, body = Problem, content_type = "application/problem+json", description = "`offset` is not the number of bytes the portal holds"),
            (status = 413, body = Problem, content_type = "application/problem+json", description = "Larger than 10 MiB, or beyond the supplier's quota"),
            (status = 422, body = Problem, content_type = "application/problem+json", description = "The bytes do not hash to the name; nothing is kept"),
        ))]
    pub fn upload_attachment() {}

    /// How much of an attachment the portal holds: `Upload-Offset` (bytes) and `Upload-Complete`
    /// (`true` once the whole attachment arrived and its hash matched); 404 when it holds nothing.
    #[utoipa::path(head, path = "/v1/attachments/{sha256}", tag = "attachments",
        params(("sha256" = String, Path, description = "SHA-256 of the whole attachment, 64 lowercase hex digits", pattern = "^[0-9a-f]{64}$")),
        security(("bearer" = [])),
        responses(
            (status = 200, description = "Some or all of it is held",
                headers(("Upload-Offset" = u64, description = "Bytes held"),
                        ("Upload-Complete" = bool, description = "Whether the attachment is complete"))),
            (status = 400, description = "The name is not a SHA-256 (64 lowercase hex digits)"),
            (status = 401, description = "No valid bearer token"),
            (status = 404, description = "Nothing of it is held"),
        ))]
    pub fn attachment_status() {}

    /// A complete attachment the supplier uploaded (from any of its desks), byte for byte: how
    /// a desk fetches the photos another desk added to an offering.
    #[utoipa::path(get, path = "/v1/attachments/{sha256}", tag = "attachments",
        params(("sha256" = String, Path, description = "SHA-256 of the whole attachment, 64 lowercase hex digits", pattern = "^[0-9a-f]{64}$")),
        security(("bearer" = [])),
        responses(
            (status = 200, body = Vec<u8>, content_type = "application/octet-stream", description = "The attachment's bytes"),
            (status = 400, body = Problem, content_type = "application/problem+json"),
            (status = 401, body = Problem, content_type = "application/problem+json"),
            (status = 404, body = Problem, content_type = "application/problem+json", description = "No complete attachment of that name"),
        ))]
    pub fn download_attachment() {}

    /// Liveness of the portal; needs no token.
    #[utoipa::path(get, path = "/v1/health", tag = "meta", responses((status = 200, description = "The portal is up")))]
    pub fn health() {}
}

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Portal of social services: supplier API", version = "1.0.0",
        description = "The contract between Supplier Desk and the portal. Errors are RFC 9457 problem details."),
    paths(
        operations::sign_in,
        operations::changes,
        operations::push_mutations,
        operations::order_counts,
        operations::health,
        operations::upload_attachment,
        operations::attachment_status,
        operations::download_attachment
    ),
    components(schemas(
        Category, Change, ChangePage, ClassifierItem, Entity, FieldError, LocalizedText, Mutation,
        MutationBatch, MutationBatchResult, MutationBody, MutationOutcome, MutationResult, Offering,
        Order, OrderCounts, OrderLine, OrderStatus, Participant, PolicyBasis, PolicyTerm,
        PolicyTerms, Problem, RejectReason, TokenRequest, TokenResponse,
        Measurement, DeliveredItem, ReceivedBy, FittingSession, FittingMark, UploadStatus, RegionStock, StatusCount,
        Payment, PaymentKind, PaymentLine, WarrantyService, WarrantyServiceKind
    )),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// The document as pretty JSON, the form committed under docs/.
pub fn openapi_document() -> String {
    let mut json = ApiDoc::openapi().to_pretty_json().unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_document_matches_the_types() {
        let committed_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/portal-api.json");
        let generated = super::openapi_document();
        if std::env::var_os("UPDATE_API_DOC").is_some() {
            std::fs::write(committed_path, &generated).expect("write docs/portal-api.json");
        }
        let committed = std::fs::read_to_string(committed_path)
            .expect("docs/portal-api.json exists (regenerate with UPDATE_API_DOC=1 cargo test -p portal-api)");
        assert_eq!(
            committed, generated,
            "docs/portal-api.json is stale: run UPDATE_API_DOC=1 cargo test -p portal-api"
        );
    }

    /// utoipa takes only a literal for `max_length`: the document must still say the limit of
    /// `portal_rules::limits` wherever a model or a manufacturer travels.
    #[test]
    fn a_model_and_a_manufacturer_are_bounded_as_the_rules_say() {
        fn bounds(value: &serde_json::Value, out: &mut Vec<(String, Option<u64>)>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, inner) in map {
                        if key == "model" || key == "manufacturer" {
                            out.push((key.clone(), inner.get("maxLength").and_then(serde_json::Value::as_u64)));
                        }
                        bounds(inner, out);
                    }
                }
                serde_json::Value::Array(items) => items.iter().for_each(|v| bounds(v, out)),
                _ => {}
            }
        }
        let document: serde_json::Value = serde_json::from_str(&super::openapi_document()).expect("JSON");
        let mut found = Vec::new();
        bounds(&document, &mut found);
        // The offering, its creation and its update.
        assert_eq!(found.len(), 6, "{found:?}");
        let max = u64::try_from(portal_rules::limits::MAX_MODEL_CHARS).expect("small");
        assert!(found.iter().all(|(_, bound)| *bound == Some(max)), "{found:?}");
    }
}
