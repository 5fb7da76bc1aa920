//! The supplier's offerings as a spreadsheet in the person's language: prices and stock as
//! numbers, the item's name, model, manufacturer and category, the regions by name. (The CSV export is the one to
//! edit and import back; this one is to read, sort and sum.)

use crate::features::documents::{Lang, region_name};
use crate::kernel::access::{Actor, Command};
use crate::kernel::error::ActionError;
use crate::kernel::spreadsheet::{Cell, Sheet};
use crate::kernel::store::Store;

impl Store {
    /// Every offering of the desk, by classifier code, as XLSX.
    pub fn offerings_xlsx(&self, actor: &Actor, lang: Lang) -> Result<Vec<u8>, ActionError> {
        actor.require(Command::OfferingsExport)?;
        let l = |kk, ru, en| lang.pick(kk, ru, en);
        let mut sheet = Sheet::new(
            l("Ұсыныстар", "Предложения", "Offerings"),
            &[
                (l("Код", "Код", "Code"), 13.0),
                (l("Атауы", "Наименование", "Name"), 42.0),
                (l("Моделі", "Модель", "Model"), 24.0),
                (l("Өндіруші", "Производитель", "Manufacturer"), 20.0),
                (l("Санаты", "Категория", "Category"), 16.0),
                (l("Бағасы, ₸", "Цена, ₸", "Price, ₸"), 13.0),
                (l("Шекті баға, ₸", "Предельная цена, ₸", "Limit price, ₸"), 15.0),
                (l("Қалдық", "Остаток", "In stock"), 10.0),
                (l("Өңірлер", "Регионы", "Regions"), 50.0),
                (l("Кепілдік, ай", "Гарантия, мес.", "Warranty, months"), 12.0),
                (l("Жарияланған", "Опубликовано", "Published"), 12.0),
                (l("Сипаттамасы", "Описание", "Description"), 40.0),
            ],
            lang.date_format(),
        )?;
        let mut rows = self.offerings()?;
        rows.sort_by(|a, b| a.classifier_code.cmp(&b.classifier_code).then_with(|| a.id.cmp(&b.id)));
        for o in rows {
            let name = match lang {
                Lang::Kk => o.name.kk,
                Lang::Ru => o.name.ru,
                Lang::En => o.name.en,
            };
            let regions: Vec<String> = o.regions.iter().map(|r| region_name(r, lang)).collect();
            sheet.push(vec![
                Cell::Text(o.classifier_code),
                Cell::Text(name),
                o.model.map_or(Cell::Empty, Cell::Text),
                o.manufacturer.map_or(Cell::Empty, Cell::Text),
                Cell::Text(category_name(o.category, lang).to_owned()),
                Cell::Money(o.price_tiyn),
                Cell::Money(o.limit_price_tiyn),
                Cell::Int(o.stock),
                Cell::Text(regions.join("; ")),
                Cell::Int(i64::from(o.warranty_months)),
                Cell::Text(if o.published { l("иә", "да", "yes") } else { l("жоқ", "нет", "no") }.to_owned()),
                Cell::Text(o.description),
            ])?;
        }
        Ok(sheet.finish()?)
    }
}

/// A category as the window words it (ui/src/i18n `category.*`).
pub(crate) fn category_name(category: portal_api::Category, lang: Lang) -> &'static str {
    use portal_api::Category as C;
    let (kk, ru, en) = match category {
        C::ProstheticOrthopaedic => {
            ("Протездік-ортопедиялық құралдар", "Протезно-ортопедические средства", "Prosthetic and orthopaedic means")
        }
        C::Hearing => ("Сурдотехникалық құралдар", "Сурдотехнические средства", "Hearing (surdotechnical) means"),
        C::Vision => ("Тифлотехникалық құралдар", "Тифлотехнические средства", "Vision (typhlotechnical) means"),
        C::Hygiene => {
            ("Міндетті гигиеналық құралдар", "Обязательные гигиенические средства", "Obligatory hygiene means")
        }
        C::Mobility => {
            ("Арнаулы жүріп-тұру құралдары", "Специальные средства передвижения", "Special means of movement")
        }
        C::OtherAids => ("Басқа көмекші құралдар", "Прочие вспомогательные средства", "Other aids"),
        C::Services => ("Қызметтер", "Услуги", "Services"),
    };
    lang.pick(kk, ru, en)
}
