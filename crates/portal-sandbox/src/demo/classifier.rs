//! The demo classifier: kinds of technical supportive means and services with their names in
//! Kazakh, Russian and English, units, limit prices, fitting and warranty. The names follow the
//! kinds listed in the domain notes; codes and prices are the sandbox's own (plausible, not
//! official).

use portal_api::Category;

/// One row of the demo classifier. Prices in whole tenge (stored in tiyn).
pub(crate) struct ItemSpec {
    pub code: &'static str,
    pub category: Category,
    pub kk: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
    pub unit: &'static str,
    pub limit_tenge: i64,
    pub needs_fitting: bool,
    pub warranty_months: u32,
}

const fn item(
    code: &'static str,
    category: Category,
    names: [&'static str; 3],
    unit: &'static str,
    limit_tenge: i64,
    needs_fitting: bool,
    warranty_months: u32,
) -> ItemSpec {
    let [kk, ru, en] = names;
    ItemSpec { code, category, kk, ru, en, unit, limit_tenge, needs_fitting, warranty_months }
}

use Category::{Hearing, Hygiene, Mobility, OtherAids, ProstheticOrthopaedic as Prosthetic, Services, Vision};

/// The classifier, names in the order Kazakh, Russian, English.
pub(crate) const ITEMS: &[ItemSpec] = &[
    // Prosthetic and orthopaedic means: made or adjusted to measure, fitted in a workshop.
    item(
        "TSR-01-001",
        Prosthetic,
        ["Модульді сирақ протезі", "Протез голени модульный", "Modular below-knee prosthesis"],
        "pcs",
        1_250_000,
        true,
        24,
    ),
    item(
        "TSR-01-002",
        Prosthetic,
        ["Модульді сан протезі", "Протез бедра модульный", "Modular above-knee prosthesis"],
        "pcs",
        1_850_000,
        true,
        24,
    ),
    item("TSR-01-003", Prosthetic, ["Табан протезі", "Протез стопы", "Foot prosthesis"], "pcs", 320_000, true, 12),
    item(
        "TSR-01-004",
        Prosthetic,
        ["Косметикалық қол басы протезі", "Протез кисти косметический", "Cosmetic hand prosthesis"],
        "pcs",
        280_000,
        true,
        12,
    ),
    item(
        "TSR-01-005",
        Prosthetic,
        ["Тартқыш басқарылатын білек протезі", "Протез предплечья тяговый", "Body-powered forearm prosthesis"],
        "pcs",
        650_000,
        true,
        24,
    ),
    item(
        "TSR-01-006",
        Prosthetic,
        ["Сирақ-табан ортезі", "Ортез на голеностопный сустав", "Ankle-foot orthosis"],
        "pcs",
        95_000,
        true,
        12,
    ),
    item(
        "TSR-01-007",
        Prosthetic,
        ["Тізе буынына арналған аппарат", "Аппарат на коленный сустав", "Knee orthosis"],
        "pcs",
        140_000,
        true,
        12,
    ),
    item(
        "TSR-01-008",
        Prosthetic,
        ["Функционалдық-түзеткіш корсет", "Корсет функционально-корригирующий", "Corrective spinal corset"],
        "pcs",
        120_000,
        true,
        12,
    ),
    item(
        "TSR-01-009",
        Prosthetic,
        ["Жарыққа арналған бандаж", "Бандаж грыжевой", "Hernia support belt"],
        "pcs",
        18_000,
        false,
        6,
    ),
    item(
        "TSR-01-010",
        Prosthetic,
        ["Күрделі ортопедиялық аяқ киім", "Обувь ортопедическая сложная", "Complex orthopaedic footwear"],
        "pair",
        85_000,
        true,
        6,
    ),
    item(
        "TSR-01-011",
        Prosthetic,
        [
            "Протезге арналған ортопедиялық аяқ киім",
            "Обувь ортопедическая на протез",
            "Orthopaedic shoe for a prosthesis",
        ],
        "pair",
        45_000,
        true,
        6,
    ),
    item(
        "TSR-01-012",
        Prosthetic,
        ["Ортопедиялық ұлтарақтар", "Стельки ортопедические", "Orthopaedic insoles"],
        "pair",
        12_000,
        true,
        6,
    ),
    // Surdotechnical means (hearing).
    item(
        "TSR-02-001",
        Hearing,
        [
            "Құлақ артындағы цифрлық есту аппараты",
            "Слуховой аппарат заушный цифровой",
            "Digital behind-the-ear hearing aid",
        ],
        "pcs",
        180_000,
        true,
        24,
    ),
    item(
        "TSR-02-002",
        Hearing,
        [
            "Құлақ артындағы аса қуатты есту аппараты",
            "Слуховой аппарат заушный сверхмощный",
            "High-power behind-the-ear hearing aid",
        ],
        "pcs",
        240_000,
        true,
        24,
    ),
    item(
        "TSR-02-003",
        Hearing,
        ["Құлақ ішіне салынатын есту аппараты", "Слуховой аппарат внутриушной", "In-the-ear hearing aid"],
        "pcs",
        260_000,
        true,
        24,
    ),
    item(
        "TSR-02-004",
        Hearing,
        ["Жеке құлақ қалыбы", "Вкладыш ушной индивидуальный", "Custom ear mould"],
        "pcs",
        9_000,
        true,
        6,
    ),
    item(
        "TSR-02-005",
        Hearing,
        ["Мәтіндік шығысы бар телефон", "Телефон с текстовым выходом", "Text telephone"],
        "pcs",
        95_000,
        false,
        12,
    ),
    item(
        "TSR-02-006",
        Hearing,
        [
            "Жарық және діріл дыбыс дабылы",
            "Сигнализатор звука световой и вибрационный",
            "Light and vibration sound signaller",
        ],
        "pcs",
        60_000,
        false,
        12,
    ),
    item(
        "TSR-02-007",
        Hearing,
        [
            "Жасырын субтитрлері бар телемәтінді теледидар",
            "Телевизор с телетекстом для приёма программ со скрытыми субтитрами",
            "Television with teletext and closed captions",
        ],
        "pcs",
        150_000,
        false,
        12,
    ),
    // Typhlotechnical means (vision).
    item("TSR-03-001", Vision, ["Тактильді таяқ", "Трость тактильная", "Tactile cane"], "pcs", 9_500, false, 6),
    item(
        "TSR-03-002",
        Vision,
        ["Жиналмалы тактильді таяқ", "Трость тактильная складная", "Folding tactile cane"],
        "pcs",
        12_000,
        false,
        6,
    ),
    item(
        "TSR-03-003",
        Vision,
        ["Сөйлейтін қол сағаты", "Часы наручные говорящие", "Talking wristwatch"],
        "pcs",
        14_000,
        false,
        12,
    ),
    item(
        "TSR-03-004",
        Vision,
        [
            "Дыбыстық шығысы бар медициналық термометр",
            "Термометр медицинский с речевым выходом",
            "Talking medical thermometer",
        ],
        "pcs",
        7_500,
        false,
        12,
    ),
    item(
        "TSR-03-005",
        Vision,
        ["Дыбыстық шығысы бар тонометр", "Тонометр с речевым выходом", "Talking blood pressure monitor"],
        "pcs",
        22_000,
        false,
        12,
    ),
    item(
        "TSR-03-006",
        Vision,
        [
            "Сөйлейтін кітаптарға арналған флеш-плеер",
            "Флеш-плеер для воспроизведения говорящих книг",
            "Flash player for talking books",
        ],
        "pcs",
        45_000,
        false,
        12,
    ),
    item(
        "TSR-03-007",
        Vision,
        ["Брайль жүйесімен жазуға арналған құрал", "Прибор для письма по системе Брайля", "Braille writing slate"],
        "pcs",
        8_000,
        false,
        12,
    ),
    item(
        "TSR-03-008",
        Vision,
        [
            "Электрондық қол бейнеүлкейткіші",
            "Электронный ручной видеоувеличитель",
            "Handheld electronic video magnifier",
        ],
        "pcs",
        160_000,
        false,
        12,
    ),
    // Obligatory hygiene means: issued in fixed quantities per period.
    item(
        "TSR-04-001",
        Hygiene,
        ["Ересектерге арналған жаялықтар, M өлшемі", "Подгузники для взрослых, размер M", "Adult diapers, size M"],
        "pack",
        9_800,
        false,
        0,
    ),
    item(
        "TSR-04-002",
        Hygiene,
        ["Ересектерге арналған жаялықтар, L өлшемі", "Подгузники для взрослых, размер L", "Adult diapers, size L"],
        "pack",
        10_500,
        false,
        0,
    ),
    item(
        "TSR-04-003",
        Hygiene,
        ["Балаларға арналған жаялықтар", "Подгузники детские", "Children's diapers"],
        "pack",
        6_500,
        false,
        0,
    ),
    item(
        "TSR-04-004",
        Hygiene,
        ["Сіңіргіш жаймалар 60×90", "Впитывающие простыни (пелёнки) 60×90", "Absorbent underpads 60×90"],
        "pack",
        5_200,
        false,
        0,
    ),
    item(
        "TSR-04-005",
        Hygiene,
        ["Бір компонентті калқабылдағыш", "Калоприёмник однокомпонентный", "One-piece colostomy bag"],
        "pcs",
        1_900,
        false,
        0,
    ),
    item(
        "TSR-04-006",
        Hygiene,
        ["Аяққа бекітілетін несепқабылдағыш", "Уроприёмник ножной", "Leg urine bag"],
        "pcs",
        1_400,
        false,
        0,
    ),
    item(
        "TSR-04-007",
        Hygiene,
        [
            "Өздігінен катетерлеуге арналған катетер",
            "Катетер для самокатетеризации лубрицированный",
            "Lubricated catheter for self-catheterisation",
        ],
        "pcs",
        1_100,
        false,
        0,
    ),
    // Special means of movement.
    item(
        "TSR-05-001",
        Mobility,
        [
            "Бөлмеге арналған қол жетекті мүгедектер арбасы",
            "Кресло-коляска с ручным приводом комнатная",
            "Manual indoor wheelchair",
        ],
        "pcs",
        110_000,
        false,
        24,
    ),
    item(
        "TSR-05-002",
        Mobility,
        [
            "Серуендеуге арналған қол жетекті мүгедектер арбасы",
            "Кресло-коляска с ручным приводом прогулочная",
            "Manual outdoor wheelchair",
        ],
        "pcs",
        140_000,
        false,
        24,
    ),
    item(
        "TSR-05-003",
        Mobility,
        ["Белсенді типті мүгедектер арбасы", "Кресло-коляска активного типа", "Active-type wheelchair"],
        "pcs",
        420_000,
        false,
        24,
    ),
    item(
        "TSR-05-004",
        Mobility,
        ["Электр жетекті мүгедектер арбасы", "Кресло-коляска с электроприводом", "Electric wheelchair"],
        "pcs",
        1_450_000,
        false,
        24,
    ),
    item(
        "TSR-05-005",
        Mobility,
        ["Балаларға арналған мүгедектер арбасы", "Кресло-коляска детская", "Children's wheelchair"],
        "pcs",
        260_000,
        false,
        24,
    ),
    item(
        "TSR-05-006",
        Mobility,
        [
            "Церебралды сал ауруы бар балаларға арналған арба",
            "Кресло-коляска для детей с ДЦП",
            "Wheelchair for children with cerebral palsy",
        ],
        "pcs",
        480_000,
        false,
        24,
    ),
    // Other aids.
    item(
        "TSR-06-001",
        OtherAids,
        ["Қолтық балдақтары", "Костыли подмышечные", "Underarm crutches"],
        "pair",
        14_000,
        false,
        12,
    ),
    item(
        "TSR-06-002",
        OtherAids,
        ["Шынтаққа тірелетін балдақтар", "Костыли с опорой под локоть", "Elbow crutches"],
        "pair",
        16_000,
        false,
        12,
    ),
    item(
        "TSR-06-003",
        OtherAids,
        ["Жүруге арналған жүргіншек", "Ходунки шагающие", "Walking frame"],
        "pcs",
        28_000,
        false,
        12,
    ),
    item(
        "TSR-06-004",
        OtherAids,
        ["Ойық жараға қарсы ауа матрацы", "Противопролежневый матрац воздушный", "Anti-bedsore air mattress"],
        "pcs",
        65_000,
        false,
        12,
    ),
    item(
        "TSR-06-005",
        OtherAids,
        ["Ойық жараға қарсы жастық", "Противопролежневая подушка", "Anti-bedsore cushion"],
        "pcs",
        24_000,
        false,
        12,
    ),
    item(
        "TSR-06-006",
        OtherAids,
        ["Санитарлық жабдықталған орындық", "Кресло-стул с санитарным оснащением", "Commode chair"],
        "pcs",
        38_000,
        false,
        12,
    ),
    item(
        "TSR-06-007",
        OtherAids,
        ["Ваннаға арналған орындық", "Сиденье для ванны", "Bath seat"],
        "pcs",
        15_000,
        false,
        12,
    ),
    item("TSR-06-008", OtherAids, ["Тірек таяқ", "Трость опорная", "Walking stick"], "pcs", 6_000, false, 6),
    // Services.
    item(
        "SS-07-001",
        Services,
        ["Санаторийлік-курорттық емдеу", "Санаторно-курортное лечение", "Sanatorium-resort treatment"],
        "day",
        24_000,
        false,
        0,
    ),
    item(
        "SS-07-002",
        Services,
        [
            "Алып жүрушімен санаторийлік-курорттық емдеу",
            "Санаторно-курортное лечение с сопровождающим",
            "Sanatorium-resort treatment with an accompanying person",
        ],
        "day",
        40_000,
        false,
        0,
    ),
    item(
        "SS-07-003",
        Services,
        ["Жеке көмекшінің қызметтері", "Услуги индивидуального помощника", "Individual assistant services"],
        "hour",
        1_300,
        false,
        0,
    ),
    item(
        "SS-07-004",
        Services,
        ["Ымдау тілі маманының қызметтері", "Услуги специалиста жестового языка", "Sign-language specialist services"],
        "hour",
        2_600,
        false,
        0,
    ),
];

/// What the supplier writes about an offering of a category (Russian, as most catalogues are).
pub(crate) fn offering_description(category: Category) -> &'static str {
    match category {
        Prosthetic => {
            "Изготовление по индивидуальным меркам, примерка и подгонка в мастерской, гарантийное обслуживание."
        }
        Hearing => "Подбор и настройка сурдологом, индивидуальный ушной вкладыш, гарантийное обслуживание.",
        Vision => "Доставка по адресу участника и инструктаж по использованию.",
        Hygiene => "Поставка партиями по графику на период, доставка на дом.",
        Mobility => "Сборка и регулировка под пользователя при доставке, гарантийный ремонт.",
        OtherAids => "Доставка и установка по адресу участника.",
        Services => "Оказание услуги по направлению портала в сроки, согласованные с участником.",
    }
}

