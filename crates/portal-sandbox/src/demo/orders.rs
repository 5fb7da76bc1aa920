//! Demo orders: a history of a few hundred orders, each reaching its status by lifecycle
//! transitions from placed, with times that fit the policy terms and end before "now".

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use portal_api::{Category, OrderStatus, PolicyTerms};
use portal_rules::Transition;

use crate::rng::Rng;
use crate::store::catalog::OfferingRef;
use crate::store::orders::NewLine;

/// How many demo orders end in each status (300 in all).
pub(crate) const STATUS_MIX: [(OrderStatus, usize); 14] = [
    (OrderStatus::Placed, 45),
    (OrderStatus::Accepted, 25),
    (OrderStatus::InWork, 25),
    (OrderStatus::Fitting, 15),
    (OrderStatus::Delivered, 20),
    (OrderStatus::Confirmed, 15),
    (OrderStatus::Paid, 90),
    (OrderStatus::DeclinedBySupplier, 12),
    (OrderStatus::CancelledByParticipant, 12),
    (OrderStatus::CancelledAutomatically, 12),
    (OrderStatus::Cancelled, 10),
    (OrderStatus::RefusedAtReceipt, 6),
    (OrderStatus::Returned, 6),
    (OrderStatus::Replaced, 7),
];

/// One demo order: who, what, when it was placed, and its later moves with their times.
#[derive(Debug, Clone)]
pub(crate) struct OrderPlan {
    pub id: String,
    pub supplier_id: String,
    pub participant_id: String,
    pub lines: Vec<NewLine>,
    pub placed_at: DateTime<Utc>,
    pub moves: Vec<(Transition, DateTime<Utc>)>,
}

fn minutes(m: i64) -> TimeDelta {
    TimeDelta::minutes(m)
}

fn hours(rng: &mut Rng, lo: i64, hi: i64) -> TimeDelta {
    minutes(rng.range(lo * 60, hi * 60))
}

fn days_to_hours(days: u32) -> i64 {
    i64::from(days) * 24
}

/// The transitions that take a placed order to `target`. `fits` says whether the order holds
/// an item to be fitted (then it goes through the workshop before delivery).
fn path_to(rng: &mut Rng, target: OrderStatus, fits: bool) -> Vec<Transition> {
    use OrderStatus as S;
    use Transition as T;
    let mut to_delivery = vec![T::Accept, T::StartWork];
    if fits {
        to_delivery.push(T::StartFitting);
    }
    to_delivery.push(T::Deliver);
    let with = |mut base: Vec<T>, tail: &[T]| {
        base.extend_from_slice(tail);
        base
    };
    match target {
        S::Placed => vec![],
        S::Accepted => vec![T::Accept],
        S::InWork => vec![T::Accept, T::StartWork],
        S::Fitting => vec![T::Accept, T::StartWork, T::StartFitting],
        S::Delivered => to_delivery,
        S::Confirmed => with(to_delivery, &[T::Confirm]),
        S::Paid if rng.percent(5) => with(to_delivery, &[T::Refuse, T::Replace, T::Confirm, T::Pay]),
        S::Paid => with(to_delivery, &[T::Confirm, T::Pay]),
        S::DeclinedBySupplier => vec![T::Decline],
        S::CancelledByParticipant => vec![T::CancelByParticipant],
        S::CancelledAutomatically => vec![T::CancelAutomatically],
        S::Cancelled if rng.percent(50) => vec![T::Accept, T::StartWork, T::Cancel],
        S::Cancelled => vec![T::Accept, T::Cancel],
        S::RefusedAtReceipt => with(to_delivery, &[T::Refuse]),
        S::Returned => with(to_delivery, &[T::Refuse, T::Return]),
        S::Replaced => with(to_delivery, &[T::Refuse, T::Replace]),
    }
}

