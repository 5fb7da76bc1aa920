//! The HTTP contract over real loopback HTTP: authentication, the problem bodies of refused
//! requests, and the unauthenticated endpoints.

mod common;

use chrono::{TimeDelta, Utc};
use portal_api::{ClientError, OrderStatus, PROBLEM_CONTENT_TYPE, PortalClient, Problem};
use portal_sandbox::demo;
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};

use common::{quiet_sandbox, signed_in, token};

/// Reads a response that must be a problem with `status`, and returns the problem.
async fn expect_problem(resp: reqwest::Response, status: StatusCode, what: &str) -> Problem {
    assert_eq!(resp.status(), status, "{what}: status");
    let ct = resp.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(ct, PROBLEM_CONTENT_TYPE, "{what}: content type");
    let body = resp.bytes().await.expect("a body");
    let problem: Problem = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{what}: the body is a problem ({e}): {}", String::from_utf8_lossy(&body)));
    assert_eq!(problem.status, status.as_u16(), "{what}: problem status");
    assert!(!problem.code.is_empty() && !problem.title.is_empty(), "{what}: code and title");
    assert_eq!(problem.kind, format!("urn:portal:problem:{}", problem.code), "{what}: type");
    problem
}

#[tokio::test]
async fn health_and_the_openapi_document_need_no_token() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let http = reqwest::Client::new();
    let health = http.get(format!("{}/v1/health", sandbox.url())).send().await.expect("health");
    assert_eq!(health.status(), StatusCode::OK);

    let doc = http.get(format!("{}/v1/openapi.json", sandbox.url())).send().await.expect("openapi");
    assert_eq!(doc.status(), StatusCode::OK);
    assert_eq!(doc.headers().get(CONTENT_TYPE).map(|v| v.as_bytes()), Some(&b"application/json"[..]));
    assert_eq!(doc.text().await.expect("body"), portal_api::openapi_document());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_url_names_the_real_port() {
    let (_dir, sandbox) = quiet_sandbox().await;
    assert_ne!(sandbox.addr().port(), 0);
    assert_eq!(sandbox.url(), format!("http://127.0.0.1:{}", sandbox.addr().port()));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn calls_without_a_token_are_refused() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let http = reqwest::Client::new();
    for path in ["/v1/changes", "/v1/changes?after=0&limit=5", "/v1/orders/counts"] {
        let resp = http.get(format!("{}{path}", sandbox.url())).send().await.expect("a response");
        assert!(resp.headers().contains_key(WWW_AUTHENTICATE), "{path}: WWW-Authenticate");
        let problem = expect_problem(resp, StatusCode::UNAUTHORIZED, path).await;
        assert_eq!(problem.code, "unauthorized", "{path}");
    }
    let client = PortalClient::new(&sandbox.url()).expect("client");
    assert!(matches!(client.changes(0, 10).await, Err(ClientError::Unauthorized)));
    assert!(matches!(client.order_counts().await, Err(ClientError::Unauthorized)));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn bad_tokens_are_refused() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let http = reqwest::Client::new();
    let url = format!("{}/v1/changes", sandbox.url());
    let cases = [
        ("Bearer not-a-token", "invalid_token"),
        ("Bearer ", "unauthorized"),
        ("Basic ZGVtbzpkZW1v", "unauthorized"),
        ("bearer", "unauthorized"),
    ];
    for (header, code) in cases {
        let resp = http.get(&url).header(AUTHORIZATION, header).send().await.expect("a response");
        let problem = expect_problem(resp, StatusCode::UNAUTHORIZED, header).await;
        assert_eq!(problem.code, code, "{header}");
    }
    let long = format!("Bearer {}", "x".repeat(10_000));
    let resp = http.get(&url).header(AUTHORIZATION, long).send().await.expect("a response");
    expect_problem(resp, StatusCode::UNAUTHORIZED, "a very long token").await;

    let forged = PortalClient::new(&sandbox.url()).expect("client").with_token("0123456789abcdef0123456789abcdef");
    assert!(matches!(forged.changes(0, 10).await, Err(ClientError::Unauthorized)));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn wrong_credentials_are_refused() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let http = reqwest::Client::new();
    let url = format!("{}/v1/auth/token", sandbox.url());
    let other_bin = portal_rules::Bin::complete(&[0, 4, 0, 3, 4, 0, 0, 0, 4, 4, 5]).expect("a valid BIN");
    let cases = [
        (demo::SUPPLIER_BIN, "wrong"),
        (demo::SUPPLIER_BIN, ""),
        (other_bin.as_str(), demo::SUPPLIER_PASSWORD),
        ("not a bin", demo::SUPPLIER_PASSWORD),
    ];
    for (bin, password) in cases {
        let body = serde_json::json!({ "bin": bin, "password": password });
        let resp = http.post(&url).json(&body).send().await.expect("a response");
        let problem = expect_problem(resp, StatusCode::UNAUTHORIZED, &format!("{bin}/{password}")).await;
        assert_eq!(problem.code, "invalid_credentials");
    }
    let mut client = PortalClient::new(&sandbox.url()).expect("client");
    assert!(matches!(client.sign_in(demo::SUPPLIER_BIN, "Demo").await, Err(ClientError::Unauthorized)));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_demo_supplier_signs_in_and_sees_its_orders() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let mut client = PortalClient::new(&sandbox.url()).expect("client");
    let before = Utc::now();
    let resp = client.sign_in(demo::SUPPLIER_BIN, demo::SUPPLIER_PASSWORD).await.expect("sign in");
    assert_eq!(resp.supplier_name, demo::SUPPLIER_NAME);
    assert!(resp.token.len() >= 32, "a random token");
    let lifetime = resp.expires_at - before;
    assert!(lifetime > TimeDelta::hours(11) && lifetime <= TimeDelta::hours(12) + TimeDelta::minutes(1), "{lifetime}");

    // The BIN may be typed with spaces around it.
    let mut again = PortalClient::new(&sandbox.url()).expect("client");
    let second = again.sign_in(&format!(" {} ", demo::SUPPLIER_BIN), demo::SUPPLIER_PASSWORD).await.expect("sign in");
    assert_ne!(second.token, resp.token, "every sign-in gets its own token");

    let counts = client.order_counts().await.expect("counts");
    assert_eq!(counts.by_status.len(), OrderStatus::ALL.len());
    for c in &counts.by_status {
        assert!(c.count > 0, "{:?} has orders", c.status);
    }
    assert_eq!(counts.total, counts.by_status.iter().map(|c| c.count).sum::<u64>());
    assert_eq!(counts.open, counts.by_status.iter().filter(|c| c.status.is_open()).map(|c| c.count).sum::<u64>());
    assert!(counts.total >= 290, "{counts:?}");
    let placed = counts.by_status.iter().find(|c| c.status == OrderStatus::Placed).map(|c| c.count);
    assert!(placed >= Some(40), "{placed:?} placed orders");
    sandbox.shutdown().await;
}

