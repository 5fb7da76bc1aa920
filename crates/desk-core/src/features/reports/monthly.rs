//! The monthly report as PDF, for the owner's file and the accountant: the month's orders by
//! where they stand, a bar per week of orders received, money confirmed and paid, the shares
//! accepted in time and delivered within the term, and the month's revenue by category, region
//! and item with the reasons for declines. The same figures as the Reports tab over that month.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Months, NaiveDate, TimeDelta};

use super::views::{Report, ReportGrain, ReportQuery, Share};
use crate::features::documents::layout::{A4, Flow, Op, Weight};
use crate::features::documents::{Audited, DocumentError, Fonts, Lang, region_name, save_audited};
use crate::features::offerings::export::category_name;
use crate::kernel::access::Actor;
use crate::kernel::error::ActionError;
use crate::kernel::money::Money;
use crate::kernel::store::Store;
use crate::replica::supplier_profile::SupplierProfile;

const BODY: f32 = 10.0;
const LEADING: f32 = 14.0;
const MARGIN: f32 = 50.0;
/// Rows a table of the report lists at most; the rest are summed into one "other" row.
const TABLE_ROWS: usize = 10;

/// The days of the calendar month `month` (any day of it).
pub fn month_query(month: NaiveDate) -> ReportQuery {
    let from = month.with_day(1).unwrap_or(month);
    let to = from.checked_add_months(Months::new(1)).map_or(from, |next| next - TimeDelta::days(1));
    ReportQuery { from, to, grain: ReportGrain::Week }
}

impl Store {
    /// Makes the report of the calendar month holding `month` as PDF in `dir`
    /// (`report-2026-11-ru.pdf`) and audits who made it, in one transaction as the other
    /// documents are.
    pub fn make_monthly_report(
        &mut self,
        actor: &Actor,
        month: NaiveDate,
        today: NaiveDate,
        lang: Lang,
        fonts: &Fonts,
        dir: &Path,
    ) -> Result<PathBuf, DocumentError> {
        let query = month_query(month);
        let report = self.report(actor, query).map_err(|e| match e {
            ActionError::Forbidden(f) => DocumentError::Forbidden(f),
            other => DocumentError::Invalid { field: "month", message: other.to_string() },
        })?;
        let supplier = self.supplier_profile()?;
        let pdf = render(supplier.as_ref(), &report, today, lang, fonts)?;
        let label = query.from.format("%Y-%m").to_string();
        let path = dir.join(format!("report-{label}-{}.pdf", lang.code()));
        let tx = self.transaction()?;
        let audited = Audited {
            action: "document_monthly_report",
            entity: "report",
            entity_id: &label,
            detail: serde_json::json!({ "document": "document_monthly_report", "month": label, "lang": lang.code() }),
        };
        save_audited(tx, actor, audited, &path, &pdf)?;
        tracing::info!(month = %label, "monthly report saved");
        Ok(path)
    }
}

fn month_name(month: u32, lang: Lang) -> &'static str {
    const KK: [&str; 12] = [
        "Қаңтар",
        "Ақпан",
        "Наурыз",
        "Сәуір",
        "Мамыр",
        "Маусым",
        "Шілде",
        "Тамыз",
        "Қыркүйек",
        "Қазан",
        "Қараша",
        "Желтоқсан",
    ];
    const RU: [&str; 12] = [
        "Январь",
        "Февраль",
        "Март",
        "Апрель",
        "Май",
        "Июнь",
        "Июль",
        "Август",
        "Сентябрь",
        "Октябрь",
        "Ноябрь",
        "Декабрь",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Kk => KK[i],
        Lang::Ru => RU[i],
        Lang::En => EN[i],
    }
}

fn share_text(share: Share, lang: Lang) -> String {
    match share.ratio() {
        Some(r) => format!("{:.0} % ({} / {})", r * 100.0, share.part, share.whole),
        None => lang.pick("белгісіз", "нет данных", "not known").to_owned(),
    }
}

/// A table of a heading and rows of (label, count, amount), the first `TABLE_ROWS` rows and the
/// rest summed as one.
struct Table<'a> {
    heading: &'a str,
    columns: (&'a str, &'a str, &'a str),
    /// (label, count, amount); an amount of `None` leaves its cell empty.
    rows: Vec<(String, i64, Option<i64>)>,
}

