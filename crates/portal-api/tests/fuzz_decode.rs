//! Property tests ("fuzzing") of the client's answer decoding, `portal_api::decode_answer`: the
//! very function `PortalClient` reads every JSON answer with. Whatever the status, the
//! `Retry-After` header and the body, it must answer a typed result and never panic; and a body
//! that is a valid answer must decode to the value it encodes.
//!
//! Cases, in total 121,000 (each property states its count in its `ProptestConfig`):
//! arbitrary bytes under arbitrary statuses 40,000; arbitrary JSON documents 15,000; valid
//! answers mutated (fields dropped, wrong types, huge numbers, deep nesting, odd Unicode, cut
//! or spliced text) 66,000 over ChangePage (with policy, classifier, offering and order
//! changes), MutationBatchResult, TokenResponse, Problem, OrderCounts and UploadStatus.
//! A panic anywhere fails the test, as does an answer of the wrong kind for its status.

use std::fmt::Debug;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use portal_api::{
    Category, Change, ChangePage, ClassifierItem, ClientError, Entity, FieldError, FittingMark, FittingSession,
    LocalizedText, Measurement, MutationBatchResult, MutationOutcome, MutationResult, Offering, Order, OrderCounts,
    OrderLine, OrderStatus, Participant, PolicyBasis, PolicyTerm, PolicyTerms, Problem, RegionStock, RejectReason,
    StatusCount, TokenResponse, UploadStatus, WarrantyService, WarrantyServiceKind, decode_answer,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

// ---------------------------------------------------------------------------------------------
// The checks.

/// Decodes `body` as a `T` answer and checks that the result is of the kind `status` calls for.
/// Returns the value when it decoded.
fn check_answer<T: DeserializeOwned + Serialize + PartialEq + Debug>(
    status: u16,
    retry_after: Option<&[u8]>,
    body: &[u8],
) -> Option<T> {
    let answer = decode_answer::<T>(status, retry_after, body);
    match &answer {
        Err(e) => {
            // Every error is typed and can be shown and classified without panicking.
            let shown = e.to_string();
            assert!(!shown.is_empty());
            let _ = e.is_retryable();
            let _ = e.retry_after();
            match e {
                ClientError::Unauthorized => assert_eq!(status, 401, "only a 401 is Unauthorized"),
                ClientError::Status { status: s, problem, retry_after: wait } => {
                    assert_eq!(*s, status, "the status is reported as it came");
                    assert!(!(200..300).contains(&status) && status != 401, "{status} is not a failure status");
                    let expected_wait = retry_after
                        .and_then(|v| std::str::from_utf8(v).ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    assert_eq!(*wait, expected_wait, "Retry-After {retry_after:?}");
                    assert_eq!(e.retry_after(), expected_wait);
                    if let Some(p) = problem {
                        // Lenient, but not inventive: a problem is only read from a body holding one.
                        assert_eq!(serde_json::from_slice::<Problem>(body).ok().as_ref(), Some(&**p));
                    }
                }
                ClientError::Decode(_) => assert!((200..300).contains(&status), "{status}: only a 2xx body is decoded"),
                other => panic!("decoding an answer cannot fail with {other:?}"),
            }
            None
        }
        Ok(value) => {
            assert!((200..300).contains(&status), "{status} decoded as a success");
            // What decoded is a value the contract can carry: sent again, it reads back the same.
            let again = serde_json::to_vec(value).expect("a decoded answer serializes");
            let back = decode_answer::<T>(status, None, &again);
            assert_eq!(back.as_ref().ok(), Some(value), "a decoded answer reads back the same: {back:?}");
            answer.ok()
        }
    }
}

/// Every answer type the client reads, under one status.
fn check_all_types(status: u16, retry_after: Option<&[u8]>, body: &[u8]) {
    check_answer::<ChangePage>(status, retry_after, body);
    check_answer::<MutationBatchResult>(status, retry_after, body);
    check_answer::<TokenResponse>(status, retry_after, body);
    check_answer::<Problem>(status, retry_after, body);
    check_answer::<OrderCounts>(status, retry_after, body);
    check_answer::<UploadStatus>(status, retry_after, body);
}

// ---------------------------------------------------------------------------------------------
// Statuses, headers and odd values.

fn any_status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => select(vec![200u16, 201, 204, 299, 301, 304, 400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 502, 503]),
        1 => any::<u16>(),
    ]
}

fn success_status() -> impl Strategy<Value = u16> {
    prop_oneof![4 => Just(200u16), 1 => 200u16..300]
}