/// The models and manufacturers of the demo supplier's offerings: (classifier code, whether
/// the economy variant, model, manufacturer). Plausible, like the prices, not a catalogue; what
/// is made to measure in the supplier's own workshop, unbranded goods and services have none,
/// and a tactile cane names its maker only.
const MODELS: &[(&str, bool, Option<&str>, &str)] = &[
    ("TSR-01-001", false, Some("Ottobock Trias 1C30"), "Ottobock SE & Co. KGaA"),
    ("TSR-01-002", false, Some("Össur Total Knee 2100"), "Össur hf."),
    ("TSR-01-003", false, Some("Össur Pro-Flex LP"), "Össur hf."),
    ("TSR-01-005", false, Some("Ottobock MyoHand VariPlus"), "Ottobock SE & Co. KGaA"),
    ("TSR-02-003", false, Some("Phonak Virto P50"), "Sonova AG"),
    ("TSR-02-003", true, Some("Signia Intuis 4 ITE"), "WS Audiology A/S"),
    ("TSR-03-001", false, None, "Ambutech"),
    ("TSR-04-001", false, Some("TENA Slip Plus M"), "Essity AB"),
    ("TSR-04-001", true, Some("Seni Classic M"), "TZMO SA"),
    ("TSR-04-002", false, Some("TENA Slip Plus L"), "Essity AB"),
    ("TSR-04-002", true, Some("Seni Classic L"), "TZMO SA"),
    ("TSR-04-005", false, Some("Coloplast SenSura Mio"), "Coloplast A/S"),
    ("TSR-05-003", false, Some("Küschall Compact 2.0"), "Invacare Corporation"),
    ("TSR-05-003", true, Some("Ortonica S 2000"), "Ortonica"),
    ("TSR-05-004", false, Some("Permobil M3 Corpus"), "Permobil AB"),
    ("TSR-05-004", true, Some("Ortonica Pulse 330"), "Ortonica"),
    ("TSR-05-005", false, Some("Ottobock Kimba Neo"), "Ottobock SE & Co. KGaA"),
    ("TSR-06-003", false, Some("Armed FS912L"), "Armed"),
    ("TSR-06-004", false, Some("Invacare Softform Premier Active 2"), "Invacare Corporation"),
];

