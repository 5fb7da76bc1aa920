//! The supplier's offerings as CSV: exported to edit in a spreadsheet, imported back as user
//! actions. An import is all or nothing: every row is checked first and any bad row refuses the
//! whole file, so a half-applied price list never reaches the portal.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;

use portal_api::{MAX_MODEL_CHARS, MutationBody, RegionStock, region_stock};
use rusqlite::{OptionalExtension, Transaction};

use super::{NewOffering, OfferingUpdate};
use crate::kernel::access::Actor;
use crate::kernel::error::{ActionError, Problem};
use crate::kernel::model::{ClassifierItem, PriceError, check_price, is_region};
use crate::kernel::money::Money;
use crate::kernel::store::{Store, StoreError};
use crate::replica::act_in;
use crate::replica::stock::{self, StockPlan};

/// The columns after the optional leading `id`, in this order.
const COLUMNS: [&str; 7] =
    ["classifier_code", "price", "stock", "regions", "warranty_months", "published", "description"];
/// Columns a file may add after [`COLUMNS`], in any order. Files exported before offerings had a
/// model lack them; an update from such a file keeps the offering's model and manufacturer.
const OPTIONAL: [&str; 2] = ["model", "manufacturer"];

/// Where a file's columns are, as its header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    /// Whether the first column is `id`.
    with_id: bool,
    /// The index of the `model` and `manufacturer` columns, when the file has them.
    model: Option<usize>,
    manufacturer: Option<usize>,
}

impl Layout {
    fn columns(&self) -> usize {
        usize::from(self.with_id)
            + COLUMNS.len()
            + usize::from(self.model.is_some())
            + usize::from(self.manufacturer.is_some())
    }
}

/// A model or manufacturer cell: `None` when the file has no such column, otherwise the text
/// trimmed (`None` when blank).
type NameCell = Option<Option<String>>;