fn table(flow: &mut Flow<'_>, t: &Table<'_>, lang: Lang) {
    if t.rows.is_empty() {
        return;
    }
    let (left, right) = (flow.left(), flow.right());
    let (r_count, r_amount) = (right - 120.0, right);
    flow.keep(LEADING * 4.0);
    flow.text(left, t.heading, 12.0, Weight::Bold);
    flow.advance(LEADING + 4.0);
    flow.text(left, t.columns.0, 9.0, Weight::Bold);
    flow.text_right(r_count, t.columns.1, 9.0, Weight::Bold);
    flow.text_right(r_amount, t.columns.2, 9.0, Weight::Bold);
    flow.rule(left, right, 5.0, 0.5);
    flow.advance(LEADING + 4.0);
    let other = lang.pick("Басқалары", "Прочие", "Other");
    let mut rows: Vec<(String, i64, Option<i64>)> = t.rows.iter().take(TABLE_ROWS).cloned().collect();
    if let Some(rest) = t.rows.get(TABLE_ROWS..).filter(|rest| !rest.is_empty()) {
        let amount = rest.iter().map(|r| r.2).try_fold(0_i64, |sum, a| a.map(|a| sum.saturating_add(a)));
        rows.push((other.to_owned(), rest.iter().map(|r| r.1).sum(), amount));
    }
    let width = r_count - 80.0 - left;
    for (label, count, amount) in rows {
        let lines = flow.wrap(&label, width, BODY, Weight::Regular);
        flow.keep(LEADING * lines.len().max(1) as f32);
        flow.text_right(r_count, &count.to_string(), BODY, Weight::Regular);
        if let Some(amount) = amount {
            flow.text_right(r_amount, &Money::from_tiyn(amount).to_string(), BODY, Weight::Regular);
        }
        for line in lines {
            flow.text(left, &line, BODY, Weight::Regular);
            flow.advance(LEADING);
        }
    }
    flow.advance(10.0);
}

