use std::sync::{Arc, OnceLock};
use std::time::Duration;

use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use url::Url;

use crate::{
    ChangePage, MAX_ATTACHMENT_BYTES, MutationBatch, MutationBatchResult, OrderCounts, Problem, TokenRequest,
    TokenResponse,
};
use crate::{UPLOAD_CHUNK_BYTES, UPLOAD_COMPLETE_HEADER, UPLOAD_OFFSET_HEADER, UploadStatus};

/// Why a call to the portal failed. The split matters to the sync engine: transport failures and
/// 5xx answers are retried later, a 401 asks the user to sign in again, other problems are shown.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("the portal could not be reached: {0}")]
    Unreachable(#[source] reqwest::Error),
    #[error("the portal did not answer in time")]
    Timeout,
    #[error("the portal refused the credentials (sign in again)")]
    Unauthorized,
    #[error("the portal answered {status}: {}", problem.as_ref().map(|p| p.title.as_str()).unwrap_or("no details"))]
    Status {
        status: u16,
        problem: Option<Box<Problem>>,
        /// How long the portal asked us to wait (`Retry-After`, in seconds), if it said.
        retry_after: Option<Duration>,
    },
    #[error("the portal's answer could not be read: {0}")]
    Decode(String),
    #[error("the portal's answer is larger than the {limit} bytes the contract allows; nothing of it was applied")]
    TooLarge { limit: usize },
    #[error("invalid portal address: {0}")]
    BadUrl(String),
}

impl ClientError {
    /// How long the portal asked to wait before the next try, if it said.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ClientError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Whether trying the same call again later may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Unreachable(_) | ClientError::Timeout | ClientError::Decode(_) => true,
            ClientError::Status { status, .. } => *status >= 500 || *status == 429,
            // The same answer would come again: a person (or a fixed portal) must act.
            ClientError::Unauthorized | ClientError::BadUrl(_) | ClientError::TooLarge { .. } => false,
        }
    }
}

/// A client of the supplier API. Every request has a connect and a total timeout.
#[derive(Debug, Clone)]
pub struct PortalClient {
    base: Url,
    /// Built at the first request, shared by clones: building it loads the system's trust store
    /// (60-115 ms of CPU), which the app's start-up should not pay for.
    http: Arc<OnceLock<reqwest::Client>>,
    token: Option<String>,
}

impl PortalClient {
    pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
    pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

