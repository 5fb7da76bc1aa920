//! The contract's years (`portal_rules::limits::MIN_YEAR`..=`MAX_YEAR`) on the wire: the portal
//! refuses a mutation carrying a date outside them (`invalid_input`), and a desk refuses a feed
//! page carrying one whole, applying nothing.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Deserializer};

use crate::MutationBody;

use portal_rules::limits::{MAX_YEAR, MIN_YEAR, year_in_range};

fn checked<D: Datelike, E: serde::de::Error>(value: D) -> Result<D, E> {
    if year_in_range(value.year()) {
        Ok(value)
    } else {
        Err(E::custom(format!("year {} is outside {MIN_YEAR}..={MAX_YEAR}", value.year())))
    }
}

/// `deserialize_with` for a date of the feed.
pub(crate) fn date<'de, Dz: Deserializer<'de>>(d: Dz) -> Result<NaiveDate, Dz::Error> {
    checked(NaiveDate::deserialize(d)?)
}

/// `deserialize_with` for an instant of the feed.
pub(crate) fn instant<'de, Dz: Deserializer<'de>>(d: Dz) -> Result<DateTime<Utc>, Dz::Error> {
    checked(DateTime::<Utc>::deserialize(d)?)
}

/// `deserialize_with` for an optional instant of the feed.
pub(crate) fn opt_instant<'de, Dz: Deserializer<'de>>(d: Dz) -> Result<Option<DateTime<Utc>>, Dz::Error> {
    Option::<DateTime<Utc>>::deserialize(d)?.map(checked).transpose()
}

impl MutationBody {
    /// The first date of the mutation outside the contract's years, with its field name.
    pub fn date_out_of_range(&self) -> Option<(&'static str, NaiveDate)> {
        let dates: &[(&'static str, NaiveDate)] = match self {
            MutationBody::RecordDelivery { delivered_on, .. } => &[("delivered_on", *delivered_on)],
            MutationBody::RecordFitting { fitted_on, warranty_start, .. } => {
                &[("fitted_on", *fitted_on), ("warranty_start", *warranty_start)]
            }
            MutationBody::RecordFittingSession { session_on, .. } => &[("session_on", *session_on)],
            MutationBody::RecordReturn { returned_on, .. } => &[("returned_on", *returned_on)],
            MutationBody::RecordReplacement { replaced_on, .. } => &[("replaced_on", *replaced_on)],
            MutationBody::RecordWarrantyService { serviced_on, .. } => &[("serviced_on", *serviced_on)],
            MutationBody::AcceptOrder { .. }
            | MutationBody::DeclineOrder { .. }
            | MutationBody::CreateOffering { .. }
            | MutationBody::UpdateOffering { .. }
            | MutationBody::ChangeStock { .. }
            | MutationBody::AssignOrder { .. } => &[],
        };
        dates.iter().copied().find(|(_, d)| !year_in_range(d.year()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_date_outside_the_years_is_refused_when_read() {
        #[derive(Deserialize)]
        struct D {
            #[serde(deserialize_with = "date")]
            _d: NaiveDate,
        }
        for bad in ["\"0000-01-01\"", "\"-0001-01-01\"", "\"+10000-01-01\"", "\"1899-12-31\""] {
            assert!(serde_json::from_str::<D>(&format!("{{\"_d\":{bad}}}")).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<D>("{\"_d\":\"2026-12-07\"}").is_ok());
    }
}
