//! What rules share, by job: whether a value is an attempt at its record ([`attempt`]),
//! findings in decoded ranges ([`finding`]) and their fixes written back into the source
//! ([`source_edits`]), whether those fixes are safe beside the other records at the name
//! ([`fix_safety`]), field names ([`fields`]), URI problems ([`uri_problems`]), repeated
//! records ([`sets`]), owner names ([`names`]), message text
//! ([`text`]), and the test harness ([`testing`]). Rule files import these and the contexts,
//! never each other.

pub mod attempt;
pub mod fields;
pub mod finding;
pub mod fix_safety;
pub mod names;
pub mod sets;
pub mod source_edits;
#[cfg(test)]
pub mod testing;
pub mod text;
pub mod uri_problems;

pub use attempt::{is_sts_attempt, is_tlsrpt_attempt};
pub use finding::{FieldCheck, Finding, FixEdits};
pub use text::{code_point, shown, space_runs};