    pub fn new(base: &str) -> Result<PortalClient, ClientError> {
        let mut base = Url::parse(base).map_err(|e| ClientError::BadUrl(format!("{base}: {e}")))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(ClientError::BadUrl(format!("{base}: only http and https are supported")));
        }
        // Url::join drops the last path segment unless the base ends with a slash.
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        Ok(PortalClient { base, http: Arc::default(), token: None })
    }

    /// The HTTP client, built on first use.
    fn http(&self) -> Result<&reqwest::Client, ClientError> {
        if let Some(http) = self.http.get() {
            return Ok(http);
        }
        let built = reqwest::Client::builder()
            .connect_timeout(Self::CONNECT_TIMEOUT)
            .timeout(Self::REQUEST_TIMEOUT)
            .user_agent(concat!("supplier-desk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(ClientError::Unreachable)?;
        // Two first requests at once may both build one; the first one stored is kept.
        Ok(self.http.get_or_init(|| built))
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    pub fn with_token(mut self, token: impl Into<String>) -> PortalClient {
        self.token = Some(token.into());
        self
    }

    fn url(&self, path: &str) -> Result<Url, ClientError> {
        self.base.join(path.trim_start_matches('/')).map_err(|e| ClientError::BadUrl(e.to_string()))
    }

    fn authorized(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.token {
            Some(t) => req.bearer_auth(t),
            None => req,
        }
    }

    /// Signs in and keeps the token for later calls.
    pub async fn sign_in(&mut self, bin: &str, password: &str) -> Result<TokenResponse, ClientError> {
        let body = TokenRequest { bin: bin.to_owned(), password: password.to_owned() };
        let req = self.http()?.post(self.url("v1/auth/token")?).json(&body);
        let resp: TokenResponse = send(req).await?;
        self.token = Some(resp.token.clone());
        Ok(resp)
    }

    /// One page of the change feed after `after`.
    /// Every change after `after`, in order, at most `limit`.
    pub async fn changes(&self, after: u64, limit: u32) -> Result<ChangePage, ClientError> {
        self.feed_page(after, limit, false, None).await
    }

    /// The latest snapshot of each entity changed after `after`, at most `limit`: what a client
    /// that keeps only the current state needs (see [`crate::ChangesQuery::latest_only`]).
    pub async fn latest_changes(&self, after: u64, limit: u32) -> Result<ChangePage, ClientError> {
        self.feed_page(after, limit, true, None).await
    }

    /// As [`PortalClient::latest_changes`], for the desk `device_id`: each change says which of
    /// that device's mutations its snapshot includes ([`crate::Change::includes_device_seq`]).
    pub async fn latest_changes_for(&self, after: u64, limit: u32, device_id: &str) -> Result<ChangePage, ClientError> {
        self.feed_page(after, limit, true, Some(device_id)).await
    }

    async fn feed_page(
        &self,
        after: u64,
        limit: u32,
        latest_only: bool,
        device_id: Option<&str>,
    ) -> Result<ChangePage, ClientError> {
        let mut query =
            vec![("after", after.to_string()), ("limit", limit.to_string()), ("latest_only", latest_only.to_string())];
        if let Some(device_id) = device_id {
            query.push(("device_id", device_id.to_owned()));
        }
        send(self.authorized(self.http()?.get(self.url("v1/changes")?)).query(&query)).await
    }

    /// Sends a batch of queued mutations; each comes back applied, rejected or retryable.
    pub async fn push(&self, batch: &MutationBatch) -> Result<MutationBatchResult, ClientError> {
        send(self.authorized(self.http()?.post(self.url("v1/mutations")?)).json(batch)).await
    }

    pub async fn order_counts(&self) -> Result<OrderCounts, ClientError> {
        send(self.authorized(self.http()?.get(self.url("v1/orders/counts")?))).await
    }

    /// How many bytes of attachment `sha256` the portal holds, and whether it is complete
    /// (`HEAD /v1/attachments/{sha256}`; nothing yet is 0 bytes).
    pub async fn attachment_status(&self, sha256: &str) -> Result<UploadStatus, ClientError> {
        let url = self.url(&format!("v1/attachments/{sha256}"))?;
        let resp = self.authorized(self.http()?.head(url)).send().await.map_err(transport_error)?;
        let status = resp.status();
        if status == StatusCode::UNAUTHORIZED {
            return Err(ClientError::Unauthorized);
        }
        if status == StatusCode::NOT_FOUND {
            return Ok(UploadStatus { sha256: sha256.to_owned(), received: 0, complete: false });
        }
        if !status.is_success() {
            return Err(ClientError::Status { status: status.as_u16(), problem: None, retry_after: None });
        }
        let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::trim);
        let received = header(UPLOAD_OFFSET_HEADER)
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| ClientError::Decode(format!("no {UPLOAD_OFFSET_HEADER} header in the answer")))?;
        let complete = header(UPLOAD_COMPLETE_HEADER) == Some("true");
        Ok(UploadStatus { sha256: sha256.to_owned(), received, complete })
    }

    /// A complete attachment's bytes (`GET /v1/attachments/{sha256}`), at most
    /// `MAX_ATTACHMENT_BYTES`; the caller checks them against the name.
    pub async fn download_attachment(&self, sha256: &str) -> Result<Vec<u8>, ClientError> {
        let url = self.url(&format!("v1/attachments/{sha256}"))?;
        let mut resp = self.authorized(self.http()?.get(url)).send().await.map_err(transport_error)?;
        let status = resp.status();
        if status == StatusCode::UNAUTHORIZED {
            return Err(ClientError::Unauthorized);
        }
        if !status.is_success() {
            return Err(ClientError::Status { status: status.as_u16(), problem: None, retry_after: None });
        }
        let too_large =
            || ClientError::Decode(format!("the attachment {sha256} is larger than {MAX_ATTACHMENT_BYTES} bytes"));
        if resp.content_length().is_some_and(|n| n > MAX_ATTACHMENT_BYTES) {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(transport_error)? {
            if (bytes.len() + chunk.len()) as u64 > MAX_ATTACHMENT_BYTES {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }

    /// Uploads `bytes` as attachment `sha256` in chunks, going on from what the portal already
    /// holds, so an upload cut off by a dropped connection is resumed rather than restarted.
    pub async fn upload_attachment(&self, sha256: &str, bytes: &[u8]) -> Result<UploadStatus, ClientError> {
        // How often the portal may say the offset moved (another device uploading the same
        // photo) before giving up until the next sync.
        const MAX_REALIGNMENTS: u32 = 3;
        let url = self.url(&format!("v1/attachments/{sha256}"))?;
        let total = bytes.len() as u64;
        let mut status = self.attachment_status(sha256).await?;
        let mut realignments = 0;
        while !status.complete {
            let offset = usize::try_from(status.received).ok().filter(|&o| o <= bytes.len()).ok_or_else(|| {
                ClientError::Decode(format!("the portal holds {} bytes of a {total}-byte attachment", status.received))
            })?;
            let end = bytes.len().min(offset + UPLOAD_CHUNK_BYTES);
            let req = self
                .authorized(self.http()?.put(url.clone()))
                .query(&[("offset", offset as u64), ("total", total)])
                .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
                .body(bytes[offset..end].to_vec());
            match send::<UploadStatus>(req).await {
                Ok(next) => status = next,
                Err(ClientError::Status { status: 409, .. }) if realignments < MAX_REALIGNMENTS => {
                    realignments += 1;
                    status = self.attachment_status(sha256).await?;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(status)
    }
}

async fn send<T: DeserializeOwned>(req: reqwest::RequestBuilder) -> Result<T, ClientError> {
    let resp = req.send().await.map_err(transport_error)?;
    let status = resp.status();
    let retry_after = resp.headers().get(reqwest::header::RETRY_AFTER).map(|v| v.as_bytes().to_vec());
    let bytes = read_bounded(resp, crate::MAX_ANSWER_BYTES).await?;
    decode_answer(status.as_u16(), retry_after.as_deref(), &bytes)
}

/// The body of `resp`, refused as soon as it passes `limit` bytes (announced or read), so that
/// a portal cannot make a desk hold an answer of any size in memory.
async fn read_bounded(mut resp: reqwest::Response, limit: usize) -> Result<Vec<u8>, ClientError> {
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(ClientError::TooLarge { limit });
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(transport_error)? {
        if body.len() + chunk.len() > limit {
            return Err(ClientError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Reads an answer of the portal: its status code, its `Retry-After` header's value (if it had
/// one) and its body. A 401 is [`ClientError::Unauthorized`]; any other status that is not 2xx
/// is [`ClientError::Status`] with the body's problem details when it holds some (read
/// leniently: a body that is not a problem is no details, not an error) and the wait the portal
/// asked for in whole seconds; a 2xx body is parsed as `T`, or is [`ClientError::Decode`].
///
/// Pure and total: whatever the bytes, it answers a typed result and never panics (the client's
/// every JSON call goes through it, and tests/fuzz_decode.rs throws arbitrary answers at it).
pub fn decode_answer<T: DeserializeOwned>(
    status: u16,
    retry_after: Option<&[u8]>,
    body: &[u8],
) -> Result<T, ClientError> {
    if status == StatusCode::UNAUTHORIZED.as_u16() {
        return Err(ClientError::Unauthorized);
    }
    if !(200..300).contains(&status) {
        let retry_after = retry_after
            .and_then(|v| std::str::from_utf8(v).ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let problem = serde_json::from_slice::<Problem>(body).ok().map(Box::new);
        return Err(ClientError::Status { status, problem, retry_after });
    }
    serde_json::from_slice(body).map_err(|e| ClientError::Decode(e.to_string()))
}

fn transport_error(e: reqwest::Error) -> ClientError {
    if e.is_timeout() {
        ClientError::Timeout
    } else if e.is_decode() || e.is_body() {
        ClientError::Decode(e.to_string())
    } else {
        ClientError::Unreachable(e)
    }
}
