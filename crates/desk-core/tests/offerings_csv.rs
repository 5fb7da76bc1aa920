//! CSV import and export of offerings on real SQLite files: every bad row reported with its line,
//! nothing applied from a bad file, and an export that imports back as updates.

mod common;

use common::staff;
use desk_core::access::Role;

use common::*;
use desk_core::access::Actor;
use desk_core::{ImportError, ImportReport, RowError, Store};
use portal_api::{MutationBody, RegionStock};

const HEADER: &str = "classifier_code,price,stock,regions,warranty_months,published,description";
/// What an export's header says: the columns with `id` first, the model and manufacturer last.
const EXPORT_HEADER: &str =
    "id,classifier_code,price,stock,regions,warranty_months,published,description,model,manufacturer";

fn office() -> Actor {
    staff::actor(Role::Office)
}

fn import(store: &mut Store, csv: &str) -> Result<ImportReport, ImportError> {
    store.import_offerings_csv(&office(), csv.as_bytes())
}

fn bad_rows(store: &mut Store, csv: &str) -> Vec<RowError> {
    match import(store, csv) {
        Err(ImportError::BadRows(rows)) => rows,
        other => panic!("expected bad rows, got {other:?}"),
    }
}

/// Everything an import could touch: the offerings as exported, the outbox, the audit log and
/// the next device sequence number.
fn snapshot(dir: &tempfile::TempDir, store: &Store) -> (String, i64, i64, i64) {
    let conn = raw(dir);
    let seq = conn.query_row("SELECT next_device_seq FROM sync_state", [], |r| r.get(0)).expect("seq");
    (store.offerings_csv().expect("export"), count(&conn, "outbox"), count(&conn, "audit_log"), seq)
}

fn queued(store: &Store) -> Vec<MutationBody> {
    store.pending_batch(100).expect("batch").mutations.into_iter().map(|m| m.body).collect()
}

#[test]
fn bad_rows_are_all_reported_with_their_lines_and_nothing_is_applied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let before = snapshot(&dir, &store);
    // Line 2 is good, 3 is bad, 4-5 is one good row with a line break in its description, 6 is bad.
    let csv = format!(
        "{HEADER}\n\
         TSR-01-001,1 000 000,2,KZ-ALA,24,true,good\n\
         TSR-01-001,2 000 000,1,KZ-ALA;KZ-XXX,24,true,above the limit\n\
         TSR-01-001,\"900 000,50\",1,KZ-AST,24,no,\"two\nlines\"\n\
         NOPE-1,1000,-1,KZ-AST,12,yes,unknown item\n"
    );
    let rows = bad_rows(&mut store, &csv);
    let found: Vec<(u64, Option<&str>)> = rows.iter().map(|r| (r.line, r.field.as_deref())).collect();
    assert_eq!(
        found,
        [(3, Some("price")), (3, Some("regions")), (6, Some("classifier_code")), (6, Some("stock"))],
        "{rows:#?}"
    );
    assert!(
        rows[0].message.text.contains("above the classifier's limit price of 1\u{a0}500\u{a0}000,00"),
        "{}",
        rows[0]
    );
    assert!(rows[1].message.text.contains("KZ-XXX"), "{}", rows[1]);
    assert!(rows[2].message.text.contains("NOPE-1 is not in the classifier"), "{}", rows[2]);
    assert_eq!(rows[3].to_string(), "line 6: stock: cannot be negative, found -1");
    assert_eq!(snapshot(&dir, &store), before, "offerings, outbox and audit log unchanged");
}

