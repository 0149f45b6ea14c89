//! What rules share, by job: whether a value is an attempt at its record ([`attempt`]),
//! findings in decoded ranges ([`finding`]), owner names ([`names`]), message text
//! ([`text`]), and the test harness ([`testing`]). Rule files import these and the contexts,
//! never each other.

pub mod attempt;
pub mod finding;
pub mod names;
#[cfg(test)]
pub mod testing;
pub mod text;

pub use attempt::{is_sts_attempt, is_tlsrpt_attempt};
pub use finding::{Finding, FixEdits};
pub use text::{code_point, shown, space_runs};
