//! The orders an inbox filter selects, as a spreadsheet in the person's language: numbers, money
//! and dates as typed cells, item names rather than codes, the region's name.

use chrono::{DateTime, Utc};
use portal_api::OrderStatus;

use super::filter;
use super::views::InboxQuery;
use crate::features::documents::{Lang, kazakhstan_time, region_name};
use crate::kernel::access::{Actor, Command};
use crate::kernel::error::ActionError;
use crate::kernel::spreadsheet::{Cell, Sheet};
use crate::kernel::store::{Store, StoreError};

impl Store {
    /// Every order `q` selects (its paging ignored), in its sort order, as XLSX.
    pub fn orders_xlsx(&self, actor: &Actor, q: &InboxQuery, lang: Lang) -> Result<Vec<u8>, ActionError> {
        actor.require(Command::OrdersExport)?;
        let l = |kk, ru, en| lang.pick(kk, ru, en);
        let mut sheet = Sheet::new(
            l("Тапсырыстар", "Заказы", "Orders"),
            &[
                (l("Нөмірі", "Номер", "Number"), 17.0),
                (l("Күйі", "Статус", "Status"), 18.0),
                (l("Берілген күні", "Дата заказа", "Placed on"), 12.0),
                (l("Алушы", "Получатель", "Participant"), 30.0),
                (l("Өңір", "Регион", "Region"), 24.0),
                (l("Мекенжай", "Адрес", "Address"), 40.0),
                (l("Телефон", "Телефон", "Phone"), 17.0),
                (l("Тауарлар", "Товары", "Items"), 50.0),
                (l("Сомасы, ₸", "Сумма, ₸", "Total, ₸"), 14.0),
                (l("Қабылдау мерзімі", "Принять до", "Accept by"), 12.0),
                (l("Жеткізу мерзімі", "Доставить до", "Deliver by"), 12.0),
                (l("Жауапты", "Ответственный", "Assigned to"), 22.0),
            ],
            lang.date_format(),
        )?;
        let sel = filter::selection(q, Utc::now(), false);
        let mut stmt = self.connection().prepare(&format!(
            "SELECT id, number, status, placed_at, participant_name, participant_region,
                    participant_address, participant_phone, total_tiyn, accept_by, deliver_by,
                    coalesce((SELECT display_name FROM staff WHERE username = orders.assignee), assignee)
             FROM orders {} {}",
            sel.where_sql,
            filter::order_by(q.sort),
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(&sel.params))?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let status: String = r.get(2)?;
            let status = OrderStatus::parse(&status).map_or(status.clone(), |s| status_name(s, lang).to_owned());
            let day = |at: Option<DateTime<Utc>>| {
                at.map_or(Cell::Empty, |at| Cell::Date(at.with_timezone(&kazakhstan_time()).date_naive()))
            };
            sheet.push(vec![
                Cell::Text(r.get(1)?),
                Cell::Text(status),
                day(Some(r.get(3)?)),
                Cell::Text(r.get(4)?),
                Cell::Text(region_name(&r.get::<_, String>(5)?, lang)),
                Cell::Text(r.get(6)?),
                Cell::Text(r.get(7)?),
                Cell::Text(self.items_text(&id, lang)?),
                Cell::Money(r.get(8)?),
                day(Some(r.get(9)?)),
                day(r.get(10)?),
                Cell::Text(r.get::<_, Option<String>>(11)?.unwrap_or_default()),
            ])?;
        }
        Ok(sheet.finish()?)
    }

    /// An order's items on one line: `name × quantity unit; …`, names in `lang`.
    fn items_text(&self, order_id: &str, lang: Lang) -> Result<String, StoreError> {
        Ok(self
            .order_lines(order_id)?
            .into_iter()
            .map(|l| {
                let name = match lang {
                    Lang::Kk => l.name.kk,
                    Lang::Ru => l.name.ru,
                    Lang::En => l.name.en,
                };
                let name = if name.is_empty() { l.classifier_code } else { name };
                format!("{name} × {} {}", l.quantity, l.unit)
            })
            .collect::<Vec<_>>()
            .join("; "))
    }
}

/// A status as the window words it (ui/src/i18n `status.*`).
fn status_name(status: OrderStatus, lang: Lang) -> &'static str {
    use OrderStatus as S;
    let (kk, ru, en) = match status {
        S::Placed => ("Орналастырылған", "Размещён", "Placed"),
        S::Accepted => ("Қабылданған", "Принят", "Accepted"),
        S::InWork => ("Жұмыста", "В работе", "In work"),
        S::Fitting => ("Шақтау", "Примерка", "Fitting"),
        S::Delivered => ("Жеткізілген", "Доставлен", "Delivered"),
        S::Confirmed => ("Алушы растаған", "Подтверждён получателем", "Confirmed by participant"),
        S::Paid => ("Төленген", "Оплачен", "Paid"),
        S::DeclinedBySupplier => ("Жеткізуші бас тартқан", "Отклонён поставщиком", "Declined by supplier"),
        S::CancelledByParticipant => ("Алушы болдырмаған", "Отменён получателем", "Cancelled by participant"),
        S::CancelledAutomatically => {
            ("Автоматты түрде болдырылмаған", "Отменён автоматически", "Cancelled automatically")
        }
        S::Cancelled => ("Болдырылмаған", "Отменён", "Cancelled"),
        S::RefusedAtReceipt => ("Алу кезінде бас тартылған", "Отказ при получении", "Refused at receipt"),
        S::Returned => ("Қайтарылған", "Возвращён", "Returned"),
        S::Replaced => ("Ауыстырылған", "Заменён", "Replaced"),
    };
    lang.pick(kk, ru, en)
}