fn failure_status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => select(vec![400u16, 404, 409, 413, 415, 422, 429, 500, 502, 503]),
        1 => any::<u16>().prop_filter("not a success or a 401", |s| !(200..300).contains(s) && *s != 401),
    ]
}

fn retry_after_header() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        2 => Just(None),
        1 => (0u64..100_000).prop_map(|n| Some(n.to_string().into_bytes())),
        1 => select(vec![
            " 120 ", "18446744073709551615", "18446744073709551616", "-1", "+5", "1.5", "", "Wed, 21 Oct 2015 07:28:00 GMT",
            "\u{661}\u{662}", "0x10", "1e3",
        ])
        .prop_map(|s| Some(s.as_bytes().to_vec())),
        1 => vec(any::<u8>(), 0..24).prop_map(Some),
    ]
}

/// Strings a careless decoder trips on: empty, blank, control characters, a byte-order mark,
/// bidi overrides, combining marks, joiners, the last code point, escapes.
const ODD_STRINGS: &[&str] = &[
    "",
    " ",
    "\t\n\r",
    "\u{0}",
    "\u{1}\u{1f}\u{7f}",
    "\u{feff}x",
    "\u{202e}gnp.exe",
    "e\u{301}\u{301}\u{301}",
    "👩\u{200d}👩\u{200d}👧\u{200d}👦",
    "\u{fffd}\u{fffe}\u{ffff}",
    "\u{10ffff}",
    "İıǅß",
    "\\\"/\u{8}\u{c}",
    "a\u{200b}b\u{2028}c\u{2029}",
    "Қазақстан Республикасы",
    "𝕳𝖊𝖑𝖑𝖔",
];

fn odd_string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 _.-]{0,12}",
        2 => select(ODD_STRINGS).prop_map(str::to_owned),
        1 => "\\PC{0,10}",
        1 => any::<String>().prop_map(|s| s.chars().take(16).collect()),
    ]
}

fn sha256() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[0-9a-f]{64}", 1 => odd_string()]
}

/// Instants in the contract's years (1900..=9999; outside them a page is refused whole, see
/// `dates.rs`).
fn timestamp() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        6 => (0i64..4_102_444_800, 0u32..1_000_000_000),
        2 => (-2_208_988_800i64..253_402_300_799, 0u32..1_000_000_000),
    ]
    .prop_map(|(secs, nanos)| DateTime::from_timestamp(secs, nanos).unwrap_or(DateTime::<Utc>::MAX_UTC))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        4 => (1970i32..2100, 1u32..=366),
        1 => (1900i32..=9999, 1u32..=366),
    ]
    .prop_map(|(y, d)| NaiveDate::from_yo_opt(y, d).or(NaiveDate::from_yo_opt(y, 1)).unwrap_or(NaiveDate::MAX))
}

fn money() -> impl Strategy<Value = i64> {
    prop_oneof![4 => 1i64..100_000_000, 1 => any::<i64>(), 1 => select(vec![0i64, -1, i64::MIN, i64::MAX])]
}

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![4 => 0u64..10_000, 1 => any::<u64>()]
}

// ---------------------------------------------------------------------------------------------
// Valid answers.

fn policy() -> impl Strategy<Value = PolicyTerms> {
    let term = (any::<u32>(), prop_oneof![Just(PolicyBasis::Published), Just(PolicyBasis::Default)])
        .prop_map(|(days, basis)| PolicyTerm { days, basis });
    (term.clone(), term.clone(), term.clone(), term).prop_map(|(a, d, c, p)| PolicyTerms {
        acceptance_window: a,
        delivery_term: d,
        confirmation_window: c,
        payment_term: p,
    })
}

fn localized() -> impl Strategy<Value = LocalizedText> {
    (odd_string(), odd_string(), odd_string()).prop_map(|(kk, ru, en)| LocalizedText { kk, ru, en })
}

fn classifier() -> impl Strategy<Value = ClassifierItem> {
    (odd_string(), select(Category::ALL.to_vec()), localized(), odd_string(), money(), any::<bool>(), any::<u32>())
        .prop_map(|(code, category, name, unit, limit_price_tiyn, needs_fitting, warranty_months)| ClassifierItem {
            code,
            category,
            name,
            unit,
            limit_price_tiyn,
            needs_fitting,
            warranty_months,
        })
}

