//! The claim letter: the supplier's written demand to the payer for the money of orders whose
//! payment term has passed, listing each order with its confirmation date, the end of the term,
//! the days late and the amount still owed. With the outage journal, the supplier's evidence.

use chrono::NaiveDate;

use super::DocumentError;
use super::font::Fonts;
use super::layout::{A4, Flow, Weight};
use super::text::Lang;
use crate::features::money::views::OwedOrder;
use crate::kernel::money::Money;
use crate::replica::supplier_profile::SupplierProfile;

const BODY: f32 = 10.0;
const LEADING: f32 = 14.0;
const MARGIN: f32 = 50.0;

struct Words {
    title: &'static str,
    date: &'static str,
    from: &'static str,
    bin: &'static str,
    to: &'static str,
    payer: &'static str,
    body: &'static str,
    col_no: &'static str,
    col_order: &'static str,
    col_confirmed: &'static str,
    col_due: &'static str,
    col_days: &'static str,
    col_owed: &'static str,
    total: &'static str,
    closing: &'static str,
    signed: &'static str,
}

static KK: Words = Words {
    title: "Төлем туралы талап-хат",
    date: "Күні",
    from: "Кімнен",
    bin: "БСН",
    to: "Кімге",
    payer: "әлеуметтік қызметтер порталы бойынша төлеушіге",
    body: "Әлеуметтік қызметтер порталы арқылы алушыларға жеткізілген және олар алғанын растаған төмендегі тапсырыстар бойынша төлем мерзімі өтті. Берешекті өтеуді сұраймыз.",
    col_no: "№",
    col_order: "Тапсырыс",
    col_confirmed: "Расталды",
    col_due: "Төлем мерзімі",
    col_days: "Кешікті, күн",
    col_owed: "Берешек, ₸",
    total: "Барлығы",
    closing: "Төлем жүргізілмеген жағдайда заңда белгіленген тәртіппен шара қолдануға құқылымыз.",
    signed: "Өнім берушінің басшысы",
};

static RU: Words = Words {
    title: "Претензия об оплате",
    date: "Дата",
    from: "От",
    bin: "БИН",
    to: "Кому",
    payer: "плательщику по порталу социальных услуг",
    body: "По следующим заказам, поставленным получателям через портал социальных услуг и подтверждённым ими, срок оплаты истёк. Просим погасить задолженность.",
    col_no: "№",
    col_order: "Заказ",
    col_confirmed: "Подтверждён",
    col_due: "Срок оплаты",
    col_days: "Просрочка, дн.",
    col_owed: "Долг, ₸",
    total: "Итого",
    closing: "При неоплате оставляем за собой право обратиться за защитой своих прав в установленном законом порядке.",
    signed: "Руководитель поставщика",
};

static EN: Words = Words {
    title: "Claim for payment",
    date: "Date",
    from: "From",
    bin: "BIN",
    to: "To",
    payer: "the payer of the portal of social services",
    body: "The payment term has passed for the following orders, delivered to participants through the portal of social services and confirmed by them. We ask that the debt be paid.",
    col_no: "No.",
    col_order: "Order",
    col_confirmed: "Confirmed",
    col_due: "Payment due",
    col_days: "Days late",
    col_owed: "Owed, ₸",
    total: "Total",
    closing: "Failing payment, we reserve the right to protect our rights as the law provides.",
    signed: "Head of the supplier",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Kk => &KK,
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// Renders the claim letter for `late` orders on `today` as PDF bytes.
pub(crate) fn render(
    supplier: Option<&SupplierProfile>,
    late: &[OwedOrder],
    today: NaiveDate,
    lang: Lang,
    fonts: &Fonts,
) -> Result<Vec<u8>, DocumentError> {
    if late.is_empty() {
        return Err(DocumentError::Invalid { field: "orders", message: "no order's payment is late".into() });
    }
    let w = words(lang);
    let blank = "____________________";
    let mut flow = Flow::new(fonts, A4, MARGIN);
    let (left, right) = (flow.left(), flow.right());
    let value_x = left + 70.0;

    flow.advance(8.0);
    flow.text(left, w.title, 16.0, Weight::Bold);
    flow.advance(22.0);
    for (label, value) in [
        (w.date, lang.date(today)),
        (w.from, supplier.map_or(blank.to_owned(), |s| s.name.clone())),
        (w.bin, supplier.map_or(blank.to_owned(), |s| s.bin.clone())),
        (w.to, w.payer.to_owned()),
    ] {
        flow.text(left, &format!("{label}:"), BODY, Weight::Regular);
        flow.text(value_x, &value, BODY, Weight::Regular);
        flow.advance(LEADING);
    }
    flow.rule(left, right, 4.0, 0.8);
    flow.advance(22.0);
    flow.paragraph(left, right - left, w.body, BODY, LEADING);
    flow.advance(12.0);

    let x_order = left + 24.0;
    let (x_confirmed, x_due) = (left + 150.0, left + 230.0);
    let (r_days, r_owed) = (right - 95.0, right);
    let header = |flow: &mut Flow<'_>| {
        flow.text(left, w.col_no, 9.0, Weight::Bold);
        flow.text(x_order, w.col_order, 9.0, Weight::Bold);
        flow.text(x_confirmed, w.col_confirmed, 9.0, Weight::Bold);
        flow.text(x_due, w.col_due, 9.0, Weight::Bold);
        flow.text_right(r_days, w.col_days, 9.0, Weight::Bold);
        flow.text_right(r_owed, w.col_owed, 9.0, Weight::Bold);
        flow.rule(left, right, 5.0, 0.5);
        flow.advance(LEADING + 4.0);
    };
    flow.keep(LEADING * 3.0);
    header(&mut flow);
    let mut total = 0_i64;
    for (i, o) in late.iter().enumerate() {
        flow.keep(LEADING);
        let date = |d: Option<NaiveDate>| d.map_or(String::new(), |d| lang.date(d));
        flow.text(left, &(i + 1).to_string(), BODY, Weight::Regular);
        flow.text(x_order, &o.number, BODY, Weight::Regular);
        flow.text(x_confirmed, &date(o.confirmed_on), BODY, Weight::Regular);
        flow.text(x_due, &date(o.due_on), BODY, Weight::Regular);
        flow.text_right(r_days, &o.days_late.to_string(), BODY, Weight::Regular);
        flow.text_right(r_owed, &Money::from_tiyn(o.owed_tiyn).to_string(), BODY, Weight::Regular);
        flow.advance(LEADING);
        total = total.saturating_add(o.owed_tiyn);
    }
    flow.rule(left, right, -LEADING + 4.0, 0.5);
    flow.advance(4.0);
    flow.keep(LEADING);
    flow.text_right(r_days, &format!("{}:", w.total), BODY, Weight::Bold);
    flow.text_right(r_owed, &Money::from_tiyn(total).to_string(), BODY, Weight::Bold);
    flow.advance(LEADING * 2.0);
    flow.paragraph(left, right - left, w.closing, BODY, LEADING);
    flow.advance(40.0);
    flow.keep(LEADING * 3.0);
    flow.text(left, &format!("{}: ____________________ / ____________________", w.signed), BODY, Weight::Regular);
    super::layout::write_pdf(flow.into_pages(), A4, fonts, w.title, lang.code())
}
