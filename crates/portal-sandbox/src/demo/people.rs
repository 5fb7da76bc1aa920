//! Demo participants: names in the Kazakh and Russian styles common in Kazakhstan, valid IINs,
//! regions, phones and addresses.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use portal_rules::Iin;

use crate::rng::Rng;
use crate::store::participants::NewParticipant;

/// A region of Kazakhstan: its code, its administrative centre, and (for the 17 regions, not
/// the 3 cities of republican significance) its name for village addresses.
pub(crate) struct Region {
    pub code: &'static str,
    pub centre: &'static str,
    pub oblast: Option<&'static str>,
    /// A rough share of the participants living there.
    pub weight: u64,
}

const fn region(code: &'static str, centre: &'static str, oblast: Option<&'static str>, weight: u64) -> Region {
    Region { code, centre, oblast, weight }
}

/// The 3 cities of republican significance and the 17 regions.
pub(crate) const REGIONS: [Region; 20] = [
    region("KZ-ALA", "г. Алматы", None, 12),
    region("KZ-AST", "г. Астана", None, 8),
    region("KZ-SHY", "г. Шымкент", None, 7),
    region("KZ-ABY", "г. Семей", Some("область Абай"), 4),
    region("KZ-AKM", "г. Кокшетау", Some("Акмолинская обл."), 4),
    region("KZ-AKT", "г. Актобе", Some("Актюбинская обл."), 5),
    region("KZ-ALM", "г. Конаев", Some("Алматинская обл."), 8),
    region("KZ-ATY", "г. Атырау", Some("Атырауская обл."), 4),
    region("KZ-VOS", "г. Усть-Каменогорск", Some("Восточно-Казахстанская обл."), 4),
    region("KZ-ZHA", "г. Тараз", Some("Жамбылская обл."), 6),
    region("KZ-ZHT", "г. Талдыкорган", Some("область Жетісу"), 4),
    region("KZ-ZAP", "г. Уральск", Some("Западно-Казахстанская обл."), 4),
    region("KZ-KAR", "г. Караганда", Some("Карагандинская обл."), 6),
    region("KZ-KUS", "г. Костанай", Some("Костанайская обл."), 4),
    region("KZ-KZY", "г. Кызылорда", Some("Кызылординская обл."), 4),
    region("KZ-MAN", "г. Актау", Some("Мангистауская обл."), 4),
    region("KZ-PAV", "г. Павлодар", Some("Павлодарская обл."), 4),
    region("KZ-SEV", "г. Петропавловск", Some("Северо-Казахстанская обл."), 3),
    region("KZ-YUZ", "г. Туркестан", Some("Туркестанская обл."), 9),
    region("KZ-ULT", "г. Жезказган", Some("область Ұлытау"), 2),
];

const KZ_MALE: &[&str] = &[
    "Ерлан",
    "Нурлан",
    "Асхат",
    "Бауыржан",
    "Даурен",
    "Серик",
    "Марат",
    "Ержан",
    "Канат",
    "Айдос",
    "Арман",
    "Болат",
    "Жандос",
    "Мухтар",
    "Талгат",
    "Ерболат",
    "Нуржан",
    "Бекзат",
    "Санжар",
    "Алихан",
    "Темирлан",
    "Габит",
    "Кайрат",
    "Медеу",
];
const KZ_FEMALE: &[&str] = &[
    "Айгерим",
    "Гульнара",
    "Динара",
    "Жанар",
    "Салтанат",
    "Айжан",
    "Асель",
    "Мадина",
    "Гульмира",
    "Куралай",
    "Жулдыз",
    "Назгуль",
    "Бибигуль",
    "Сауле",
    "Толкын",
    "Алия",
    "Камила",
    "Аружан",
    "Индира",
    "Раушан",
];
const KZ_SURNAMES: &[&str] = &[
    "Ахметов",
    "Жумабаев",
    "Серикбаев",
    "Нурланов",
    "Касымов",
    "Омаров",
    "Искаков",
    "Абдрахманов",
    "Бекжанов",
    "Тулегенов",
    "Сагындыков",
    "Есенов",
    "Калиев",
    "Мукашев",
    "Байжанов",
    "Смагулов",
    "Кенжебаев",
    "Утепов",
    "Оспанов",
    "Жаксылыков",
    "Турсунов",
    "Ибраев",
    "Садыков",
    "Бейсенов",
    "Нурмагамбетов",
    "Сатпаев",
];
/// Fathers' names that take the -ович/-овна and -ұлы/-қызы endings as they are.
const KZ_FATHERS: &[&str] = &[
    "Ерлан",
    "Нурлан",
    "Серик",
    "Марат",
    "Канат",
    "Болат",
    "Талгат",
    "Мурат",
    "Асхат",
    "Ермек",
    "Бахыт",
    "Кайрат",
    "Даулет",
    "Жомарт",
    "Сабит",
    "Рахым",
    "Амантай",
    "Бекет",
];
const RU_MALE: &[&str] =
    &["Сергей", "Александр", "Владимир", "Николай", "Андрей", "Виктор", "Михаил", "Дмитрий", "Юрий", "Олег"];