#[test]
fn each_kind_of_problem_names_its_column_and_what_was_expected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let before = snapshot(&dir, &store);
    let id_header = format!("id,{HEADER}");
    let cases: [(&str, &str, Option<&str>, &str); 14] = [
        (HEADER, "TSR-01-001,1000,1,KZ-ALA,24,true", None, "expected 7 columns as in the header, found 6"),
        (HEADER, "TSR-01-001,12a,1,KZ-ALA,24,true,x", Some("price"), "'12a' is not an amount of tenge"),
        (HEADER, "TSR-01-001,0,1,KZ-ALA,24,true,x", Some("price"), "above zero"),
        (
            HEADER,
            "TSR-01-001,1000,2.5,KZ-ALA,24,true,x",
            Some("stock"),
            "expected a whole number, or REGION=NUMBER separated by ';' (KZ-ALA=5;KZ-AST=3), found '2.5'",
        ),
        (
            HEADER,
            "TSR-01-001,1000,3,KZ-ALA;KZ-AST,24,true,x",
            Some("stock"),
            "give the stock of each, e.g. `KZ-ALA=3;KZ-AST=3`",
        ),
        (
            HEADER,
            "TSR-01-001,1000,KZ-ALA=1;KZ-KAR=2,KZ-ALA,24,true,x",
            Some("stock"),
            "KZ-KAR is not one of the row's regions",
        ),
        (HEADER, "TSR-01-001,1000,1,KZ-ALA;kz-ala,24,true,x", Some("regions"), "KZ-ALA is named twice"),
        (
            HEADER,
            "TSR-01-001,1000,KZ-ALA=9223372036854775807;KZ-AST=1,KZ-ALA;KZ-AST,24,true,x",
            Some("stock"),
            "more than can be counted",
        ),
        (HEADER, "TSR-01-001,1000,1,KZ-ALA,-3,true,x", Some("warranty_months"), "whole number of months, found '-3'"),
        (HEADER, "TSR-01-001,1000,1,KZ-ALA,24,maybe,x", Some("published"), "expected true or false"),
        (HEADER, ",1000,1,KZ-ALA,24,true,x", Some("classifier_code"), "is empty"),
        (&id_header, "off-9,TSR-01-001,1000,1,KZ-ALA,24,true,x", Some("id"), "no offering with id off-9"),
        (&id_header, "off-1,OTHER,1000,1,KZ-ALA,24,true,x", Some("classifier_code"), "the offering is for TSR-01-001"),
        ("classifier_code,price,stock", "TSR-01-001,1000,1", None, "the header must be"),
    ];
    for (header, row, field, message) in cases {
        let rows = bad_rows(&mut store, &format!("{header}\n{row}\n"));
        let expected_line = if message.starts_with("the header") { 1 } else { 2 };
        let problem = rows.iter().find(|r| r.field.as_deref() == field && r.message.text.contains(message));
        assert!(problem.is_some_and(|p| p.line == expected_line), "{row}: {rows:#?}");
    }
    let twice =
        format!("{id_header}\noff-1,TSR-01-001,1000,1,KZ-ALA,24,true,x\noff-1,TSR-01-001,1000,2,KZ-ALA,24,true,x\n");
    let rows = bad_rows(&mut store, &twice);
    assert_eq!(
        rows.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["line 3: id: offering off-1 is already on line 2"]
    );
    assert_eq!(bad_rows(&mut store, "")[0].to_string(), "line 1: the file is empty; a header row is required");
    assert_eq!(snapshot(&dir, &store), before);
}

#[test]
fn a_good_file_creates_offerings_each_with_its_outbox_and_audit_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let csv = format!(
        "\u{feff}{HEADER}\n\
         TSR-01-001,\"1 250 000,50 ₸\",kz-ast=1; KZ-ALA=3,KZ-ALA; kz-ast,24,yes,С гарантией\n\
         TSR-01-001,999999.99,0,,36,0,\n"
    );
    let report = import(&mut store, &csv).expect("import");
    assert_eq!(report, ImportReport { created: 2, updated: 0, unchanged: 0 });
    let bodies = queued(&store);
    let [
        MutationBody::CreateOffering {
            price_tiyn: p1,
            stock: 4,
            regions: r1,
            stock_by_region: s1,
            published: true,
            description: d1,
            ..
        },
        MutationBody::CreateOffering {
            price_tiyn: p2,
            stock: 0,
            regions: r2,
            published: false,
            warranty_months: 36,
            ..
        },
    ] = bodies.as_slice()
    else {
        panic!("two creations expected: {bodies:#?}")
    };
    assert_eq!((*p1, *p2), (125_000_050, 99_999_999));
    assert_eq!((r1.as_slice(), r2.as_slice()), (["KZ-ALA".to_owned(), "KZ-AST".to_owned()].as_slice(), [].as_slice()));
    assert_eq!(d1, "С гарантией");
    let rs = |region: &str, quantity| RegionStock { region: region.into(), quantity };
    assert_eq!(s1, &vec![rs("KZ-AST", 1), rs("KZ-ALA", 3)]);
    let row = store.offerings().expect("offerings").into_iter().find(|o| o.price_tiyn == 125_000_050).expect("created");
    assert_eq!(row.stock_by_region, vec![rs("KZ-ALA", 3), rs("KZ-AST", 1)], "in the order of the regions");
    let conn = raw(&dir);
    assert_eq!((count(&conn, "offerings"), count(&conn, "outbox"), count(&conn, "audit_log")), (3, 2, 2));
    let actors: i64 = conn
        .query_row("SELECT count(*) FROM audit_log WHERE actor = 'office' AND action = 'create_offering'", [], |r| {
            r.get(0)
        })
        .expect("audit");
    assert_eq!(actors, 2);
}

