//! The default MTA-STS `id`: the current UTC time as `YYYYMMDDhhmmss`, fourteen digits
//! that grow with each new policy (RFC 8461 §3.1 allows 1–32 letters and digits).
//!
//! The civil date is Howard Hinnant's `civil_from_days` (the proleptic Gregorian calendar
//! in a dozen lines of integer arithmetic); a date-time crate would add compile time for
//! one formatted timestamp.

use std::time::{SystemTime, UNIX_EPOCH};

/// The `id` for now.
pub fn utc_id() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    id_at(seconds)
}

/// The `id` for `seconds` after the Unix epoch.
fn id_at(seconds: u64) -> String {
    let days = (seconds / 86400) as i64;
    let rest = seconds % 86400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Year, month and day of the day `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_utc_timestamps() {
        assert_eq!(id_at(0), "19700101000000");
        // 2000-02-29 (a leap day of a century year) 12:34:56.
        assert_eq!(id_at(951_827_696), "20000229123456");
        assert_eq!(id_at(1_796_342_399), "20261203235959");
        assert_eq!(utc_id().len(), 14);
    }
}
