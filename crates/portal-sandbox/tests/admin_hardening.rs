//! The admin API refuses what it cannot hold: inputs out of range (a clock twenty years and more
//! ahead, delays beyond a year, dates outside 2000–2100, maintenance beyond a week, absurd limit
//! prices) with a 422 problem and nothing stored; requests addressed to a name that is not
//! loopback (DNS rebinding) with 403; and POSTs not declared JSON (cross-site form posts) with
//! 415. The sandbox serves afterwards and starts again on its data dir.

mod common;

use std::time::Duration;

use portal_api::Problem;
use portal_sandbox::{FaultReport, ParticipantBehaviour};
use reqwest::StatusCode;
use serde_json::json;

use common::{SEED, quiet_sandbox, raw_request, start_in, token};

async fn problem(resp: reqwest::Response, status: StatusCode, what: &str) -> Problem {
    assert_eq!(resp.status(), status, "{what}");
    let ct = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned);
    assert_eq!(ct.as_deref(), Some("application/problem+json"), "{what}");
    let p: Problem = resp.json().await.expect("a problem body");
    assert_eq!(p.status, status.as_u16(), "{what}");
    assert!(p.detail.as_deref().is_some_and(|d| !d.is_empty()), "{what}: a detail says why");
    p
}

#[tokio::test]
async fn admin_inputs_out_of_range_are_refused_and_nothing_is_stored() {
    let (dir, sandbox) = quiet_sandbox().await;
    let http = reqwest::Client::new();
    let admin = |path: &str| format!("{}/admin{path}", sandbox.url());
    let before = sandbox.state().await.expect("state");
    let behaviour = sandbox.participant_behaviour();
    let code = before.classifier[0].code.clone();
    let limit = before.classifier[0].limit_price_tiyn;

    let cases: Vec<(reqwest::Method, String, serde_json::Value, &str)> = vec![
        (reqwest::Method::POST, admin("/clock/advance"), json!({ "days": 100_000_000 }), "a clock far ahead"),
        (reqwest::Method::POST, admin("/clock/advance"), json!({ "days": 7_400 }), "just over twenty years"),
        (reqwest::Method::POST, admin("/clock/advance"), json!({ "days": i64::MAX }), "an overflowing advance"),
        (reqwest::Method::POST, admin("/clock/advance"), json!({ "hours": -1 }), "backwards"),
        (
            reqwest::Method::PUT,
            admin("/participants"),
            json!({ "pay_after": { "min": 1, "max": u32::MAX } }),
            "u32::MAX hours",
        ),
        (
            reqwest::Method::PUT,
            admin("/participants"),
            json!({ "cancel_after": { "min": 9_000, "max": 9_000 } }),
            "over a year",
        ),
        (reqwest::Method::POST, admin("/orders"), json!({ "placed_at": "+262142-01-01T00:00:00Z" }), "year 262142"),
        (reqwest::Method::POST, admin("/orders"), json!({ "placed_at": "2101-01-01T00:00:00Z" }), "year 2101"),
        (reqwest::Method::POST, admin("/orders"), json!({ "placed_at": "1999-12-31T23:59:59Z" }), "year 1999"),
        (reqwest::Method::PUT, admin("/maintenance"), json!({ "seconds": u64::MAX }), "u64::MAX seconds"),
        (reqwest::Method::PUT, admin("/maintenance"), json!({ "seconds": 8 * 86_400 }), "eight days"),
        (reqwest::Method::PUT, admin("/maintenance"), json!({ "until": "2150-01-01T00:00:00Z" }), "until 2150"),
        (
            reqwest::Method::PUT,
            admin("/faults"),
            json!({ "maintenance_until": "2099-01-01T00:00:00Z" }),
            "a window of decades",
        ),
        (
            reqwest::Method::PUT,
            admin(&format!("/classifier/{code}/limit-price")),
            json!({ "limit_price_tiyn": i64::MAX }),
            "an absurd limit price",
        ),
    ];
    for (method, url, body, what) in cases {
        let resp = http.request(method, &url).json(&body).send().await.expect("an answer");
        let p = problem(resp, StatusCode::UNPROCESSABLE_ENTITY, what).await;
        assert_eq!(p.code, "invalid_body", "{what}: {p:?}");
    }

    // Nothing was stored: the clock, the participants, the orders, the faults, the limit.
    let after = sandbox.state().await.expect("state");
    assert_eq!(after.clock_offset_seconds, 0);
    assert_eq!(after.orders.len(), before.orders.len(), "no order placed");
    assert_eq!(after.classifier[0].limit_price_tiyn, limit);
    assert_eq!(sandbox.participant_behaviour(), behaviour);
    let faults: FaultReport = http.get(admin("/faults")).send().await.expect("faults").json().await.expect("report");
    assert!(!faults.in_maintenance && faults.faults.maintenance_until.is_none(), "{faults:?}");

    // The sandbox goes on: a tick, an advance within range, sign-in, the feed.
    let tick = http.post(admin("/tick")).header("content-type", "application/json").send().await.expect("tick");
    assert_eq!(tick.status(), StatusCode::OK);
    let clock: serde_json::Value = http
        .post(admin("/clock/advance"))
        .json(&json!({ "days": 1 }))
        .send()
        .await
        .expect("advance")
        .json()
        .await
        .expect("clock");
    assert_eq!(clock["offset_seconds"].as_i64().map(|s| s / 3600), Some(24), "{clock}");
    let set = http
        .put(admin("/participants"))
        .json(&json!({ "pay_after": { "min": 1, "max": 8_784 } }))
        .send()
        .await
        .expect("set");
    assert_eq!(set.status(), StatusCode::OK, "a year of delay is accepted");
    let placed =
        http.post(admin("/orders")).json(&json!({ "placed_at": "2030-06-01T00:00:00Z" })).send().await.expect("place");
    assert_eq!(placed.status(), StatusCode::OK);
    let dir_path = dir.path().to_path_buf();
    sandbox.shutdown().await;

    // And it starts again on its data dir, with the clock as it was.
    let again = start_in(&dir_path, SEED, None).await;
    let state = again.state().await.expect("state");
    assert_eq!(state.clock_offset_seconds / 3600, 24);
    assert_eq!(state.orders.len(), before.orders.len() + 1);
    assert!(!token(&again).await.is_empty());
    let report = again.tick().await.expect("a tick");
    assert!(report.now.is_some());
    again.shutdown().await;
}