#[test]
fn an_export_imports_back_as_updates_of_what_changed_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    import(&mut store, &format!("{HEADER}\nTSR-01-001,1000,1,KZ-AST,12,false,\"quoted, with a comma\"\n"))
        .expect("create");
    let exported = store.offerings_csv().expect("export");
    assert!(exported.starts_with(&format!("{EXPORT_HEADER}\n")), "{exported}");
    let queued_before = queued(&store).len();

    assert_eq!(
        import(&mut store, &exported).expect("re-import"),
        ImportReport { created: 0, updated: 0, unchanged: 2 }
    );
    assert_eq!(queued(&store).len(), queued_before, "an unchanged file queues nothing");

    // The supplier edits the seeded offering's price and stock in a spreadsheet.
    let mut edited = csv::Writer::from_writer(Vec::new());
    for record in csv::Reader::from_reader(exported.as_bytes()).into_records() {
        let mut fields: Vec<String> = record.expect("record").iter().map(str::to_owned).collect();
        if fields[0] == "off-1" {
            fields[2] = "1 100 000".into();
            fields[3] = "5".into();
        }
        edited.write_record(&fields).expect("write");
    }
    let edited = format!("{EXPORT_HEADER}\n{}", String::from_utf8(edited.into_inner().expect("flush")).expect("utf-8"));
    assert_eq!(
        import(&mut store, &edited).expect("import edits"),
        ImportReport { created: 0, updated: 1, unchanged: 1 }
    );

    let offerings = store.offerings().expect("offerings");
    assert_eq!(offerings.len(), 2, "no duplicates");
    let off1 = offerings.iter().find(|o| o.id == "off-1").expect("off-1");
    assert_eq!((off1.price_tiyn, off1.stock), (110_000_000, 5));
    let bodies = queued(&store);
    assert_eq!(
        bodies[queued_before..],
        [
            MutationBody::ChangeStock { offering_id: "off-1".into(), delta: 2, region: Some("KZ-ALA".into()) },
            MutationBody::UpdateOffering {
                offering_id: "off-1".into(),
                price_tiyn: Some(110_000_000),
                regions: None,
                warranty_months: None,
                description: None,
                published: None,
                photos: None,
                model: None,
                manufacturer: None,
            },
        ]
    );
    let again = store.offerings_csv().expect("export again");
    assert!(again.contains(",KZ-ALA=5,KZ-ALA,"), "the stock is exported per region: {again}");
    assert_eq!(import(&mut store, &again).expect("re-import"), ImportReport { created: 0, updated: 0, unchanged: 2 });
}

#[test]
fn a_failure_while_applying_leaves_no_row_applied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let before = snapshot(&dir, &store);
    raw(&dir)
        .execute_batch(
            "CREATE TRIGGER fail_second BEFORE INSERT ON outbox WHEN (SELECT count(*) FROM outbox) >= 1
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        )
        .expect("trigger");
    let csv = format!("{HEADER}\nTSR-01-001,1000,1,KZ-ALA,24,true,a\nTSR-01-001,2000,1,KZ-ALA,24,true,b\n");
    let err = import(&mut store, &csv).expect_err("the second row fails");
    assert!(matches!(&err, ImportError::Store(_)) && err.to_string().contains("injected failure"), "{err}");
    assert_eq!(snapshot(&dir, &store), before, "the first row was rolled back with the second");
}

#[test]
fn a_row_drops_a_region_only_once_its_stock_is_emptied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let id_header = format!("id,{HEADER}");
    // off-1 holds 3 in KZ-ALA; the row moves it to KZ-AST without saying what becomes of them.
    let before = snapshot(&dir, &store);
    let rows = bad_rows(&mut store, &format!("{id_header}\noff-1,TSR-01-001,1 200 000,KZ-AST=3,KZ-AST,24,true,\n"));
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!((rows[0].line, rows[0].field.as_deref()), (2, Some("regions")));
    assert!(rows[0].message.text.contains("KZ-ALA still holds 3"), "{}", rows[0]);
    assert_eq!(snapshot(&dir, &store), before);
    // Naming KZ-ALA with 0 empties it first.
    let csv = format!("{id_header}\noff-1,TSR-01-001,1 200 000,KZ-AST=3;KZ-ALA=0,KZ-AST,24,true,\n");
    assert_eq!(import(&mut store, &csv).expect("import"), ImportReport { created: 0, updated: 1, unchanged: 0 });
    let off1 = store.offerings().expect("offerings").into_iter().find(|o| o.id == "off-1").expect("off-1");
    assert_eq!(off1.stock_by_region, vec![RegionStock { region: "KZ-AST".into(), quantity: 3 }]);
}

/// The model and manufacturer of each offering, by id.
fn naming(store: &Store) -> Vec<(String, Option<String>, Option<String>)> {
    let mut rows: Vec<_> =
        store.offerings().expect("offerings").into_iter().map(|o| (o.id, o.model, o.manufacturer)).collect();
    rows.sort();
    rows
}