/// What is wrong with one row. `line` is the file's line number (the header is line 1; a row
/// with a quoted line break is counted from where it starts); `field` is the column's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub field: Option<String>,
    /// Why, as a key the window words and the English for the command line.
    pub message: Problem,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "line {}: {field}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Every bad row of the file; nothing was applied.
    #[error("{} problem(s) in the file; nothing was imported", .0.len())]
    BadRows(Vec<RowError>),
    #[error("could not read the CSV: {0}")]
    Read(csv::Error),
    #[error(transparent)]
    Forbidden(#[from] crate::kernel::access::AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an import did. A row identical to its offering queues nothing and counts as unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Store {
    /// Every offering in the store as CSV, in the columns [`Store::import_offerings_csv`] reads,
    /// with the `id` column so that importing the file back updates instead of duplicating.
    pub fn offerings_csv(&self) -> Result<String, StoreError> {
        // Read from the table, not `offerings()`: that view has no description, and it leaves
        // out an offering whose classifier item the desk does not hold.
        let mut stmt = self.connection().prepare_cached(
            "SELECT id, classifier_code, price_tiyn, stock, regions, warranty_months, published, description,
                    stock_by_region, model, manufacturer
             FROM offerings ORDER BY classifier_code, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut w = csv::Writer::from_writer(Vec::new());
        let export = |e: csv::Error| StoreError::Export(e.to_string());
        w.write_record(std::iter::once("id").chain(COLUMNS).chain(OPTIONAL)).map_err(export)?;
        while let Some(r) = rows.next()? {
            let regions: Vec<String> = serde_json::from_str(&r.get::<_, String>(4)?)?;
            let given: Vec<RegionStock> = serde_json::from_str(&r.get::<_, String>(8)?)?;
            w.write_record([
                r.get::<_, String>(0)?,
                r.get(1)?,
                Money::from_tiyn(r.get(2)?).to_string(),
                stock_text(&region_stock(&regions, r.get(3)?, &given)),
                regions.join(";"),
                r.get::<_, u32>(5)?.to_string(),
                r.get::<_, bool>(6)?.to_string(),
                r.get(7)?,
                r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                r.get::<_, Option<String>>(10)?.unwrap_or_default(),
            ])
            .map_err(export)?;
        }
        let bytes = w.into_inner().map_err(|e| StoreError::Export(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| StoreError::Export(e.to_string()))
    }

    /// Imports offerings from CSV: a row with an `id` updates that offering (its stock through a
    /// stock change, so that changes from other devices still add up), a row without one creates
    /// an offering. Every row is checked first; if any is bad, all problems are returned and
    /// nothing changes. Otherwise every row is applied as a user action (outbox and audit
    /// entries) in one transaction.
    pub fn import_offerings_csv(&mut self, actor: &Actor, input: impl Read) -> Result<ImportReport, ImportError> {
        actor.require(crate::kernel::access::Command::OfferingsImport)?;
        // Flexible: a row's column count is checked below, so that it is reported with its line
        // like any other problem instead of ending the read.
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
        let mut records = reader.records();
        let header = match records.next() {
            Some(header) => header.map_err(bad_record)?,
            None => return Err(bad(1, None, Problem::new("csv_empty", "the file is empty; a header row is required"))),
        };
        let layout = header_layout(&header)?;

        // The rows are checked inside the transaction that applies them, so they are applied to
        // the state they were checked against. Should a sync on another connection commit in
        // between, SQLite refuses the first write (busy) and the import fails whole.
        let tx = self.transaction()?;
        let mut check = Checker { tx: &tx, classifier: HashMap::new(), ids: HashMap::new(), problems: Vec::new() };
        let mut planned = Vec::new();
        for record in records {
            match record {
                Ok(record) => {
                    let line = line_of(&record);
                    if let Some(p) = check.row(line, &record, layout)? {
                        planned.push((line, p));
                    }
                }
                Err(e) => check.problems.push(record_problem(e)?),
            }
        }
        if !check.problems.is_empty() {
            return Err(ImportError::BadRows(check.problems));
        }

        let mut report = ImportReport::default();
        for (line, p) in planned {
            // The rows were checked against this transaction's state; the actions check again,
            // and should they still refuse a row, it is reported as that row's problem.
            let at_line = |e: ActionError| match e {
                ActionError::Invalid { field, message } => bad(line, Some(field), message),
                ActionError::Store(e) => ImportError::Store(e),
                ActionError::Forbidden(e) => ImportError::Forbidden(e),
            };
            match p {
                Planned::Create(o) => {
                    create_body(o).and_then(|body| act_in(&tx, actor, body)).map_err(at_line)?;
                    report.created += 1;
                }
                Planned::Update { id, update, stock } => {
                    let edited = update != OfferingUpdate::default();
                    let edit = edited.then(|| update_body(&id, update));
                    stock::act_with_plan(&tx, actor, &id, &stock, edit).map_err(at_line)?;
                    if edited || !stock.is_empty() {
                        report.updated += 1;
                    } else {
                        report.unchanged += 1;
                    }
                }
            }
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(report)
    }
}

enum Planned {
    Create(NewOffering),
    /// Only the fields that differ from the offering are set, so an unchanged column never
    /// overwrites an edit made on another device.
    Update {
        id: String,
        update: OfferingUpdate,
        stock: StockPlan,
    },
}

/// An offering as the store holds it, to compare an update row with.
struct Existing {
    classifier_code: String,
    price: Money,
    regions: Vec<String>,
    by_region: Vec<RegionStock>,
    warranty_months: u32,
    description: String,
    published: bool,
    model: Option<String>,
    manufacturer: Option<String>,
}

/// Checks rows against the store inside the import's transaction, collecting every problem.
struct Checker<'a> {
    tx: &'a Transaction<'a>,
    classifier: HashMap<String, Option<ClassifierItem>>,
    /// The line each offering id was first seen on, to refuse a second row for it.
    ids: HashMap<String, u64>,
    problems: Vec<RowError>,
}

impl Checker<'_> {
    /// The row's plan, or `None` when it has problems (added to `self.problems`).
    fn row(&mut self, line: u64, record: &csv::StringRecord, layout: Layout) -> Result<Option<Planned>, StoreError> {
        let with_id = layout.with_id;
        let fields: Vec<&str> = record.iter().collect();
        let expected = layout.columns();
        let first = usize::from(with_id);
        let rest = fields.get(first..first + COLUMNS.len()).filter(|_| fields.len() == expected).unwrap_or_default();
        let Ok([code, price, stock, regions, warranty, published, description]) = <[&str; 7]>::try_from(rest) else {
            let message = Problem::new(
                "csv_columns",
                format!("expected {expected} columns as in the header, found {}", fields.len()),
            )
            .with("expected", expected)
            .with("found", fields.len());
            self.problems.push(RowError { line, field: None, message });
            return Ok(None);
        };
        let before = self.problems.len();

        let id = fields.first().filter(|_| with_id).map(|s| s.trim()).filter(|s| !s.is_empty());
        let existing = match id {
            Some(id) => {
                if let Some(first) = self.ids.insert(id.to_owned(), line) {
                    let message = Problem::new("csv_id_twice", format!("offering {id} is already on line {first}"))
                        .with("first", first);
                    self.note(line, "id", message);
                }
                let existing = read_existing(self.tx, id)?;
                if existing.is_none() {
                    let message = Problem::new(
                        "csv_id_unknown",
                        format!("no offering with id {id} in the store (leave id empty to create one)"),
                    );
                    self.note(line, "id", message);
                }
                existing
            }
            None => None,
        };

        let code = code.trim();
        let item = if code.is_empty() {
            self.note(line, "classifier_code", Problem::new("csv_code_empty", "is empty; expected a classifier code"));
            None
        } else {
            self.classifier_item(code)?
        };
        if !code.is_empty() && item.is_none() {
            let message = Problem::new(
                "classifier_unknown",
                format!("{code} is not in the classifier (sync first if it was added recently)"),
            )
            .with("code", code);
            self.note(line, "classifier_code", message);
        }
        if let Some(ex) = &existing
            && ex.classifier_code != code
        {
            let message = Problem::new(
                "csv_code_changed",
                format!(
                    "the offering is for {}; an offering's classifier item cannot change (leave id empty to create one)",
                    ex.classifier_code
                ),
            )
            .with("code", &ex.classifier_code);
            self.note(line, "classifier_code", message);
        }

        let price = match Money::parse(price) {
            Ok(price) => match item.as_ref().map(|item| check_price(price, item)) {
                Some(Err(PriceError::NotPositive)) => Err(Problem::new("price_not_positive", "must be above zero")),
                Some(Err(e @ PriceError::AboveLimit { limit })) => {
                    Err(Problem::new("price_above_limit", e.to_string()).with("limit_tiyn", limit.tiyn()))
                }
                _ => Ok(price),
            },
            Err(e) => Err(e.problem()),
        };
        let regions = parse_regions(regions);
        let stock = parse_stock(stock, regions.as_deref().ok());
        let warranty = warranty.trim().parse::<u32>().map_err(|_| {
            Problem::new("csv_months", format!("expected a whole number of months, found '{}'", warranty.trim()))
                .with("text", warranty.trim())
        });
        let cell = |at: Option<usize>| -> Result<NameCell, Problem> {
            at.and_then(|i| fields.get(i)).map(|v| parse_name(v)).transpose()
        };
        let (price, stock, regions, warranty, published, model, manufacturer) = (
            self.take(line, "price", price),
            self.take(line, "stock", stock),
            self.take(line, "regions", regions),
            self.take(line, "warranty_months", warranty),
            self.take(line, "published", parse_bool(published)),
            self.take(line, "model", cell(layout.model)),
            self.take(line, "manufacturer", cell(layout.manufacturer)),
        );
        let (
            Some(price),
            Some(stock),
            Some(regions),
            Some(warranty_months),
            Some(published),
            Some(model),
            Some(manufacturer),
        ) = (price, stock, regions, warranty, published, model, manufacturer)
        else {
            return Ok(None);
        };
        if self.problems.len() > before {
            return Ok(None);
        }
        let description = description.to_owned();
        Ok(Some(match (id, existing) {
            (Some(id), Some(ex)) => {
                let stock = stock::plan(&ex.by_region, &regions, &stock);
                Planned::Update {
                    id: id.to_owned(),
                    update: OfferingUpdate {
                        price: (price != ex.price).then_some(price),
                        regions: (regions != ex.regions).then_some(regions),
                        warranty_months: (warranty_months != ex.warranty_months).then_some(warranty_months),
                        description: (description != ex.description).then_some(description),
                        published: (published != ex.published).then_some(published),
                        // A blank cell clears; a file without the column keeps them.
                        model: model.filter(|m| *m != ex.model).map(Option::unwrap_or_default),
                        manufacturer: manufacturer.filter(|m| *m != ex.manufacturer).map(Option::unwrap_or_default),
                    },
                    stock,
                }
            }
            _ => Planned::Create(NewOffering {
                classifier_code: code.to_owned(),
                price,
                regions,
                stock_by_region: stock,
                warranty_months,
                description,
                published,
                model: model.flatten(),
                manufacturer: manufacturer.flatten(),
            }),
        }))
    }

    fn note(&mut self, line: u64, field: &str, message: Problem) {
        self.problems.push(RowError { line, field: Some(field.to_owned()), message });
    }

    /// The value, or `None` after noting the column's problem.
    fn take<T>(&mut self, line: u64, field: &str, value: Result<T, Problem>) -> Option<T> {
        value.map_err(|message| self.note(line, field, message)).ok()
    }

    fn classifier_item(&mut self, code: &str) -> Result<Option<ClassifierItem>, StoreError> {
        if let Some(item) = self.classifier.get(code) {
            return Ok(item.clone());
        }
        let item = crate::replica::offerings::classifier_item(self.tx, code)?;
        self.classifier.insert(code.to_owned(), item.clone());
        Ok(item)
    }
}

fn read_existing(tx: &Transaction<'_>, id: &str) -> Result<Option<Existing>, StoreError> {
    let row = tx
        .query_row(
            "SELECT classifier_code, price_tiyn, stock, regions, warranty_months, description, published,
                    stock_by_region, model, manufacturer
             FROM offerings WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    Existing {
                        classifier_code: r.get(0)?,
                        price: Money::from_tiyn(r.get(1)?),
                        regions: Vec::new(),
                        by_region: Vec::new(),
                        warranty_months: r.get(4)?,
                        description: r.get(5)?,
                        published: r.get(6)?,
                        model: r.get(8)?,
                        manufacturer: r.get(9)?,
                    },
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(7)?,
                ))
            },
        )
        .optional()?;
    row.map(|(mut ex, stock, regions, by_region)| {
        ex.regions = serde_json::from_str(&regions)?;
        let given: Vec<RegionStock> = serde_json::from_str(&by_region)?;
        ex.by_region = region_stock(&ex.regions, stock, &given);
        Ok(ex)
    })
    .transpose()
}