const RU_FEMALE: &[&str] =
    &["Татьяна", "Ольга", "Наталья", "Людмила", "Галина", "Елена", "Светлана", "Ирина", "Валентина", "Нина"];
const RU_SURNAMES: &[&str] = &[
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Соколов",
    "Морозов",
    "Новиков",
    "Фёдоров",
    "Ким",
    "Шевченко",
    "Пак",
    "Бондаренко",
    "Цой",
    "Лукин",
];
/// Russian patronymics, male and female.
const RU_PATRONYMICS: &[(&str, &str)] = &[
    ("Иванович", "Ивановна"),
    ("Петрович", "Петровна"),
    ("Николаевич", "Николаевна"),
    ("Сергеевич", "Сергеевна"),
    ("Викторович", "Викторовна"),
    ("Александрович", "Александровна"),
    ("Владимирович", "Владимировна"),
    ("Михайлович", "Михайловна"),
];
const STREETS: &[&str] = &[
    "ул. Абая",
    "пр. Достык",
    "ул. Сатпаева",
    "ул. Толе би",
    "ул. Жибек жолы",
    "ул. Кабанбай батыра",
    "пр. Республики",
    "ул. Байтурсынова",
    "ул. Ауэзова",
    "ул. Жамбыла",
    "ул. Пушкина",
    "ул. Гагарина",
    "ул. Момышулы",
    "ул. Райымбека",
    "ул. Желтоксан",
    "ул. Муканова",
];
const VILLAGES: &[&str] = &[
    "с. Акбулак",
    "с. Жанатурмыс",
    "с. Коктобе",
    "с. Кызылжар",
    "с. Каратал",
    "с. Бирлик",
    "с. Енбек",
    "с. Жанаталап",
    "с. Береке",
    "с. Достык",
];
const MOBILE_PREFIXES: &[&str] = &["701", "702", "705", "707", "747", "771", "775", "777", "778"];

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    rng.pick(items).copied().unwrap_or_default()
}

/// A surname in the form for the person's sex (-ов/-ев/-ин take -а; others do not change).
fn surname_for(surname: &str, female: bool) -> String {
    if female && (surname.ends_with("ов") || surname.ends_with("ев") || surname.ends_with("ин")) {
        format!("{surname}а")
    } else {
        surname.to_owned()
    }
}

fn full_name(rng: &mut Rng, female: bool) -> String {
    if rng.percent(75) {
        let surname = surname_for(pick(rng, KZ_SURNAMES), female);
        let first = pick(rng, if female { KZ_FEMALE } else { KZ_MALE });
        let father = pick(rng, KZ_FATHERS);
        let patronymic = match (rng.percent(20), female) {
            (true, false) => format!("{father}ұлы"),
            (true, true) => format!("{father}қызы"),
            (false, false) => format!("{father}ович"),
            (false, true) => format!("{father}овна"),
        };
        format!("{surname} {first} {patronymic}")
    } else {
        let surname = surname_for(pick(rng, RU_SURNAMES), female);
        let first = pick(rng, if female { RU_FEMALE } else { RU_MALE });
        let (male_p, female_p) = rng.pick(RU_PATRONYMICS).copied().unwrap_or(("Иванович", "Ивановна"));
        format!("{surname} {first} {}", if female { female_p } else { male_p })
    }
}

