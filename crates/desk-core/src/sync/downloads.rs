//! After a pull, the photos the portal named that this desk does not hold (an offering's photos
//! added on another desk) are fetched, checked against their name and kept. A photo that cannot
//! be fetched now waits for the next sync; it never fails the sync, whose data is in already.

use portal_api::PortalClient;

use super::{StoreAccess, SyncError};
use crate::sync::log_safe::LogSafe;

/// How many photos one sync fetches at most, so that a desk catching up on many does not hold
/// up the next push for long; the rest follow in later syncs.
const PER_SYNC: usize = 50;

/// Fetches the photos waiting for their file; returns how many were kept.
pub async fn fetch_photos(store: &impl StoreAccess, client: &PortalClient) -> Result<usize, SyncError> {
    let waiting = store.with_store(|s| s.photos_to_fetch(PER_SYNC))?;
    let mut kept = 0;
    for sha in waiting {
        let bytes = match client.download_attachment(&sha).await {
            Ok(bytes) => bytes,
            Err(e) => {
                tracing::warn!(%sha, error = %e.log_safe(), "the portal did not give a photo; trying again at the next sync");
                // Unreachable or signed out: the others would fail the same way.
                if e.is_retryable() || matches!(e, portal_api::ClientError::Unauthorized) {
                    break;
                }
                store.with_store(|s| s.photo_fetch_failed(&sha))?;
                continue;
            }
        };
        match store.with_store(|s| s.keep_fetched_photo(&sha, &bytes)) {
            Ok(()) => kept += 1,
            Err(e) => {
                tracing::warn!(%sha, error = %e.log_safe(), "a fetched photo was not kept");
                store.with_store(|s| s.photo_fetch_failed(&sha))?;
            }
        }
    }
    Ok(kept)
}