/// One malformed request and the problem it must get.
struct Case {
    what: &'static str,
    method: reqwest::Method,
    path: &'static str,
    content_type: Option<&'static str>,
    body: &'static [u8],
    status: StatusCode,
    code: &'static str,
    field: Option<&'static str>,
}

fn get(
    what: &'static str,
    path: &'static str,
    status: StatusCode,
    code: &'static str,
    field: Option<&'static str>,
) -> Case {
    Case { what, method: reqwest::Method::GET, path, content_type: None, body: b"", status, code, field }
}

fn sign_in(
    what: &'static str,
    content_type: Option<&'static str>,
    body: &'static [u8],
    status: StatusCode,
    code: &'static str,
    field: Option<&'static str>,
) -> Case {
    Case { what, method: reqwest::Method::POST, path: "/v1/auth/token", content_type, body, status, code, field }
}

#[tokio::test]
async fn malformed_requests_get_problem_bodies_and_never_a_5xx() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let token = token(&sandbox).await;
    let http = reqwest::Client::new();
    const JSON: Option<&str> = Some("application/json");
    let bad = StatusCode::BAD_REQUEST;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let cases = [
        get("limit=0", "/v1/changes?limit=0", bad, "invalid_query", Some("limit")),
        get("limit too big", "/v1/changes?limit=100000", bad, "invalid_query", Some("limit")),
        get("limit beyond u32", "/v1/changes?limit=99999999999", bad, "invalid_query", Some("limit")),
        get("limit empty", "/v1/changes?limit=", bad, "invalid_query", Some("limit")),
        get("limit negative", "/v1/changes?limit=-5", bad, "invalid_query", Some("limit")),
        get("after=-1", "/v1/changes?after=-1", bad, "invalid_query", Some("after")),
        get("after=abc", "/v1/changes?after=abc", bad, "invalid_query", Some("after")),
        get("after fractional", "/v1/changes?after=1.5", bad, "invalid_query", Some("after")),
        get("after beyond u64", "/v1/changes?after=99999999999999999999999", bad, "invalid_query", Some("after")),
        get("unknown parameter", "/v1/changes?after=0&since=5", bad, "invalid_query", Some("since")),
        get("repeated parameter", "/v1/changes?after=1&after=2", bad, "invalid_query", None),
        get("unknown path", "/v1/nothing-here", StatusCode::NOT_FOUND, "not_found", None),
        get("unversioned path", "/changes", StatusCode::NOT_FOUND, "not_found", None),
        get("future version", "/v2/changes", StatusCode::NOT_FOUND, "not_found", None),
        get("trailing slash", "/v1/changes/", StatusCode::NOT_FOUND, "not_found", None),
        get("sign-in by GET", "/v1/auth/token", StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", None),
        Case {
            method: reqwest::Method::DELETE,
            ..get("DELETE changes", "/v1/changes", StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", None)
        },
        Case {
            method: reqwest::Method::POST,
            ..get("POST health", "/v1/health", StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", None)
        },
        Case {
            method: reqwest::Method::PUT,
            ..get("PUT counts", "/v1/orders/counts", StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", None)
        },
        sign_in("not JSON", JSON, b"{not json", bad, "malformed_json", None),
        sign_in("empty body", JSON, b"", bad, "malformed_json", None),
        sign_in("truncated JSON", JSON, br#"{"bin": "150840021734", "pass"#, bad, "malformed_json", None),
        sign_in("trailing garbage", JSON, br#"{"bin":"1","password":"2"} x"#, bad, "malformed_json", None),
        sign_in("not UTF-8", JSON, b"{\"bin\":\"\xff\xfe\",\"password\":\"x\"}", bad, "malformed_json", None),
        sign_in(
            "missing password",
            JSON,
            br#"{"bin":"150840021734"}"#,
            unprocessable,
            "invalid_body",
            Some("password"),
        ),
        sign_in(
            "BIN as a number",
            JSON,
            br#"{"bin":150840021734,"password":"demo"}"#,
            unprocessable,
            "invalid_body",
            Some("bin"),
        ),
        sign_in(
            "unknown field",
            JSON,
            br#"{"bin":"1","password":"2","remember":true}"#,
            unprocessable,
            "invalid_body",
            Some("remember"),
        ),
        sign_in("an array", JSON, b"[]", unprocessable, "invalid_body", None),
        sign_in("null", JSON, b"null", unprocessable, "invalid_body", None),
        sign_in(
            "plain text type",
            Some("text/plain"),
            br#"{"bin":"1","password":"2"}"#,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            None,
        ),
        sign_in(
            "form type",
            Some("application/x-www-form-urlencoded"),
            b"bin=1&password=2",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            None,
        ),
        sign_in(
            "no content type",
            None,
            br#"{"bin":"1","password":"2"}"#,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            None,
        ),
    ];
    for case in cases {
        let mut req = http
            .request(case.method.clone(), format!("{}{}", sandbox.url(), case.path))
            .bearer_auth(&token)
            .body(case.body.to_vec());
        if let Some(ct) = case.content_type {
            req = req.header(CONTENT_TYPE, ct);
        }
        let resp = req.send().await.expect("a response");
        assert!(!resp.status().is_server_error(), "{}: never a 5xx", case.what);
        let problem = expect_problem(resp, case.status, case.what).await;
        assert_eq!(problem.code, case.code, "{}: {problem:?}", case.what);
        if let Some(field) = case.field {
            assert!(problem.errors.iter().any(|e| e.field == field), "{}: names {field}: {problem:?}", case.what);
        }
    }

    // A body over the size limit is refused too, not a 5xx.
    let huge = vec![b' '; 3 * 1024 * 1024];
    let resp = http
        .post(format!("{}/v1/auth/token", sandbox.url()))
        .header(CONTENT_TYPE, "application/json")
        .body(huge)
        .send()
        .await
        .expect("a response");
    expect_problem(resp, StatusCode::PAYLOAD_TOO_LARGE, "a huge body").await;

    // The server is still well after all that.
    let client = signed_in(&sandbox).await;
    assert!(client.changes(0, 1).await.is_ok());
    sandbox.shutdown().await;
}
