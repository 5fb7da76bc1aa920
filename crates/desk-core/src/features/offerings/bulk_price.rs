//! One price change over a filtered set of offerings: by a percentage, or to one fixed price.
//! All or nothing: when any new price would be above its classifier item's limit price (or not
//! positive), nothing is applied and each such offering is listed; otherwise every changed
//! price is one `UpdateOffering` with its own outbox and audit entry, all in one transaction.
//!
//! Safe to click: the change applies exactly the steps the person saw in the preview, and is
//! refused when any price has moved since (a second click of the same change finds the prices
//! already changed). An undo puts the earlier prices back as new changes, again only where the
//! prices are still those the change left.

use portal_api::MutationBody;
use rusqlite::OptionalExtension;

use super::views::{
    BulkPriceOutcome, OfferingFilter, OfferingRow, PriceChangeInput, PriceRefusal, PriceStep, Rounding,
};
use crate::kernel::Problem;
use crate::kernel::access::Actor;
use crate::kernel::error::{ActionError, invalid};
use crate::kernel::money::Money;
use crate::kernel::store::{Store, StoreError};
use crate::replica::act_in;

/// The largest rise a percentage may ask for (+1000 %), in hundredths of a percent.
const MAX_RISE_HUNDREDTHS: i64 = 100_000;

/// A validated price change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceChange {
    /// In hundredths of a percent: `-1000` is −10 %.
    Percent(i64),
    Fixed(Money),
}

impl TryFrom<&PriceChangeInput> for PriceChange {
    type Error = ActionError;
    fn try_from(input: &PriceChangeInput) -> Result<PriceChange, ActionError> {
        match input {
            PriceChangeInput::Percent(text) => {
                let text = text.trim().trim_end_matches('%');
                // A percentage has the shape of an amount with two decimals: 5,5 % = 550 hundredths.
                let hundredths = Money::parse(text)
                    .map_err(|_| {
                        invalid(
                            "change",
                            Problem::new("percent_not_number", "the percentage must be a number, like -10 or 5,5"),
                        )
                    })?
                    .tiyn();
                if hundredths == 0 {
                    return Err(invalid("change", Problem::new("percent_zero", "a change of 0 % changes nothing")));
                }
                if hundredths <= -10_000 {
                    return Err(invalid(
                        "change",
                        Problem::new("percent_fall_too_far", "a price cannot fall by 100 % or more"),
                    ));
                }
                if hundredths > MAX_RISE_HUNDREDTHS {
                    return Err(invalid(
                        "change",
                        Problem::new("percent_rise_too_far", "a price cannot rise by more than 1000 %"),
                    ));
                }
                Ok(PriceChange::Percent(hundredths))
            }
            PriceChangeInput::Fixed(text) => {
                let price = Money::parse(text).map_err(|e| invalid("change", e.problem()))?;
                if price.tiyn() <= 0 {
                    return Err(invalid(
                        "change",
                        Problem::new("price_not_positive", "the new price must be above zero"),
                    ));
                }
                Ok(PriceChange::Fixed(price))
            }
        }
    }
}

impl PriceChange {
    /// The new price of an offering now at `price_tiyn`, rounded half away from zero.
    pub fn apply(self, price_tiyn: i64) -> i64 {
        match self {
            PriceChange::Fixed(m) => m.tiyn(),
            PriceChange::Percent(h) => {
                let scaled = i128::from(price_tiyn) * i128::from(10_000 + h);
                let rounded = (scaled + 5_000 * scaled.signum()) / 10_000;
                i64::try_from(rounded).unwrap_or(i64::MAX)
            }
        }
    }
}

impl Rounding {
    /// `price_tiyn` rounded as chosen, at most `limit_tiyn`.
    pub fn round(self, price_tiyn: i64, limit_tiyn: i64) -> i64 {
        match self {
            Rounding::Tiyn => price_tiyn,
            Rounding::WholeTenge => {
                let whole = (price_tiyn + 50).div_euclid(100) * 100;
                if whole > limit_tiyn { limit_tiyn.div_euclid(100) * 100 } else { whole }
            }
        }
    }
}