/// An IIN for a person born on `birth` (YYMMDD, then the century-and-sex digit, a serial, and
/// the check digit), unique among `taken`.
fn iin(rng: &mut Rng, birth: NaiveDate, female: bool, taken: &mut HashSet<String>) -> String {
    let yy = birth.year().rem_euclid(100) as u8;
    let century_sex = match (birth.year() >= 2000, female) {
        (false, false) => 3,
        (false, true) => 4,
        (true, false) => 5,
        (true, true) => 6,
    };
    loop {
        let serial = rng.below(10_000) as u16;
        let digits = [
            yy / 10,
            yy % 10,
            (birth.month() / 10) as u8,
            (birth.month() % 10) as u8,
            (birth.day() / 10) as u8,
            (birth.day() % 10) as u8,
            century_sex,
            (serial / 1000) as u8,
            (serial / 100 % 10) as u8,
            (serial / 10 % 10) as u8,
            (serial % 10) as u8,
        ];
        // About one number in a hundred has no check digit; another serial is then taken.
        if let Some(iin) = Iin::complete(&digits) {
            let s = iin.to_string();
            if taken.insert(s.clone()) {
                return s;
            }
        }
    }
}

fn weighted_region<'a>(rng: &mut Rng, regions: &'a [Region]) -> &'a Region {
    let total: u64 = regions.iter().map(|r| r.weight).sum();
    let mut x = rng.below(total);
    for r in regions {
        if x < r.weight {
            return r;
        }
        x -= r.weight;
    }
    &regions[0]
}

fn address(rng: &mut Rng, region: &Region) -> String {
    let house = rng.range(1, 180);
    match region.oblast {
        Some(oblast) if rng.percent(30) => {
            format!("{oblast}, {}, {}, д. {house}", pick(rng, VILLAGES), pick(rng, STREETS))
        }
        _ => {
            if rng.percent(70) {
                format!("{}, {}, д. {house}, кв. {}", region.centre, pick(rng, STREETS), rng.range(1, 240))
            } else {
                format!("{}, {}, д. {house}", region.centre, pick(rng, STREETS))
            }
        }
    }
}

fn phone(rng: &mut Rng) -> String {
    format!("+7 {} {:03} {:02} {:02}", pick(rng, MOBILE_PREFIXES), rng.below(1000), rng.below(100), rng.below(100))
}

/// `count` participants, reproducible from the generator's state. `today` anchors their ages
/// (children with disabilities to the very old).
pub(crate) fn participants(rng: &mut Rng, count: usize, today: NaiveDate) -> Vec<NewParticipant> {
    let mut taken = HashSet::new();
    (0..count)
        .map(|_| {
            let female = rng.percent(55);
            let age_days = rng.range(4 * 365, 92 * 365);
            let birth = today - chrono::TimeDelta::days(age_days);
            let region = weighted_region(rng, &REGIONS);
            NewParticipant {
                id: rng.uuid(),
                iin: iin(rng, birth, female, &mut taken),
                full_name: full_name(rng, female),
                region: region.code.to_owned(),
                phone: phone(rng),
                address: address(rng, region),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_have_valid_unique_iins_and_known_regions() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        let people = participants(&mut Rng::new(5), 400, today);
        let iins: HashSet<&str> = people.iter().map(|p| p.iin.as_str()).collect();
        assert_eq!(iins.len(), people.len());
        for p in &people {
            assert!(Iin::parse(&p.iin).is_ok(), "{}", p.iin);
            assert!(REGIONS.iter().any(|r| r.code == p.region), "{}", p.region);
            assert_eq!(p.full_name.split(' ').count(), 3, "{}", p.full_name);
            assert!(p.phone.starts_with("+7 7"), "{}", p.phone);
        }
        let regions: HashSet<&str> = people.iter().map(|p| p.region.as_str()).collect();
        assert!(regions.len() >= 15, "participants are spread over the country");
    }

    #[test]
    fn the_same_seed_gives_the_same_people() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        let a: Vec<String> = participants(&mut Rng::new(9), 20, today).into_iter().map(|p| p.iin).collect();
        let b: Vec<String> = participants(&mut Rng::new(9), 20, today).into_iter().map(|p| p.iin).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn female_surnames_agree() {
        assert_eq!(surname_for("Ахметов", true), "Ахметова");
        assert_eq!(surname_for("Ахметов", false), "Ахметов");
        assert_eq!(surname_for("Ким", true), "Ким");
        assert_eq!(surname_for("Лукин", true), "Лукина");
    }
}