fn offering() -> impl Strategy<Value = Offering> {
    let region = prop_oneof![select(vec!["KZ-ALA", "KZ-AST", "KZ-SHY"]).prop_map(str::to_owned), odd_string()];
    let stock = vec((region.clone(), money()).prop_map(|(region, quantity)| RegionStock { region, quantity }), 0..4);
    (
        (odd_string(), odd_string(), money(), money(), vec(region, 0..4), stock),
        (any::<u32>(), odd_string(), any::<bool>(), timestamp(), proptest::option::of(vec(sha256(), 0..3))),
        (proptest::option::of(odd_string()), proptest::option::of(odd_string())),
    )
        .prop_map(
            |(
                (id, classifier_code, price_tiyn, stock, regions, stock_by_region),
                (warranty_months, description, published, updated_at, photos),
                (model, manufacturer),
            )| {
                Offering {
                    id,
                    classifier_code,
                    price_tiyn,
                    stock,
                    regions,
                    stock_by_region,
                    warranty_months,
                    description,
                    published,
                    updated_at,
                    photos,
                    model,
                    manufacturer,
                }
            },
        )
}

fn order() -> impl Strategy<Value = Order> {
    let participant = (odd_string(), odd_string(), odd_string(), odd_string(), odd_string())
        .prop_map(|(id, full_name, region, phone, address)| Participant { id, full_name, region, phone, address });
    let line = (odd_string(), odd_string(), any::<u32>(), money()).prop_map(
        |(classifier_code, offering_id, quantity, unit_price_tiyn)| OrderLine {
            classifier_code,
            offering_id,
            quantity,
            unit_price_tiyn,
        },
    );
    let measurement =
        (odd_string(), odd_string(), odd_string()).prop_map(|(name, value, unit)| Measurement { name, value, unit });
    let session = (odd_string(), date(), odd_string(), odd_string(), vec(measurement, 0..3)).prop_map(
        |(id, session_on, technician, notes, measurements)| FittingSession {
            id,
            session_on,
            technician,
            notes,
            measurements,
        },
    );
    let mark = (odd_string(), date(), odd_string(), vec(odd_string(), 0..3), odd_string(), date()).prop_map(
        |(id, fitted_on, technician, serial_numbers, adjustments, warranty_start)| FittingMark {
            id,
            fitted_on,
            technician,
            serial_numbers,
            adjustments,
            warranty_start,
        },
    );
    let service = (
        odd_string(),
        date(),
        select(vec![WarrantyServiceKind::Repair, WarrantyServiceKind::Replacement]),
        odd_string(),
        proptest::option::of(odd_string()),
        odd_string(),
    )
        .prop_map(|(id, serviced_on, kind, serial_number, new_serial_number, notes)| WarrantyService {
            id,
            serviced_on,
            kind,
            serial_number,
            new_serial_number,
            notes,
        });
    (
        (odd_string(), odd_string(), select(OrderStatus::ALL.to_vec()), participant, vec(line, 0..4)),
        (timestamp(), timestamp(), proptest::option::of(timestamp()), timestamp()),
        (vec(session, 0..2), vec(mark, 0..2), proptest::option::of(odd_string()), proptest::option::of(odd_string())),
        vec(service, 0..2),
    )
        .prop_map(
            |(
                (id, number, status, participant, lines),
                (placed_at, accept_by, deliver_by, updated_at),
                (fitting_sessions, fittings, assignee, refusal_reason),
                warranty_services,
            )| Order {
                id,
                number,
                status,
                participant,
                lines,
                placed_at,
                accept_by,
                deliver_by,
                updated_at,
                fitting_sessions,
                fittings,
                warranty_services,
                assignee,
                refusal_reason,
                // An optional instant like the delivery deadline: reusing its values covers both.
                confirmed_at: deliver_by,
            },
        )
}

fn entity() -> impl Strategy<Value = Entity> {
    prop_oneof![
        1 => policy().prop_map(Entity::Policy),
        1 => classifier().prop_map(Entity::Classifier),
        2 => offering().prop_map(Entity::Offering),
        2 => order().prop_map(Entity::Order),
    ]
}

fn change_page() -> impl Strategy<Value = ChangePage> {
    (
        vec(
            (count(), entity(), proptest::option::of(count())).prop_map(|(seq, entity, includes_device_seq)| Change {
                seq,
                entity,
                includes_device_seq,
            }),
            0..4,
        ),
        count(),
        any::<bool>(),
        count(),
    )
        .prop_map(|(changes, next_after, has_more, head)| ChangePage { changes, next_after, has_more, head })
}