/// How long after the previous move a transition happens.
fn delay(rng: &mut Rng, t: Transition, terms: &PolicyTerms) -> TimeDelta {
    use Transition as T;
    let accept_h = days_to_hours(terms.acceptance_window.days);
    match t {
        // Always inside the acceptance window, or the portal would have cancelled the order.
        T::Accept => hours(rng, 4, (accept_h - 12).max(5)),
        T::Decline => hours(rng, 2, (accept_h / 2).max(3)),
        T::CancelByParticipant => hours(rng, 1, (accept_h - 12).max(2)),
        T::CancelAutomatically => TimeDelta::hours(accept_h),
        T::StartWork => hours(rng, 2, 72),
        T::StartFitting => hours(rng, 24, 240),
        T::Deliver => hours(rng, 24, (days_to_hours(terms.delivery_term.days) / 2).max(25)),
        T::Cancel => hours(rng, 24, 240),
        T::Confirm => hours(rng, 2, days_to_hours(terms.confirmation_window.days).max(3)),
        T::Refuse => minutes(rng.range(5, 120)),
        T::Return => hours(rng, 24, 168),
        T::Replace => hours(rng, 48, 240),
        T::Pay => hours(rng, 24, days_to_hours(terms.payment_term.days).max(25)),
    }
}

/// How long an order has been sitting in its final status (always at least an hour, so every
/// demo event lies in the past).
fn dwell(rng: &mut Rng, status: OrderStatus, terms: &PolicyTerms, final_days: i64) -> TimeDelta {
    use OrderStatus as S;
    match status {
        S::Placed => TimeDelta::zero(),
        S::Accepted | S::RefusedAtReceipt | S::Replaced => hours(rng, 1, 72),
        S::InWork => hours(rng, 2, 240),
        S::Fitting => hours(rng, 2, 120),
        S::Delivered => hours(rng, 1, (days_to_hours(terms.confirmation_window.days) - 2).max(2)),
        S::Confirmed => hours(rng, 1, (days_to_hours(terms.payment_term.days) - 2).max(2)),
        S::Paid
        | S::DeclinedBySupplier
        | S::CancelledByParticipant
        | S::CancelledAutomatically
        | S::Cancelled
        | S::Returned => hours(rng, 1, final_days.max(1) * 24),
    }
}

/// A quantity that makes sense for the unit and category (hygiene means per quarter, service
/// days and hours per course).
fn quantity(rng: &mut Rng, offering: &OfferingRef) -> u32 {
    let q = match (offering.category, offering.unit.as_str()) {
        (Category::Hygiene, "pack") => rng.range(3, 9),
        (Category::Hygiene, _) => rng.range(30, 90),
        (_, "day") => rng.range(14, 21),
        (_, "hour") => rng.range(20, 80),
        (Category::Hearing, "pcs") if !offering.needs_fitting => 1,
        (Category::Hearing, "pcs") => rng.range(1, 2),
        _ => 1,
    };
    u32::try_from(q).unwrap_or(1)
}

/// One to three distinct offerings for an order, the first one to be fitted when `fitting`.
pub(crate) fn choose_lines(rng: &mut Rng, offerings: &[OfferingRef], fitting: bool) -> Vec<NewLine> {
    let count = match rng.below(100) {
        0..70 => 1,
        70..92 => 2,
        _ => 3,
    };
    let mut chosen: Vec<&OfferingRef> = Vec::new();
    if fitting {
        let fitted: Vec<&OfferingRef> = offerings.iter().filter(|o| o.needs_fitting).collect();
        if let Some(o) = rng.pick(&fitted) {
            chosen.push(o);
        }
    }
    let mut attempts = 0;
    while chosen.len() < count && attempts < 20 {
        attempts += 1;
        if let Some(o) = rng.pick(offerings) {
            if !chosen.iter().any(|c| c.classifier_code == o.classifier_code) {
                chosen.push(o);
            }
        }
    }
    chosen
        .into_iter()
        .map(|o| NewLine {
            offering_id: o.id.clone(),
            classifier_code: o.classifier_code.clone(),
            quantity: quantity(rng, o),
            unit_price_tiyn: o.price_tiyn,
        })
        .collect()
}

/// The published offerings orders are made of: all of them, and those delivered to each
/// region (in the same order), so a plan does not scan the catalogue for its participant.
pub(crate) struct Pools<'a> {
    all: &'a [OfferingRef],
    by_region: HashMap<&'a str, Vec<OfferingRef>>,
}

