//! Before a batch goes out, the photos its mutations name are uploaded, so the portal never
//! meets a mutation naming a photo it does not have. An upload goes on from the bytes the portal
//! already holds; a failed one fails the push (retryable like any unreachable portal), and the
//! batch waits in the outbox for the next round.

use portal_api::{MutationBatch, MutationBody, PortalClient};

use super::{StoreAccess, SyncError};
use crate::kernel::attachments::{self, sha256_hex};
use crate::kernel::store::StoreError;

/// The photos a mutation names.
pub(crate) fn photos_of(body: &MutationBody) -> &[String] {
    match body {
        MutationBody::RecordDelivery { photos, .. } | MutationBody::CreateOffering { photos, .. } => photos,
        MutationBody::UpdateOffering { photos: Some(photos), .. } => photos,
        _ => &[],
    }
}

/// Uploads every photo `batch` names that the portal does not have yet, and marks each
/// uploaded. Returns how many were uploaded.
pub async fn upload_photos(
    store: &impl StoreAccess,
    client: &PortalClient,
    batch: &MutationBatch,
) -> Result<usize, SyncError> {
    let (pending, files) = store.with_store(|s| {
        let pending =
            attachments::not_uploaded(s.connection(), batch.mutations.iter().flat_map(|m| photos_of(&m.body)))?;
        let files = if pending.is_empty() { None } else { Some(s.photo_files()?) };
        Ok::<_, StoreError>((pending, files))
    })?;
    let Some(files) = files else { return Ok(0) };
    let mut uploaded = 0;
    for sha in pending {
        let path = files.dir.join(&sha);
        let read = tokio::fs::read(&path).await.map(|stored| files.content(&sha, stored));
        let bytes = match read {
            Ok(Ok(bytes)) if sha256_hex(&bytes) == sha => bytes,
            // The file is gone or damaged: the portal will refuse the mutation naming it
            // (attachment_missing), which a person resolves; blocking the queue would not help.
            Ok(Err(e)) => {
                tracing::error!(%sha, error = %e, "a photo's file cannot be opened; not uploading it");
                continue;
            }
            Ok(Ok(_)) => {
                tracing::error!(%sha, "a photo's file no longer matches its hash; not uploading it");
                continue;
            }
            Err(e) => {
                tracing::error!(%sha, error = %e, "a photo's file cannot be read; not uploading it");
                continue;
            }
        };
        client.upload_attachment(&sha, &bytes).await?;
        store.with_store(|s| s.mark_photo_uploaded(&sha))?;
        uploaded += 1;
    }
    Ok(uploaded)
}