/// Renders the report of one month as PDF bytes.
pub(crate) fn render(
    supplier: Option<&SupplierProfile>,
    report: &Report,
    today: NaiveDate,
    lang: Lang,
    fonts: &Fonts,
) -> Result<Vec<u8>, DocumentError> {
    let l = |kk, ru, en| lang.pick(kk, ru, en);
    let (from, to) = (report.query.from, report.query.to);
    let title = format!(
        "{}: {} {}",
        l("Ай бойынша есеп", "Отчёт за месяц", "Monthly report"),
        month_name(from.month(), lang),
        from.year()
    );
    let mut flow = Flow::new(fonts, A4, MARGIN);
    let (left, right) = (flow.left(), flow.right());
    let value_x = left + 110.0;

    flow.advance(8.0);
    flow.text(left, &title, 16.0, Weight::Bold);
    flow.advance(22.0);
    let blank = "____________________".to_owned();
    for (label, value) in [
        (l("Өнім беруші", "Поставщик", "Supplier"), supplier.map_or(blank.clone(), |s| s.name.clone())),
        (l("БСН", "БИН", "BIN"), supplier.map_or(blank.clone(), |s| s.bin.clone())),
        (l("Кезең", "Период", "Period"), format!("{} – {}", lang.date(from), lang.date(to))),
        (l("Жасалды", "Составлен", "Made on"), lang.date(today)),
    ] {
        flow.text(left, &format!("{label}:"), BODY, Weight::Regular);
        flow.text(value_x, &value, BODY, Weight::Regular);
        flow.advance(LEADING);
    }
    flow.rule(left, right, 4.0, 0.8);
    flow.advance(24.0);

    // The month's orders by where they stand.
    let sum = |f: fn(&super::views::PeriodOrders) -> i64| report.periods.iter().map(f).sum::<i64>();
    let received = sum(|p| p.received);
    flow.text(left, l("Тапсырыстар", "Заказы", "Orders"), 12.0, Weight::Bold);
    flow.advance(LEADING + 4.0);
    let money = report.months.first();
    for (label, value) in [
        (l("Түсті", "Поступило", "Received"), received.to_string()),
        (l("Қабылданды", "Приняты", "Accepted"), sum(|p| p.accepted).to_string()),
        (l("Бас тартылды", "Отклонены", "Declined"), sum(|p| p.declined).to_string()),
        (
            l(
                "Күші жойылды (оның ішінде мерзімі өткен соң)",
                "Отменены (в т. ч. автоматически)",
                "Cancelled (of which automatically)",
            ),
            format!("{} ({})", sum(|p| p.cancelled), sum(|p| p.cancelled_automatically)),
        ),
        (l("Уақытында қабылданды", "Приняты вовремя", "Accepted in time"), share_text(report.accepted_in_time, lang)),
        (
            l("Мерзімінде жеткізілді", "Доставлены в срок", "Delivered within the term"),
            share_text(report.delivered_in_term, lang),
        ),
        (
            l("Алынғаны расталды", "Подтверждено получение", "Receipt confirmed"),
            Money::from_tiyn(money.map_or(0, |m| m.confirmed_tiyn)).to_string(),
        ),
        (l("Төленді", "Оплачено", "Paid"), Money::from_tiyn(money.map_or(0, |m| m.paid_tiyn)).to_string()),
    ] {
        flow.keep(LEADING);
        flow.text(left, label, BODY, Weight::Regular);
        flow.text_right(right, &value, BODY, Weight::Regular);
        flow.advance(LEADING);
    }
    flow.advance(14.0);

    // A bar per week of the orders received, drawn to the largest week.
    if received > 0 {
        let chart_h = 90.0;
        flow.keep(chart_h + LEADING * 3.0);
        flow.text(
            left,
            l("Апта бойынша түскен тапсырыстар", "Поступило заказов по неделям", "Orders received per week"),
            12.0,
            Weight::Bold,
        );
        flow.advance(LEADING);
        let top = flow.y();
        let most = report.periods.iter().map(|p| p.received).max().unwrap_or(1).max(1) as f32;
        let n = report.periods.len().max(1) as f32;
        let slot = (right - left) / n;
        let bar_w = (slot * 0.6).min(60.0);
        let mut bars = Vec::new();
        for (i, p) in report.periods.iter().enumerate() {
            let h = chart_h * p.received as f32 / most;
            let x = left + slot * i as f32 + (slot - bar_w) / 2.0;
            if h > 0.0 {
                bars.push((x, top + chart_h - h, bar_w, h));
            }
        }
        flow.push(Op::Rects(bars));
        for (i, p) in report.periods.iter().enumerate() {
            let centre = left + slot * i as f32 + slot / 2.0;
            let h = chart_h * p.received as f32 / most;
            flow.push(Op::Text {
                x: centre - 8.0,
                y: top + chart_h - h - 3.0,
                size: 8.0,
                weight: Weight::Regular,
                text: p.received.to_string(),
            });
            let label = p.starts_on.max(from).format("%d.%m").to_string();
            flow.push(Op::Text {
                x: centre - 10.0,
                y: top + chart_h + 11.0,
                size: 8.0,
                weight: Weight::Regular,
                text: label,
            });
        }
        flow.push(Op::Line { from: (left, top + chart_h), to: (right, top + chart_h), width: 0.5 });
        flow.advance(chart_h + 28.0);
    }

    let revenue = l("Түсім", "Выручка", "Revenue");
    table(
        &mut flow,
        &Table {
            heading: l("Санаттар бойынша", "По категориям", "By category"),
            columns: (l("Санат", "Категория", "Category"), l("Дана", "Шт.", "Items"), revenue),
            rows: report
                .by_category
                .iter()
                .map(|c| {
                    let name = c.category.map_or_else(
                        || l("Белгісіз", "Неизвестно", "Unknown").to_owned(),
                        |c| category_name(c, lang).to_owned(),
                    );
                    (name, c.quantity, Some(c.revenue_tiyn))
                })
                .collect(),
        },
        lang,
    );
    table(
        &mut flow,
        &Table {
            heading: l("Өңірлер бойынша", "По регионам", "By region"),
            columns: (l("Өңір", "Регион", "Region"), l("Тапсырыс", "Заказов", "Orders"), revenue),
            rows: report
                .by_region
                .iter()
                .map(|r| (region_name(&r.region, lang), r.orders, Some(r.revenue_tiyn)))
                .collect(),
        },
        lang,
    );
    table(
        &mut flow,
        &Table {
            heading: l("Ең көп сатылғандар", "Лидеры продаж", "Top items"),
            columns: (l("Бұйым", "Изделие", "Item"), l("Дана", "Шт.", "Items"), revenue),
            rows: report
                .top_items
                .iter()
                .map(|t| {
                    let name = match lang {
                        Lang::Kk => &t.name_kk,
                        Lang::Ru => &t.name_ru,
                        Lang::En => &t.name_en,
                    };
                    let name = if name.is_empty() {
                        t.classifier_code.clone()
                    } else {
                        format!("{name} ({})", t.classifier_code)
                    };
                    (name, t.quantity, Some(t.revenue_tiyn))
                })
                .collect(),
        },
        lang,
    );
    table(
        &mut flow,
        &Table {
            heading: l("Бас тарту себептері", "Причины отказов", "Reasons for declining"),
            columns: (l("Себеп", "Причина", "Reason"), l("Рет", "Раз", "Times"), ""),
            rows: report.decline_reasons.iter().map(|d| (d.reason.clone(), d.count, None)).collect(),
        },
        lang,
    );
    crate::features::documents::layout::write_pdf(flow.into_pages(), A4, fonts, &title, lang.code())
}