impl<'a> Pools<'a> {
    pub(crate) fn new(all: &'a [OfferingRef]) -> Pools<'a> {
        let mut by_region: HashMap<&'a str, Vec<OfferingRef>> = HashMap::new();
        for o in all {
            for r in &o.regions {
                by_region.entry(r.as_str()).or_default().push(o.clone());
            }
        }
        Pools { all, by_region }
    }

    fn local(&self, region: &str) -> &[OfferingRef] {
        self.by_region.get(region).map_or(&[], Vec::as_slice)
    }
}

/// What every plan of one data set shares.
pub(crate) struct PlanContext<'a> {
    pub now: DateTime<Utc>,
    pub terms: &'a PolicyTerms,
    pub supplier_id: &'a str,
    /// Participants' ids and regions.
    pub participants: &'a [(String, String)],
    pub offerings: &'a Pools<'a>,
    /// How long (at most, in days) an order in a final status has been sitting there.
    pub final_dwell_days: i64,
}

/// Plans one order that ends in `target` (or in work, when it should be fitted and none of its
/// lines needs fitting). `placed_seen` counts the placed orders planned so far: every third is
/// close to its deadline. `None` when there is no participant or no offering to order.
pub(crate) fn plan_one(
    rng: &mut Rng,
    cx: &PlanContext<'_>,
    target: OrderStatus,
    placed_seen: &mut usize,
) -> Option<OrderPlan> {
    let terms = cx.terms;
    let now = cx.now;
    let accept_h = days_to_hours(terms.acceptance_window.days);
    let (participant_id, region) = rng.pick(cx.participants).cloned()?;
    // Prefer offerings delivered to the participant's region.
    let local = cx.offerings.local(&region);
    let pool = if local.is_empty() || target == OrderStatus::Fitting { cx.offerings.all } else { local };
    let fitting = target == OrderStatus::Fitting || rng.percent(25);
    let lines = choose_lines(rng, pool, fitting);
    if lines.is_empty() {
        return None;
    }
    let fits = pool.iter().any(|o| o.needs_fitting && lines.iter().any(|l| l.offering_id == o.id));
    let target = if target == OrderStatus::Fitting && !fits { OrderStatus::InWork } else { target };
    let path = path_to(rng, target, fits);
    let delays: Vec<TimeDelta> = path.iter().map(|t| delay(rng, *t, terms)).collect();
    let total = delays.iter().fold(TimeDelta::zero(), |a, d| a + *d);
    let placed_at = if target == OrderStatus::Placed {
        *placed_seen += 1;
        // A third are close to the deadline (under 48 hours left, at least 2 hours).
        if *placed_seen % 3 == 0 {
            now - hours(rng, accept_h - 47, accept_h - 2)
        } else {
            now - minutes(rng.range(10, (accept_h - 48) * 60))
        }
    } else {
        now - total - dwell(rng, target, terms, cx.final_dwell_days)
    };
    let mut at = placed_at;
    let moves = path
        .into_iter()
        .zip(delays)
        .map(|(t, d)| {
            at += d;
            (t, at)
        })
        .collect();
    Some(OrderPlan { id: rng.uuid(), supplier_id: cx.supplier_id.to_owned(), participant_id, lines, placed_at, moves })
}

/// How long (at most, in days) a demo order in a final status has been sitting there.
const DEMO_FINAL_DWELL_DAYS: i64 = 150;

/// Plans the demo orders of one supplier. Every plan's events lie before `now`; placed orders
/// are all inside their acceptance window, a third of them in its last two days.
pub(crate) fn plan(
    rng: &mut Rng,
    now: DateTime<Utc>,
    terms: &PolicyTerms,
    supplier_id: &str,
    participants: &[(String, String)],
    offerings: &[OfferingRef],
) -> Vec<OrderPlan> {
    let mut targets: Vec<OrderStatus> = STATUS_MIX.iter().flat_map(|(s, n)| std::iter::repeat_n(*s, *n)).collect();
    rng.shuffle(&mut targets);
    let pools = Pools::new(offerings);
    let cx = PlanContext {
        now,
        terms,
        supplier_id,
        participants,
        offerings: &pools,
        final_dwell_days: DEMO_FINAL_DWELL_DAYS,
    };
    let mut placed_seen = 0usize;
    let mut plans = Vec::with_capacity(targets.len());
    for target in targets {
        if participants.is_empty() {
            break;
        }
        if let Some(p) = plan_one(rng, &cx, target, &mut placed_seen) {
            plans.push(p);
        }
    }
    plans
}
