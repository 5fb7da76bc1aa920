//! The documents' fixed texts, one table per language, and the names of regions. A document is
//! printed in one language as a whole: the words here, and the classifier's item names in the
//! same language.

use chrono::NaiveDate;

/// The language a document is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Kk,
    Ru,
    En,
}

impl Lang {
    /// `kk`, `ru` or `en`.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub(crate) fn texts(self) -> &'static Texts {
        match self {
            Lang::Kk => &KK,
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }

    /// One of three words, by language.
    pub(crate) fn pick(self, kk: &'static str, ru: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }

    /// [`Lang::date`] as a spreadsheet's number format.
    pub(crate) fn date_format(self) -> &'static str {
        match self {
            Lang::Kk | Lang::Ru => "dd.mm.yyyy",
            Lang::En => "yyyy-mm-dd",
        }
    }

    /// Dates as people in Kazakhstan write them (`dd.mm.yyyy`); English uses ISO, which no one
    /// misreads.
    pub(crate) fn date(self, d: NaiveDate) -> String {
        match self {
            Lang::Kk | Lang::Ru => d.format("%d.%m.%Y").to_string(),
            Lang::En => d.format("%Y-%m-%d").to_string(),
        }
    }
}

pub(crate) struct Texts {
    pub delivery_act: &'static str,
    pub fitting_act: &'static str,
    pub order_no: &'static str,
    pub dated: &'static str,
    pub supplier: &'static str,
    pub supplier_name: &'static str,
    pub bin: &'static str,
    pub participant: &'static str,
    pub full_name: &'static str,
    pub region: &'static str,
    pub address: &'static str,
    pub items: &'static str,
    pub col_no: &'static str,
    pub col_code: &'static str,
    pub col_name: &'static str,
    pub col_qty: &'static str,
    pub col_price: &'static str,
    pub col_total: &'static str,
    pub grand_total: &'static str,
    pub serial_numbers: &'static str,
    pub none: &'static str,
    pub delivered_on: &'static str,
    pub delivery_place: &'static str,
    /// "Received by", then the participant or "representative" and the name.
    pub received_by: &'static str,
    pub received_by_participant: &'static str,
    pub received_by_representative: &'static str,
    pub notes: &'static str,
    pub fitted_on: &'static str,
    pub technician: &'static str,
    pub adjustments: &'static str,
    pub warranty_start: &'static str,
    pub delivery_statement: &'static str,
    pub fitting_statement: &'static str,
    pub signed_supplier: &'static str,
    pub signed_participant: &'static str,
    pub signature: &'static str,
    pub name_hint: &'static str,
    pub stamp: &'static str,
    pub date: &'static str,
    pub label_order: &'static str,
    pub label_placed: &'static str,
}

static KK: Texts = Texts {
    delivery_act: "Тауарды беру актісі",
    fitting_act: "Бұйымды шақтау актісі",
    order_no: "Тапсырыс №",
    dated: "күні",
    supplier: "Өнім беруші",
    supplier_name: "Атауы",
    bin: "БСН",
    participant: "Алушы",
    full_name: "Аты-жөні",
    region: "Өңір",
    address: "Мекенжайы",
    items: "Тауарлар",
    col_no: "№",
    col_code: "Коды",
    col_name: "Атауы",
    col_qty: "Саны",
    col_price: "Бағасы",
    col_total: "Сомасы",
    grand_total: "Барлығы",
    serial_numbers: "Сериялық нөмірлер",
    none: "жоқ",
    delivered_on: "Берілген күні",
    delivery_place: "Берілген орны",
    received_by: "Кім алды",
    received_by_participant: "алушының өзі",
    received_by_representative: "өкілі",
    notes: "Ескертпе",
    fitted_on: "Шақтау күні",
    technician: "Маман",
    adjustments: "Түзетулер",
    warranty_start: "Кепілдік басталған күн",
    delivery_statement: "Жоғарыда аталған тауарлар толық көлемде берілді, алушының сапасы мен жиынтығы бойынша шағымы жоқ.",
    fitting_statement: "Бұйым алушыға шақталды, түзетулер жасалды, кепілдік мерзімі көрсетілген күннен басталады.",
    signed_supplier: "Өнім беруші өкілі",
    signed_participant: "Алушы (немесе заңды өкілі)",
    signature: "қолы",
    name_hint: "аты-жөні",
    stamp: "М.О.",
    date: "Күні",
    label_order: "Тапсырыс",
    label_placed: "Берілген",
};

static RU: Texts = Texts {
    delivery_act: "Акт приёма-передачи товара",
    fitting_act: "Акт примерки и подгонки изделия",
    order_no: "Заказ №",
    dated: "от",
    supplier: "Поставщик",
    supplier_name: "Наименование",
    bin: "БИН",
    participant: "Получатель",
    full_name: "ФИО",
    region: "Регион",
    address: "Адрес",
    items: "Товары",
    col_no: "№",
    col_code: "Код",
    col_name: "Наименование",
    col_qty: "Кол-во",
    col_price: "Цена",
    col_total: "Сумма",
    grand_total: "Итого",
    serial_numbers: "Серийные номера",
    none: "нет",
    delivered_on: "Дата передачи",
    delivery_place: "Место передачи",
    received_by: "Получил",
    received_by_participant: "получатель лично",
    received_by_representative: "представитель",
    notes: "Примечание",
    fitted_on: "Дата примерки",
    technician: "Специалист",
    adjustments: "Подгонка",
    warranty_start: "Начало гарантии",
    delivery_statement: "Перечисленные товары переданы в полном объёме; претензий по качеству и комплектности получатель не имеет.",
    fitting_statement: "Изделие примерено и подогнано получателю; гарантийный срок исчисляется с указанной даты.",
    signed_supplier: "Представитель поставщика",
    signed_participant: "Получатель (или законный представитель)",
    signature: "подпись",
    name_hint: "ФИО",
    stamp: "М.П.",
    date: "Дата",
    label_order: "Заказ",
    label_placed: "Оформлен",
};