/// The model and the manufacturer of the demo offering of `code` (its economy variant or not).
pub(crate) fn offering_model(code: &str, economy: bool) -> (Option<&'static str>, Option<&'static str>) {
    MODELS
        .iter()
        .find(|(c, e, _, _)| *c == code && *e == economy)
        .map_or((None, None), |(_, _, model, manufacturer)| (*model, Some(*manufacturer)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_demo_models_name_classifier_items_and_fit_the_contract() {
        for (code, _, model, manufacturer) in MODELS {
            assert!(ITEMS.iter().any(|i| i.code == *code), "{code}");
            for text in model.iter().chain([manufacturer]) {
                assert_eq!(portal_api::model_text(text), Some(*text), "{code}: trimmed");
                assert!(text.chars().count() <= portal_api::MAX_MODEL_CHARS, "{code}");
            }
        }
        assert_eq!(offering_model("TSR-02-003", false), (Some("Phonak Virto P50"), Some("Sonova AG")));
        assert_eq!(offering_model("TSR-03-001", false), (None, Some("Ambutech")));
        assert_eq!(offering_model("SS-07-001", false), (None, None));
    }

    #[test]
    fn the_classifier_is_complete_and_well_formed() {
        assert!(ITEMS.len() >= 40);
        let codes: HashSet<&str> = ITEMS.iter().map(|i| i.code).collect();
        assert_eq!(codes.len(), ITEMS.len(), "codes are unique");
        for c in Category::ALL {
            assert!(ITEMS.iter().any(|i| i.category == c), "{c:?} has items");
        }
        for i in ITEMS {
            assert!(i.limit_tenge > 0, "{}", i.code);
            assert!(!i.kk.is_empty() && !i.ru.is_empty() && !i.en.is_empty(), "{}", i.code);
            assert!(["pcs", "pair", "pack", "day", "hour"].contains(&i.unit), "{}", i.code);
            if i.category == Services || i.category == Hygiene {
                assert_eq!(i.warranty_months, 0, "{}", i.code);
                assert!(!i.needs_fitting, "{}", i.code);
            }
        }
    }
}