/// Where the columns are: `[id,]` then [`COLUMNS`], then any of [`OPTIONAL`] (each once); any
/// other header is refused.
fn header_layout(header: &csv::StringRecord) -> Result<Layout, ImportError> {
    // Spreadsheets saving "CSV UTF-8" put a byte-order mark before the first name.
    let names: Vec<&str> =
        header.iter().enumerate().map(|(i, n)| if i == 0 { n.trim_start_matches('\u{feff}') } else { n }).collect();
    let with_id = names.first() == Some(&"id");
    let mut layout = Layout { with_id, model: None, manufacturer: None };
    let first_optional = usize::from(with_id) + COLUMNS.len();
    let fits = names.get(usize::from(with_id)..first_optional) == Some(COLUMNS.as_slice())
        && names.iter().enumerate().skip(first_optional).all(|(i, name)| {
            let slot = match *name {
                "model" => &mut layout.model,
                "manufacturer" => &mut layout.manufacturer,
                _ => return false,
            };
            slot.replace(i).is_none()
        });
    if fits {
        return Ok(layout);
    }
    let found = names.join(",");
    let hint =
        if names.len() == 1 && found.contains(';') { " (columns must be separated by commas, not ';')" } else { "" };
    let optional: String = OPTIONAL.iter().map(|c| format!("[,{c}]")).collect();
    let key = if hint.is_empty() { "csv_header" } else { "csv_header_semicolons" };
    Err(bad(
        line_of(header),
        None,
        Problem::new(key, format!("the header must be `[id,]{}{optional}`{hint}; found `{found}`", COLUMNS.join(",")))
            .with("columns", format!("[id,]{}{optional}", COLUMNS.join(","))),
    ))
}