static EN: Texts = Texts {
    delivery_act: "Act of delivery",
    fitting_act: "Act of fitting",
    order_no: "Order No.",
    dated: "of",
    supplier: "Supplier",
    supplier_name: "Name",
    bin: "BIN",
    participant: "Participant",
    full_name: "Full name",
    region: "Region",
    address: "Address",
    items: "Items",
    col_no: "No.",
    col_code: "Code",
    col_name: "Name",
    col_qty: "Qty",
    col_price: "Unit price",
    col_total: "Total",
    grand_total: "Total",
    serial_numbers: "Serial numbers",
    none: "none",
    delivered_on: "Delivered on",
    delivery_place: "Place of delivery",
    received_by: "Received by",
    received_by_participant: "the participant",
    received_by_representative: "representative",
    notes: "Notes",
    fitted_on: "Fitted on",
    technician: "Technician",
    adjustments: "Adjustments",
    warranty_start: "Warranty starts",
    delivery_statement: "The items listed above were handed over in full; the participant has no complaint about their quality or completeness.",
    fitting_statement: "The item was fitted to the participant and adjusted; the warranty runs from the date given.",
    signed_supplier: "For the supplier",
    signed_participant: "Participant (or legal representative)",
    signature: "signature",
    name_hint: "full name",
    stamp: "Seal",
    date: "Date",
    label_order: "Order",
    label_placed: "Placed",
};

/// Kazakhstan's regions and cities of republican significance (ISO 3166-2:KZ), as the UI's
/// region list names them: (code, kk, ru, en).
const REGIONS: [(&str, &str, &str, &str); 20] = [
    ("KZ-AST", "Астана", "Астана", "Astana"),
    ("KZ-ALA", "Алматы", "Алматы", "Almaty"),
    ("KZ-SHY", "Шымкент", "Шымкент", "Shymkent"),
    ("KZ-ABY", "Абай облысы", "Область Абай", "Abai Region"),
    ("KZ-AKM", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
    ("KZ-AKT", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    ("KZ-ALM", "Алматы облысы", "Алматинская область", "Almaty Region"),
    ("KZ-ATY", "Атырау облысы", "Атырауская область", "Atyrau Region"),
    ("KZ-VOS", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"),
    ("KZ-ZHA", "Жамбыл облысы", "Жамбылская область", "Jambyl Region"),
    ("KZ-ZHT", "Жетісу облысы", "Область Жетісу", "Zhetysu Region"),
    ("KZ-ZAP", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"),
    ("KZ-KAR", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    ("KZ-KUS", "Қостанай облысы", "Костанайская область", "Kostanay Region"),
    ("KZ-KZY", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    ("KZ-MAN", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    ("KZ-PAV", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    ("KZ-SEV", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"),
    ("KZ-YUZ", "Түркістан облысы", "Туркестанская область", "Turkestan Region"),
    ("KZ-ULT", "Ұлытау облысы", "Область Ұлытау", "Ulytau Region"),
];

/// The region's name in `lang`, or the code itself when it is not one we know.
pub(crate) fn region_name(code: &str, lang: Lang) -> String {
    let code = code.trim().to_ascii_uppercase();
    REGIONS
        .iter()
        .find(|r| r.0 == code)
        .map(|r| match lang {
            Lang::Kk => r.1,
            Lang::Ru => r.2,
            Lang::En => r.3,
        })
        .map_or(code.clone(), str::to_owned)
}

/// Initials for a label: the family name's first letter and the given names' first letters
/// (`Айгүл Серікқызы Нұрланова` → `А. С. Н.`), so a label on a shelf names no one in full.
pub(crate) fn initials(full_name: &str) -> String {
    full_name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_keep_only_first_letters() {
        assert_eq!(initials("Айгүл Серікқызы Нұрланова"), "А. С. Н.");
        assert_eq!(initials("  өмірзақ   ұлы "), "Ө. Ұ.");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn regions_are_named_per_language_and_unknown_codes_pass_through() {
        assert_eq!(region_name("kz-vos", Lang::Kk), "Шығыс Қазақстан облысы");
        assert_eq!(region_name("KZ-ALA", Lang::En), "Almaty");
        assert_eq!(region_name("KZ-XXX", Lang::Ru), "KZ-XXX");
        let mut ours = REGIONS.map(|r| r.0);
        let mut model = crate::kernel::model::REGION_CODES;
        ours.sort_unstable();
        model.sort_unstable();
        assert_eq!(ours, model, "every region the desk knows has a name on documents");
    }

    #[test]
    fn languages_parse_from_their_codes_only() {
        assert_eq!(Lang::parse(" KK "), Some(Lang::Kk));
        assert_eq!(Lang::parse("ru").map(Lang::code), Some("ru"));
        assert_eq!(Lang::parse("de"), None);
    }
}
