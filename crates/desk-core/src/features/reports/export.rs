//! A report as a spreadsheet in the person's language: one sheet per table of the Reports tab,
//! counts and money as typed cells, periods as their first day.

use chrono::NaiveDate;

use super::views::{ReportGrain, ReportQuery};
use crate::features::documents::{Lang, region_name};
use crate::features::offerings::export::category_name;
use crate::kernel::access::Actor;
use crate::kernel::error::ActionError;
use crate::kernel::spreadsheet::{Cell, Sheet};
use crate::kernel::store::Store;

impl Store {
    /// The report over `query`'s days as XLSX (the same role check as the report).
    pub fn report_xlsx(&self, actor: &Actor, query: ReportQuery, lang: Lang) -> Result<Vec<u8>, ActionError> {
        let report = self.report(actor, query)?;
        let l = |kk, ru, en| lang.pick(kk, ru, en);
        let date = lang.date_format();
        let period = match query.grain {
            ReportGrain::Week => l("Апта басы", "Начало недели", "Week from"),
            ReportGrain::Month => l("Ай басы", "Начало месяца", "Month from"),
        };
        let mut orders = Sheet::new(
            l("Тапсырыстар", "Заказы", "Orders"),
            &[
                (period, 14.0),
                (l("Түсті", "Поступило", "Received"), 12.0),
                (l("Қабылданды", "Приняты", "Accepted"), 12.0),
                (l("Бас тартылды", "Отклонены", "Declined"), 12.0),
                (l("Күші жойылды", "Отменены", "Cancelled"), 12.0),
                (l("Оның ішінде мерзімі өткен соң", "В т. ч. автоматически", "Of which automatically"), 16.0),
            ],
            date,
        )?;
        for p in &report.periods {
            orders.push(vec![
                Cell::Date(p.starts_on),
                Cell::Int(p.received),
                Cell::Int(p.accepted),
                Cell::Int(p.declined),
                Cell::Int(p.cancelled),
                Cell::Int(p.cancelled_automatically),
            ])?;
        }
        let mut revenue = Sheet::new(
            l("Түсім", "Выручка", "Revenue"),
            &[
                (l("Ай басы", "Начало месяца", "Month from"), 14.0),
                (l("Расталды, ₸", "Подтверждено, ₸", "Confirmed, ₸"), 16.0),
                (l("Төленді, ₸", "Оплачено, ₸", "Paid, ₸"), 16.0),
            ],
            date,
        )?;
        for m in &report.months {
            let first = NaiveDate::parse_from_str(&format!("{}-01", m.month), "%Y-%m-%d").ok();
            revenue.push(vec![
                first.map_or(Cell::Text(m.month.clone()), Cell::Date),
                Cell::Money(m.confirmed_tiyn),
                Cell::Money(m.paid_tiyn),
            ])?;
        }
        let mut categories = Sheet::new(
            l("Санаттар", "Категории", "Categories"),
            &[
                (l("Санат", "Категория", "Category"), 36.0),
                (l("Саны", "Количество", "Quantity"), 12.0),
                (l("Түсім, ₸", "Выручка, ₸", "Revenue, ₸"), 16.0),
            ],
            date,
        )?;
        for c in &report.by_category {
            let name = c.category.map_or(
                l("Жіктеуіште жоқ", "Нет в классификаторе", "Not in the classifier"),
                |c| category_name(c, lang),
            );
            categories.push(vec![Cell::Text(name.to_owned()), Cell::Int(c.quantity), Cell::Money(c.revenue_tiyn)])?;
        }
        let mut regions = Sheet::new(
            l("Өңірлер", "Регионы", "Regions"),
            &[
                (l("Өңір", "Регион", "Region"), 30.0),
                (l("Тапсырыс", "Заказов", "Orders"), 12.0),
                (l("Түсім, ₸", "Выручка, ₸", "Revenue, ₸"), 16.0),
            ],
            date,
        )?;
        for r in &report.by_region {
            regions.push(vec![
                Cell::Text(region_name(&r.region, lang)),
                Cell::Int(r.orders),
                Cell::Money(r.revenue_tiyn),
            ])?;
        }
        let mut items = Sheet::new(
            l("Үздік бұйымдар", "Лучшие позиции", "Top items"),
            &[
                (l("Коды", "Код", "Code"), 14.0),
                (l("Атауы", "Наименование", "Item"), 50.0),
                (l("Саны", "Количество", "Quantity"), 12.0),
                (l("Түсім, ₸", "Выручка, ₸", "Revenue, ₸"), 16.0),
            ],
            date,
        )?;
        for i in &report.top_items {
            let name = match lang {
                Lang::Kk => &i.name_kk,
                Lang::Ru => &i.name_ru,
                Lang::En => &i.name_en,
            };
            items.push(vec![
                Cell::Text(i.classifier_code.clone()),
                Cell::Text(name.clone()),
                Cell::Int(i.quantity),
                Cell::Money(i.revenue_tiyn),
            ])?;
        }
        let mut declines = Sheet::new(
            l("Бас тарту себептері", "Причины отказов", "Decline reasons"),
            &[(l("Себебі", "Причина", "Reason"), 60.0), (l("Рет", "Раз", "Times"), 10.0)],
            date,
        )?;
        for d in &report.decline_reasons {
            declines.push(vec![Cell::Text(d.reason.clone()), Cell::Int(d.count)])?;
        }
        Ok(Sheet::finish_all(vec![orders, revenue, categories, regions, items, declines])?)
    }
}