/// A model or manufacturer: trimmed, `None` when blank, at most [`MAX_MODEL_CHARS`] characters.
fn parse_name(s: &str) -> Result<Option<String>, Problem> {
    let Some(s) = portal_api::model_text(s) else { return Ok(None) };
    match s.chars().count() {
        n if n > MAX_MODEL_CHARS => {
            Err(Problem::new("csv_too_long", format!("is {n} characters long; at most {MAX_MODEL_CHARS} are allowed"))
                .with("max", MAX_MODEL_CHARS))
        }
        _ => Ok(Some(s.to_owned())),
    }
}

/// Region codes separated by `;`, in any letter case; empty pieces are ignored.
fn parse_regions(s: &str) -> Result<Vec<String>, Problem> {
    let codes: Vec<String> = s.split(';').map(str::trim).filter(|c| !c.is_empty()).map(str::to_uppercase).collect();
    let unknown: Vec<&str> = codes.iter().map(String::as_str).filter(|c| !is_region(c)).collect();
    if let Some(twice) = portal_api::repeated_region(&codes) {
        Err(Problem::new("csv_region_twice", format!("{twice} is named twice")).with("region", twice))
    } else if unknown.is_empty() {
        Ok(codes)
    } else {
        let unknown = unknown.join(", ");
        Err(Problem::new(
            "csv_region_unknown",
            format!("unknown region code {unknown}; expected codes such as KZ-ALA or KZ-AST separated by ';'"),
        )
        .with("text", unknown))
    }
}