/// Whether `row` is one the filter covers.
pub fn matches(filter: &OfferingFilter, row: &OfferingRow) -> bool {
    if filter.category.is_some_and(|c| c != row.category) || filter.published.is_some_and(|p| p != row.published) {
        return false;
    }
    let needle = filter.search.trim().to_lowercase();
    needle.is_empty()
        || [&row.classifier_code, &row.name.kk, &row.name.ru, &row.name.en]
            .iter()
            .any(|text| text.to_lowercase().contains(&needle))
}

/// The covered offerings with their new prices, and the refusals.
struct Plan {
    matched: usize,
    changes: Vec<PriceStep>,
    refused: Vec<PriceRefusal>,
}

impl Store {
    /// What the change would do, without doing it: the dialog's preview.
    pub fn preview_bulk_price(
        &self,
        filter: &OfferingFilter,
        change: PriceChange,
        rounding: Rounding,
    ) -> Result<BulkPriceOutcome, StoreError> {
        let plan = self.plan(filter, change, rounding)?;
        Ok(outcome(&plan, false))
    }

    /// Applies the change to every covered offering in one transaction, or to none (the
    /// outcome then lists the offerings it would put above their limit price). With
    /// `expected` (the preview's steps), refused unless the change still makes exactly those.
    pub fn change_prices(
        &mut self,
        actor: &Actor,
        filter: &OfferingFilter,
        change: PriceChange,
        rounding: Rounding,
        expected: Option<&[PriceStep]>,
    ) -> Result<BulkPriceOutcome, ActionError> {
        actor.require(crate::kernel::access::Command::OfferingsPriceChange)?;
        let plan = self.plan(filter, change, rounding)?;
        if let Some(expected) = expected {
            let key = |s: &PriceStep| (s.offering_id.clone(), s.price_tiyn, s.new_price_tiyn);
            if plan.changes.iter().map(key).ne(expected.iter().map(key)) {
                return Err(invalid(
                    "change",
                    Problem::new("prices_moved", "the prices changed since the preview: look at it again"),
                ));
            }
        }
        if plan.matched == 0 {
            return Err(invalid("filter", Problem::new("filter_matches_nothing", "no offering matches the filter")));
        }
        if !plan.refused.is_empty() {
            return Ok(outcome(&plan, false));
        }
        let tx = self.transaction()?;
        for step in &plan.changes {
            act_in(&tx, actor, set_price(&step.offering_id, step.new_price_tiyn))?;
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(outcome(&plan, true))
    }

    /// Puts back the prices a change replaced (`steps`, as the change answered), as new changes
    /// in one transaction; refused whole when any of those prices has moved since.
    pub fn undo_price_change(&mut self, actor: &Actor, steps: &[PriceStep]) -> Result<BulkPriceOutcome, ActionError> {
        actor.require(crate::kernel::access::Command::OfferingsPriceChange)?;
        let tx = self.transaction()?;
        for step in steps {
            let now: Option<i64> = tx
                .query_row("SELECT price_tiyn FROM offerings WHERE id = ?1", [&step.offering_id], |r| r.get(0))
                .optional()?;
            if now != Some(step.new_price_tiyn) {
                return Err(invalid(
                    "change",
                    Problem::new("undo_prices_moved", "a price changed again since: nothing was undone")
                        .with("code", &step.classifier_code),
                ));
            }
            act_in(&tx, actor, set_price(&step.offering_id, step.price_tiyn))?;
        }
        tx.commit().map_err(StoreError::from)?;
        let count = u32::try_from(steps.len()).unwrap_or(u32::MAX);
        let back = steps
            .iter()
            .map(|s| PriceStep { price_tiyn: s.new_price_tiyn, new_price_tiyn: s.price_tiyn, ..s.clone() })
            .collect();
        Ok(BulkPriceOutcome { matched: count, changed: count, refused: Vec::new(), steps: back, applied: true })
    }

    fn plan(&self, filter: &OfferingFilter, change: PriceChange, rounding: Rounding) -> Result<Plan, StoreError> {
        let mut plan = Plan { matched: 0, changes: Vec::new(), refused: Vec::new() };
        for row in self.offerings()?.into_iter().filter(|r| matches(filter, r)) {
            plan.matched += 1;
            let new_price = rounding.round(change.apply(row.price_tiyn), row.limit_price_tiyn);
            if new_price <= 0 || new_price > row.limit_price_tiyn {
                plan.refused.push(PriceRefusal {
                    offering_id: row.id,
                    classifier_code: row.classifier_code,
                    name: row.name,
                    price_tiyn: row.price_tiyn,
                    new_price_tiyn: new_price,
                    limit_price_tiyn: row.limit_price_tiyn,
                });
            } else if new_price != row.price_tiyn {
                plan.changes.push(PriceStep {
                    offering_id: row.id,
                    classifier_code: row.classifier_code,
                    name: row.name,
                    price_tiyn: row.price_tiyn,
                    new_price_tiyn: new_price,
                });
            }
        }
        Ok(plan)
    }
}

fn outcome(plan: &Plan, applied: bool) -> BulkPriceOutcome {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    BulkPriceOutcome {
        matched: count(plan.matched),
        changed: count(plan.changes.len()),
        refused: plan.refused.clone(),
        steps: plan.changes.clone(),
        applied,
    }
}

/// The change of one offering's price alone.
fn set_price(offering_id: &str, price_tiyn: i64) -> MutationBody {
    MutationBody::UpdateOffering {
        offering_id: offering_id.to_owned(),
        price_tiyn: Some(price_tiyn),
        regions: None,
        warranty_months: None,
        description: None,
        published: None,
        photos: None,
        model: None,
        manufacturer: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn percent(text: &str) -> Result<PriceChange, ActionError> {
        PriceChange::try_from(&PriceChangeInput::Percent(text.into()))
    }

    #[test]
    fn percentages_are_read_as_people_type_them() {
        assert_eq!(percent("-10").ok(), Some(PriceChange::Percent(-1000)));
        assert_eq!(percent(" 5,5 %").ok(), Some(PriceChange::Percent(550)));
        for bad in ["", "abc", "0", "-100", "1000,01"] {
            assert!(matches!(percent(bad), Err(ActionError::Invalid { field: "change", .. })), "{bad:?}");
        }
        let fixed = PriceChange::try_from(&PriceChangeInput::Fixed("12 500,00 ₸".into())).ok();
        assert_eq!(fixed, Some(PriceChange::Fixed(Money::from_tiyn(1_250_000))));
        assert!(PriceChange::try_from(&PriceChangeInput::Fixed("0".into())).is_err());
    }

    #[test]
    fn a_percentage_rounds_to_the_tiyn_half_away_from_zero() {
        assert_eq!(PriceChange::Percent(-1000).apply(10_000), 9_000);
        assert_eq!(PriceChange::Percent(550).apply(999), 1_054); // 1053.945
        assert_eq!(PriceChange::Percent(50).apply(100), 101); // 100.5
        assert_eq!(PriceChange::Percent(-50).apply(100), 100); // 99.5
        assert_eq!(PriceChange::Fixed(Money::from_tiyn(7)).apply(100), 7);
    }

    #[test]
    fn whole_tenge_rounds_half_up_and_never_past_the_limit() {
        assert_eq!(Rounding::WholeTenge.round(15_480_000 - 1, 20_000_000), 15_480_000);
        assert_eq!(Rounding::WholeTenge.round(14_866_992, 20_000_000), 14_867_000);
        assert_eq!(Rounding::WholeTenge.round(14_866_949, 20_000_000), 14_866_900);
        // 999,50 would round to 1 000,00, past a limit of 999,99: down to 999,00 instead.
        assert_eq!(Rounding::WholeTenge.round(99_950, 99_999), 99_900);
        assert_eq!(Rounding::Tiyn.round(14_866_992, 20_000_000), 14_866_992);
    }
}