fn mutation_batch_result() -> impl Strategy<Value = MutationBatchResult> {
    let reasons = vec![
        RejectReason::OrderNotFound,
        RejectReason::TransitionRefused,
        RejectReason::AcceptanceWindowClosed,
        RejectReason::OfferingNotFound,
        RejectReason::OfferingExists,
        RejectReason::ClassifierNotFound,
        RejectReason::PriceAboveLimit,
        RejectReason::StockWouldGoNegative,
        RejectReason::InvalidInput,
        RejectReason::IdReused,
        RejectReason::AttachmentMissing,
        RejectReason::SerialOfAnotherSupplier,
        RejectReason::SerialNotFound,
        RejectReason::OutOfWarranty,
    ];
    let outcome = prop_oneof![
        Just(MutationOutcome::Applied),
        (select(reasons), odd_string()).prop_map(|(reason, message)| MutationOutcome::Rejected { reason, message }),
        odd_string().prop_map(|message| MutationOutcome::Retryable { message }),
    ];
    vec((odd_string(), outcome).prop_map(|(id, outcome)| MutationResult { id, outcome }), 0..6)
        .prop_map(|results| MutationBatchResult { results })
}

fn token_response() -> impl Strategy<Value = TokenResponse> {
    (odd_string(), timestamp(), odd_string()).prop_map(|(token, expires_at, supplier_name)| TokenResponse {
        token,
        expires_at,
        supplier_name,
    })
}

fn problem() -> impl Strategy<Value = Problem> {
    let field_error = (odd_string(), odd_string()).prop_map(|(field, message)| FieldError { field, message });
    (odd_string(), odd_string(), any::<u16>(), proptest::option::of(odd_string()), odd_string(), vec(field_error, 0..3))
        .prop_map(|(kind, title, status, detail, code, errors)| Problem { kind, title, status, detail, code, errors })
}

fn order_counts() -> impl Strategy<Value = OrderCounts> {
    let entry = (select(OrderStatus::ALL.to_vec()), count()).prop_map(|(status, count)| StatusCount { status, count });
    (count(), count(), vec(entry, 0..15)).prop_map(|(open, total, by_status)| OrderCounts { open, total, by_status })
}

fn upload_status() -> impl Strategy<Value = UploadStatus> {
    (sha256(), count(), any::<bool>()).prop_map(|(sha256, received, complete)| UploadStatus {
        sha256,
        received,
        complete,
    })
}

// ---------------------------------------------------------------------------------------------
// Mutations of a valid answer.

/// One edit of a JSON document, at the node `at` picks (modulo the number of nodes).
#[derive(Debug, Clone)]
enum Edit {
    /// Removes the node from its object or array (the whole document becomes `null`).
    Drop,
    /// Puts a value of another type in its place.
    WrongType(Value),
    /// Puts a number no field can hold in its place.
    Huge(Value),
    /// Puts an odd string in its place.
    OddString(String),
    /// Wraps it in `depth` arrays or objects.
    Nest { depth: usize, in_objects: bool },
    /// Adds a field the contract does not know to it (when it is an object).
    Unknown(String, Value),
}

fn edit() -> impl Strategy<Value = (usize, Edit)> {
    let wrong = select(vec![
        json!(null),
        json!(true),
        json!(0),
        json!(-1),
        json!(1.5),
        json!("7"),
        json!([]),
        json!({}),
        json!([1, "a"]),
    ]);
    let huge = select(vec![
        json!(u64::MAX),
        json!(i64::MIN),
        json!(f64::MAX),
        json!(f64::MIN_POSITIVE),
        json!(-0.0),
        json!(1e300),
        json!(4_294_967_296u64),
        json!(65_536),
        json!(9_223_372_036_854_775_807i64),
    ]);
    let edit = prop_oneof![
        3 => Just(Edit::Drop),
        3 => wrong.prop_map(Edit::WrongType),
        2 => huge.prop_map(Edit::Huge),
        2 => odd_string().prop_map(Edit::OddString),
        1 => (1usize..300, any::<bool>()).prop_map(|(depth, in_objects)| Edit::Nest { depth, in_objects }),
        1 => (odd_string(), wrong_or_string()).prop_map(|(k, v)| Edit::Unknown(k, v)),
    ];
    (any::<usize>(), edit)
}

fn wrong_or_string() -> impl Strategy<Value = Value> {
    prop_oneof![Just(json!(null)), Just(json!(1)), odd_string().prop_map(Value::String)]
}