/// The stock column: `KZ-ALA=5;KZ-AST=3`, the stock of each of the row's regions (one left out
/// holds none; a region the row drops may be named with 0 to empty it), or one whole number
/// when the row names a single region (or 0 for none at all).
/// `regions` is `None` when the regions column is itself wrong: then only the form is checked.
fn parse_stock(s: &str, regions: Option<&[String]>) -> Result<Vec<RegionStock>, Problem> {
    let malformed = |found: &str| {
        Problem::new(
            "csv_stock_malformed",
            format!("expected a whole number, or REGION=NUMBER separated by ';' (KZ-ALA=5;KZ-AST=3), found '{found}'"),
        )
        .with("text", found)
    };
    let s = s.trim();
    if let Ok(n) = s.parse::<i64>() {
        if n < 0 {
            return Err(Problem::new("csv_stock_negative", format!("cannot be negative, found {n}")));
        }
        return match regions {
            Some([region]) => Ok(vec![RegionStock { region: region.clone(), quantity: n }]),
            _ if n == 0 => Ok(Vec::new()),
            Some([]) => {
                Err(Problem::new("csv_stock_no_region", "stock needs a region to be held in; the row names no region"))
            }
            Some(_) => {
                let example =
                    regions.unwrap_or_default().iter().map(|r| format!("{r}={n}")).collect::<Vec<_>>().join(";");
                Err(Problem::new(
                    "csv_stock_per_region",
                    format!("the row names several regions; give the stock of each, e.g. `{example}`"),
                )
                .with("example", example))
            }
            None => Ok(Vec::new()),
        };
    }
    let mut out: Vec<RegionStock> = Vec::new();
    for piece in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((region, quantity)) = piece.split_once('=') else {
            return Err(malformed(piece));
        };
        let region = region.trim().to_uppercase();
        let quantity = match quantity.trim().parse::<i64>() {
            Ok(n) if n >= 0 => n,
            _ => {
                return Err(Problem::new(
                    "csv_stock_region_number",
                    format!("the stock of {region} must be a whole number, at least 0; found '{}'", quantity.trim()),
                )
                .with("region", &region)
                .with("text", quantity.trim()));
            }
        };
        // A region the row drops may be named with 0: its stock is taken away before the row's
        // edit drops it (a region holding stock is not dropped).
        if quantity > 0 && regions.is_some_and(|regions| !regions.contains(&region)) {
            return Err(Problem::new("csv_stock_other_region", format!("{region} is not one of the row's regions"))
                .with("region", &region));
        }
        if out.iter().any(|r| r.region == region) {
            return Err(Problem::new("csv_stock_twice", format!("the stock of {region} is given twice"))
                .with("region", &region));
        }
        out.push(RegionStock { region, quantity });
    }
    if out.is_empty() {
        return Err(malformed(s));
    }
    if stock::total(&out).is_err() {
        return Err(Problem::new("csv_stock_too_large", "the stock adds up to more than can be counted"));
    }
    Ok(out)
}

