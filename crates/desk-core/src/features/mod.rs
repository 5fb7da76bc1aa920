//! What people do at the desk, one folder or file per feature, each with its actions (built on
//! the replica's one transaction), its queries and the views the UI receives.

pub mod audit;
pub mod backup;
pub mod documents;
pub mod money;
pub mod offerings;
pub mod orders;
pub mod outages;
pub mod reports;
pub mod staff;
pub mod today;
pub mod warranty;
pub mod workshop;