/// A step from a node to one of its children.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn paths(v: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                at.push(Step::Key(k.clone()));
                paths(child, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                at.push(Step::Index(i));
                paths(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn node<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

fn apply(doc: &mut Value, (at, edit): &(usize, Edit)) {
    let mut all = Vec::new();
    paths(doc, &mut Vec::new(), &mut all);
    let path = &all[at % all.len()];
    match edit {
        Edit::Drop => match path.split_last() {
            None => *doc = Value::Null,
            Some((last, parent)) => match (node(doc, parent), last) {
                (Value::Object(m), Step::Key(k)) => {
                    m.remove(k);
                }
                (Value::Array(a), Step::Index(i)) => {
                    a.remove(*i);
                }
                _ => unreachable!("a path leads through objects and arrays"),
            },
        },
        Edit::WrongType(v) | Edit::Huge(v) => *node(doc, path) = v.clone(),
        Edit::OddString(s) => *node(doc, path) = Value::String(s.clone()),
        Edit::Nest { depth, in_objects } => {
            let target = node(doc, path);
            let mut v = target.take();
            for _ in 0..*depth {
                v = if *in_objects {
                    Value::Object(Map::from_iter([("data".to_owned(), v)]))
                } else {
                    Value::Array(vec![v])
                };
            }
            *target = v;
        }
        Edit::Unknown(k, v) => {
            if let Value::Object(m) = node(doc, path) {
                m.insert(k.clone(), v.clone());
            }
        }
    }
}

/// An edit of the document's text: what a cut connection or a broken proxy does.
#[derive(Debug, Clone)]
enum TextEdit {
    None,
    /// Cut at a position (modulo the length).
    Truncate(usize),
    /// Splices bytes in at a position.
    Insert(usize, Vec<u8>),
    /// Replaces the first number at or after a position with a token.
    Number(usize, &'static str),
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    let tokens = select(vec![
        "1e999",
        "-1e999",
        "-0",
        "18446744073709551616",
        "-9223372036854775809",
        "0.0000000000000000000000001",
        "1E+2",
        "00",
        "NaN",
        "Infinity",
        "0x1F",
    ]);
    let splice = prop_oneof![
        select(vec![
            &b"\"\\ud800\""[..],
            b"\"\\udfff\\ud800\"",
            b"\"\\u0000\"",
            b"\xff\xfe",
            b"\xc3\x28",
            b"\xed\xa0\x80",
            b"{",
            b"]",
            b",",
            b":",
            b"\"",
            b"\\",
            b"\0",
            b" \t\r\n",
        ])
        .prop_map(<[u8]>::to_vec),
        (1usize..20_000).prop_map(|n| [vec![b'['; n], vec![b']'; n]].concat()),
        (1usize..20_000).prop_map(|n| [b"{\"a\":".repeat(n), vec![b'}'; n]].concat()),
        vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        6 => Just(TextEdit::None),
        1 => any::<usize>().prop_map(TextEdit::Truncate),
        2 => (any::<usize>(), splice).prop_map(|(at, bytes)| TextEdit::Insert(at, bytes)),
        1 => (any::<usize>(), tokens).prop_map(|(at, token)| TextEdit::Number(at, token)),
    ]
}

fn apply_text(mut text: Vec<u8>, edit: &TextEdit) -> Vec<u8> {
    match edit {
        TextEdit::None => {}
        TextEdit::Truncate(at) => text.truncate(at % (text.len() + 1)),
        TextEdit::Insert(at, bytes) => {
            let at = at % (text.len() + 1);
            text.splice(at..at, bytes.iter().copied());
        }
        TextEdit::Number(at, token) => {
            let from = at % (text.len() + 1);
            if let Some(start) = text[from..].iter().position(u8::is_ascii_digit).map(|p| p + from) {
                let end = text[start..].iter().position(|b| !b.is_ascii_digit()).map_or(text.len(), |p| p + start);
                text.splice(start..end, token.bytes());
            }
        }
    }
    text
}

/// Encodes `value`, applies the edits, and checks the answer as a success and as a failure.
fn check_mutated<T: DeserializeOwned + Serialize + PartialEq + Debug>(
    value: &T,
    edits: &[(usize, Edit)],
    text: &TextEdit,
    ok: u16,
    failed: u16,
    retry_after: Option<&[u8]>,
) {
    let mut doc = serde_json::to_value(value).expect("a valid answer is JSON");
    for e in edits {
        apply(&mut doc, e);
    }
    let body = apply_text(serde_json::to_vec(&doc).expect("JSON"), text);
    let decoded = check_answer::<T>(ok, retry_after, &body);
    if edits.is_empty() && matches!(text, TextEdit::None) {
        assert_eq!(decoded.as_ref(), Some(value), "an untouched answer decodes to what was sent");
    }
    check_answer::<T>(failed, retry_after, &body);
    check_answer::<Problem>(failed, retry_after, &body);
}

fn edits() -> impl Strategy<Value = Vec<(usize, Edit)>> {
    vec(edit(), 0..4)
}

// ---------------------------------------------------------------------------------------------
// The properties.

proptest! {
    // 40,000 cases: any bytes, any status, any Retry-After, read as every answer type.
    #![proptest_config(ProptestConfig { cases: 40_000, ..ProptestConfig::default() })]
    #[test]
    fn arbitrary_bytes_give_a_typed_answer(status in any_status(), retry_after in retry_after_header(), body in vec(any::<u8>(), 0..256)) {
        check_all_types(status, retry_after.as_deref(), &body);
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        odd_string().prop_map(Value::String),
    ];
    let keys = select(vec![
        "changes",
        "next_after",
        "has_more",
        "head",
        "seq",
        "entity",
        "kind",
        "data",
        "results",
        "id",
        "outcome",
        "reason",
        "message",
        "token",
        "expires_at",
        "supplier_name",
        "type",
        "title",
        "status",
        "code",
        "errors",
        "open",
        "total",
        "by_status",
        "count",
        "sha256",
        "received",
        "complete",
    ]);
    leaf.prop_recursive(6, 64, 8, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..8).prop_map(Value::Array),
            vec((keys.clone(), inner), 0..8)
                .prop_map(|fields| Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

proptest! {
    // 15,000 cases: any JSON document made of the contract's field names, as every answer type.
    #![proptest_config(ProptestConfig { cases: 15_000, ..ProptestConfig::default() })]
    #[test]
    fn arbitrary_json_gives_a_typed_answer(status in any_status(), doc in json_value()) {
        check_all_types(status, None, &serde_json::to_vec(&doc).expect("JSON"));
    }
}

proptest! {
    // 30,000 cases: change pages of every kind of entity, mutated.
    #![proptest_config(ProptestConfig { cases: 30_000, ..ProptestConfig::default() })]
    #[test]
    fn mutated_change_pages_give_a_typed_answer(
        page in change_page(), edits in edits(), text in text_edit(),
        ok in success_status(), failed in failure_status(), retry_after in retry_after_header(),
    ) {
        check_mutated(&page, &edits, &text, ok, failed, retry_after.as_deref());
    }
}

proptest! {
    // 36,000 cases: 9,000 each of mutation results, tokens, problems, and order counts with
    // upload statuses, mutated.
    #![proptest_config(ProptestConfig { cases: 9_000, ..ProptestConfig::default() })]
    #[test]
    fn mutated_mutation_results_give_a_typed_answer(
        value in mutation_batch_result(), edits in edits(), text in text_edit(), ok in success_status(), failed in failure_status(),
    ) {
        check_mutated(&value, &edits, &text, ok, failed, None);
    }

    #[test]
    fn mutated_tokens_give_a_typed_answer(
        value in token_response(), edits in edits(), text in text_edit(), ok in success_status(), failed in failure_status(),
    ) {
        check_mutated(&value, &edits, &text, ok, failed, None);
    }

    #[test]
    fn mutated_problems_give_a_typed_answer(
        value in problem(), edits in edits(), text in text_edit(), ok in success_status(), failed in failure_status(),
        retry_after in retry_after_header(),
    ) {
        check_mutated(&value, &edits, &text, ok, failed, retry_after.as_deref());
        // An unedited problem under a failure status is read as its details.
        let body = serde_json::to_vec(&value).expect("JSON");
        match decode_answer::<ChangePage>(failed, None, &body) {
            Err(ClientError::Status { problem: Some(p), .. }) => prop_assert_eq!(*p, value),
            other => prop_assert!(false, "a problem body under {} gave {:?}", failed, other),
        }
    }

    #[test]
    fn mutated_counts_and_upload_statuses_give_a_typed_answer(
        counts in order_counts(), upload in upload_status(), edits in edits(), text in text_edit(),
        ok in success_status(), failed in failure_status(),
    ) {
        check_mutated(&counts, &edits, &text, ok, failed, None);
        check_mutated(&upload, &edits, &text, ok, failed, None);
    }
}