/// The stock column as [`parse_stock`] reads it: every region with its stock.
fn stock_text(by_region: &[RegionStock]) -> String {
    if by_region.is_empty() {
        return "0".to_owned();
    }
    by_region.iter().map(|r| format!("{}={}", r.region, r.quantity)).collect::<Vec<_>>().join(";")
}

fn parse_bool(s: &str) -> Result<bool, Problem> {
    match s.trim().to_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        other => Err(Problem::new("csv_yes_no", format!("expected true or false (or 1/0, yes/no), found '{other}'"))
            .with("text", other)),
    }
}

fn create_body(o: NewOffering) -> Result<MutationBody, ActionError> {
    Ok(MutationBody::CreateOffering {
        offering_id: uuid::Uuid::now_v7().to_string(),
        classifier_code: o.classifier_code,
        price_tiyn: o.price.tiyn(),
        stock: stock::total(&o.stock_by_region)?,
        stock_by_region: o.stock_by_region,
        regions: o.regions,
        warranty_months: o.warranty_months,
        description: o.description,
        published: o.published,
        photos: Vec::new(),
        model: o.model,
        manufacturer: o.manufacturer,
    })
}

fn update_body(id: &str, u: OfferingUpdate) -> MutationBody {
    MutationBody::UpdateOffering {
        offering_id: id.to_owned(),
        price_tiyn: u.price.map(Money::tiyn),
        regions: u.regions,
        warranty_months: u.warranty_months,
        description: u.description,
        published: u.published,
        // The CSV has no photos; an update from it keeps them.
        photos: None,
        model: u.model,
        manufacturer: u.manufacturer,
    }
}

fn line_of(record: &csv::StringRecord) -> u64 {
    // The reader sets the position of every record it returns.
    record.position().map_or(0, csv::Position::line)
}

fn bad(line: u64, field: Option<&str>, message: impl Into<Problem>) -> ImportError {
    ImportError::BadRows(vec![RowError { line, field: field.map(str::to_owned), message: message.into() }])
}

/// A record the reader could not decode, as that row's problem; a failure to read the input
/// at all ends the import.
fn record_problem(e: csv::Error) -> Result<RowError, ImportError> {
    let line = e.position().map(csv::Position::line);
    match (e.kind(), line) {
        (csv::ErrorKind::Utf8 { err, .. }, Some(line)) => Ok(RowError {
            line,
            field: None,
            message: Problem::new(
                "csv_not_utf8",
                format!("column {} is not UTF-8 text; save the file as CSV UTF-8", err.field() + 1),
            )
            .with("column", err.field() + 1),
        }),
        (_, Some(line)) if !e.is_io_error() => {
            Ok(RowError { line, field: None, message: Problem::new("csv_unreadable", e.to_string()) })
        }
        _ => Err(ImportError::Read(e)),
    }
}