#[tokio::test]
async fn the_admin_api_answers_only_loopback_hosts() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let addr = sandbox.addr();
    let port = addr.port();
    let wait = Duration::from_secs(10);
    let get = |host: String| format!("GET /admin/state HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");

    for host in [
        format!("evil.example:{port}"),
        "evil.example".into(),
        format!("192.168.1.10:{port}"),
        format!("localhost.evil.example:{port}"),
    ] {
        let answer = raw_request(addr, get(host.clone()).as_bytes(), wait).await;
        assert_eq!(answer.status, 403, "{host}");
        let p = answer.problem();
        assert_eq!(p.code, "not_loopback", "{host}");
        assert!(!String::from_utf8_lossy(&answer.body).contains("participants"), "no state leaks");
    }
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}"), "localhost".into()]
    {
        let answer = raw_request(addr, get(host.clone()).as_bytes(), wait).await;
        assert_eq!(answer.status, 200, "{host}: {}", String::from_utf8_lossy(&answer.body));
    }

    // A change asked for under another name is refused before it is looked at.
    let body = r#"{"days": 3}"#;
    let advance = format!(
        "POST /admin/clock/advance HTTP/1.1\r\nHost: rebound.example:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let answer = raw_request(addr, advance.as_bytes(), wait).await;
    assert_eq!(answer.status, 403);
    assert_eq!(sandbox.state().await.expect("state").clock_offset_seconds, 0, "the clock did not move");

    // The supplier API is not the admin API: it answers whatever name the desk uses.
    let health = format!("GET /v1/health HTTP/1.1\r\nHost: portal.lan:{port}\r\nConnection: close\r\n\r\n");
    assert_eq!(raw_request(addr, health.as_bytes(), wait).await.status, 200);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn admin_posts_must_be_declared_json() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let http = reqwest::Client::new();
    let admin = |path: &str| format!("{}/admin{path}", sandbox.url());
    let mut client = common::signed_in(&sandbox).await;

    // What a web page can send cross-site without a preflight: no body, a form, text.
    let bare = http.post(admin("/tokens/expire")).send().await.expect("an answer");
    let p = problem(bare, StatusCode::UNSUPPORTED_MEDIA_TYPE, "no Content-Type").await;
    assert_eq!(p.code, "unsupported_media_type");
    let form = http
        .post(admin("/tokens/expire"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("a=1")
        .send()
        .await
        .expect("an answer");
    problem(form, StatusCode::UNSUPPORTED_MEDIA_TYPE, "a form").await;
    let text = http
        .post(admin("/clock/advance"))
        .header("content-type", "text/plain")
        .body(r#"{"days": 2}"#)
        .send()
        .await
        .expect("an answer");
    problem(text, StatusCode::UNSUPPORTED_MEDIA_TYPE, "JSON sent as text").await;
    let tick = http.post(admin("/tick")).send().await.expect("an answer");
    problem(tick, StatusCode::UNSUPPORTED_MEDIA_TYPE, "a bodiless tick").await;

    // Nothing happened: the token works, the clock stayed, no token expiry was counted.
    assert!(client.order_counts().await.is_ok(), "the token was not expired");
    assert_eq!(sandbox.state().await.expect("state").clock_offset_seconds, 0);
    assert_eq!(sandbox.fault_counts().tokens_expired, 0);

    // Declared JSON, with or without a body, it works.
    let expired =
        http.post(admin("/tokens/expire")).header("content-type", "application/json").send().await.expect("expire");
    assert_eq!(expired.status(), StatusCode::OK);
    assert!(client.order_counts().await.is_err());
    client
        .sign_in(portal_sandbox::demo::SUPPLIER_BIN, portal_sandbox::demo::SUPPLIER_PASSWORD)
        .await
        .expect("sign in again");
    let _: ParticipantBehaviour =
        http.get(admin("/participants")).send().await.expect("GET").json().await.expect("GET needs no type");
    sandbox.shutdown().await;
}