#[test]
fn the_model_and_manufacturer_columns_export_and_import_and_older_files_keep_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let csv = format!(
        "{HEADER},model,manufacturer\n\
         TSR-01-001,1000,1,KZ-AST,12,true,a,  Ottobock Trias 1C30 ,\"Ottobock SE & Co. KGaA\"\n\
         TSR-01-001,2000,1,KZ-AST,12,true,b,,\n"
    );
    assert_eq!(import(&mut store, &csv).expect("import"), ImportReport { created: 2, updated: 0, unchanged: 0 });
    let created: Vec<(Option<String>, Option<String>)> = queued(&store)
        .into_iter()
        .map(|b| match b {
            MutationBody::CreateOffering { model, manufacturer, .. } => (model, manufacturer),
            other => panic!("a creation expected: {other:?}"),
        })
        .collect();
    let trias = (Some("Ottobock Trias 1C30".to_owned()), Some("Ottobock SE & Co. KGaA".to_owned()));
    assert_eq!(created, [trias.clone(), (None, None)], "trimmed, blank for none");

    let exported = store.offerings_csv().expect("export");
    assert!(exported.starts_with(&format!("{EXPORT_HEADER}\n")), "{exported}");
    assert!(exported.contains(",a,Ottobock Trias 1C30,Ottobock SE & Co. KGaA\n"), "{exported}");
    assert!(exported.contains(",b,,\n"), "{exported}");
    let queued_before = queued(&store).len();
    let named_before = naming(&store);
    assert_eq!(import(&mut store, &exported).expect("re-import").unchanged, 3);

    // A file exported before models (no such columns) changes nothing of them.
    let mut older = csv::Writer::from_writer(Vec::new());
    for record in csv::Reader::from_reader(exported.as_bytes()).into_records() {
        let record = record.expect("record");
        older.write_record(record.iter().take(8)).expect("write");
    }
    let older = format!("id,{HEADER}\n{}", String::from_utf8(older.into_inner().expect("flush")).expect("utf-8"));
    assert_eq!(import(&mut store, &older).expect("older file"), ImportReport { created: 0, updated: 0, unchanged: 3 });
    assert_eq!((queued(&store).len(), naming(&store)), (queued_before, named_before.clone()));

    // A file with the manufacturer only: a blank cell clears it, the model stays.
    let mut cleared = csv::Writer::from_writer(Vec::new());
    for record in csv::Reader::from_reader(exported.as_bytes()).into_records() {
        let record = record.expect("record");
        let mut fields: Vec<&str> = record.iter().take(8).collect();
        fields.push(if record.get(9) == Some("Ottobock SE & Co. KGaA") { " " } else { record.get(9).unwrap_or("") });
        cleared.write_record(&fields).expect("write");
    }
    let cleared = format!(
        "id,{HEADER},manufacturer\n{}",
        String::from_utf8(cleared.into_inner().expect("flush")).expect("utf-8")
    );
    assert_eq!(import(&mut store, &cleared).expect("cleared"), ImportReport { created: 0, updated: 1, unchanged: 2 });
    let update = queued(&store).pop().expect("the update");
    assert!(
        matches!(&update, MutationBody::UpdateOffering { model: None, manufacturer: Some(m), price_tiyn: None, .. } if m.is_empty()),
        "{update:?}"
    );
    let trias_row = naming(&store).into_iter().find(|(_, model, _)| model.is_some()).expect("the Trias offering");
    assert_eq!((trias_row.1.as_deref(), trias_row.2), (Some("Ottobock Trias 1C30"), None));
}

#[test]
fn a_model_or_manufacturer_too_long_is_a_problem_of_its_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let before = snapshot(&dir, &store);
    let over = "ü".repeat(portal_api::MAX_MODEL_CHARS + 1);
    let at_bound = "ü".repeat(portal_api::MAX_MODEL_CHARS);
    let csv = format!(
        "id,{HEADER},manufacturer,model\n\
         ,TSR-01-001,1000,1,KZ-AST,12,true,a,{at_bound},{at_bound}\n\
         ,TSR-01-001,1000,1,KZ-AST,12,true,b,,{over}\n\
         off-1,TSR-01-001,1000,1,KZ-ALA,12,true,c,{over},\n\
         ,TSR-01-001,1000,1,KZ-AST,12,true,d,Sonova AG\n"
    );
    let rows = bad_rows(&mut store, &csv);
    let too_long = format!(
        "is {} characters long; at most {} are allowed",
        portal_api::MAX_MODEL_CHARS + 1,
        portal_api::MAX_MODEL_CHARS
    );
    assert_eq!(
        rows.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            format!("line 3: model: {too_long}"),
            format!("line 4: manufacturer: {too_long}"),
            "line 5: expected 10 columns as in the header, found 9".to_owned(),
        ]
    );
    assert_eq!(snapshot(&dir, &store), before, "nothing applied");
}