fn bad_record(e: csv::Error) -> ImportError {
    match record_problem(e) {
        Ok(problem) => ImportError::BadRows(vec![problem]),
        Err(e) => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_as_people_write_them() {
        for (s, b) in [("true", true), ("FALSE", false), (" 1 ", true), ("0", false), ("Yes", true), ("no", false)] {
            assert_eq!(parse_bool(s), Ok(b), "{s}");
        }
        assert!(parse_bool("").is_err());
        assert!(parse_bool("да").is_err());
    }

    #[test]
    fn regions_are_known_codes_separated_by_semicolons() {
        assert_eq!(parse_regions("KZ-ALA; kz-ast;"), Ok(vec!["KZ-ALA".to_owned(), "KZ-AST".to_owned()]));
        assert_eq!(parse_regions(""), Ok(Vec::new()));
        let err = parse_regions("KZ-ALA;KZ-XXX;Almaty").expect_err("unknown codes");
        assert!(err.text.contains("KZ-XXX, ALMATY"), "{err}");
    }

    #[test]
    fn stock_is_given_per_region_or_as_one_number_for_a_single_region() {
        let rs = |region: &str, quantity| RegionStock { region: region.to_owned(), quantity };
        let two = ["KZ-ALA".to_owned(), "KZ-AST".to_owned()];
        assert_eq!(parse_stock(" kz-ala = 5 ; KZ-AST=0;", Some(&two)), Ok(vec![rs("KZ-ALA", 5), rs("KZ-AST", 0)]));
        assert_eq!(parse_stock("7", Some(&two[..1])), Ok(vec![rs("KZ-ALA", 7)]));
        assert_eq!(parse_stock("0", Some(&two)), Ok(Vec::new()));
        let err = parse_stock("7", Some(&two)).expect_err("ambiguous");
        assert!(err.text.contains("KZ-ALA=7;KZ-AST=7"), "{err}");
        let err = parse_stock("KZ-KAR=1", Some(&two)).expect_err("not a region of the row");
        assert!(err.text.contains("KZ-KAR is not one of the row's regions"), "{err}");
        assert!(parse_stock("KZ-ALA=-1", Some(&two)).expect_err("negative").text.contains("at least 0"));
        assert!(parse_stock("KZ-ALA=1;kz-ala=2", Some(&two)).expect_err("twice").text.contains("given twice"));
        assert!(parse_stock("five", None).expect_err("not a number").text.contains("REGION=NUMBER"));
        assert!(parse_stock("3", Some(&[])).expect_err("nowhere to hold it").text.contains("names no region"));
        let by_region = vec![rs("KZ-ALA", 5), rs("KZ-AST", 3)];
        assert_eq!(parse_stock(&stock_text(&by_region), Some(&two)), Ok(by_region));
    }

    #[test]
    fn the_header_may_start_with_a_byte_order_mark_and_must_use_commas() {
        let header = |s: &str| csv::StringRecord::from(s.split(',').collect::<Vec<_>>());
        let full = format!("\u{feff}id,{}", COLUMNS.join(","));
        assert_eq!(
            header_layout(&header(&full)).expect("with id"),
            Layout { with_id: true, model: None, manufacturer: None }
        );
        assert!(!header_layout(&header(&COLUMNS.join(","))).expect("without id").with_id);
        let Err(ImportError::BadRows(rows)) = header_layout(&csv::StringRecord::from(vec![COLUMNS.join(";")])) else {
            panic!("a ';' header must be refused")
        };
        assert!(rows[0].message.text.contains("separated by commas"), "{}", rows[0]);
    }

    #[test]
    fn the_model_and_manufacturer_columns_are_optional_after_the_others() {
        let header = |s: String| csv::StringRecord::from(s.split(',').collect::<Vec<_>>());
        let layout = |with_id, model, manufacturer| Layout { with_id, model, manufacturer };
        let columns = COLUMNS.join(",");
        assert_eq!(
            header_layout(&header(format!("id,{columns},model,manufacturer"))).expect("both"),
            layout(true, Some(8), Some(9))
        );
        assert_eq!(
            header_layout(&header(format!("{columns},manufacturer"))).expect("one, without id"),
            layout(false, None, Some(7))
        );
        assert_eq!(header_layout(&header(format!("{columns},manufacturer,model"))).expect("any order").model, Some(8));
        for refused in [
            format!("{columns},model,model"),
            format!("{columns},colour"),
            format!("model,{columns}"),
            format!("id,model,{columns}"),
        ] {
            let Err(ImportError::BadRows(rows)) = header_layout(&header(refused.clone())) else {
                panic!("{refused} must be refused")
            };
            assert!(rows[0].message.text.contains("[,model][,manufacturer]`"), "{}", rows[0]);
        }
    }

    #[test]
    fn a_model_is_trimmed_blank_for_none_and_bounded() {
        assert_eq!(parse_name("  Phonak Naída P50 "), Ok(Some("Phonak Naída P50".to_owned())));
        assert_eq!(parse_name(" "), Ok(None));
        let at_most = "ü".repeat(MAX_MODEL_CHARS);
        assert_eq!(parse_name(&at_most), Ok(Some(at_most.clone())));
        let err = parse_name(&format!("{at_most}ü")).expect_err("too long");
        assert_eq!(
            err.text,
            format!("is {} characters long; at most {MAX_MODEL_CHARS} are allowed", MAX_MODEL_CHARS + 1)
        );
    }
}
