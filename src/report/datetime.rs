//! RFC 3339 `date-time`s, as a report's `date-range` writes them: enough to order two
//! instants and to name the UTC day a report covers.
//!
//! Hand-written because the grammar is one line (RFC 3339 §5.6) and the only use is
//! comparing and bucketing; a date-time crate would add a dependency for twenty lines.
//! Leap seconds (`:60`) are accepted and counted as the next second.

/// Seconds since 1970-01-01T00:00:00Z and the UTC day (`YYYY-MM-DD`), or `None` when `text`
/// is not an RFC 3339 date-time (`2016-04-01T00:00:00Z`, `2016-04-01T02:00:00.5+02:00`; a
/// space or lowercase `t` between date and time, as RFC 3339 allows, too).
pub fn parse(text: &str) -> Option<(i64, String)> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let year = digits(0..4)?;
    let month = digits(5..7)?;
    let day = digits(8..10)?;
    let hour = digits(11..13)?;
    let minute = digits(14..16)?;
    let second = digits(17..19)?;
    let separators = b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && b.get(13) == Some(&b':')
        && b.get(16) == Some(&b':');
    let in_range = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    if !separators || !in_range {
        return None;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let o = rest.as_bytes();
            let sign = match o.first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let hours = rest
                .get(1..3)
                .filter(|h| h.bytes().all(|d| d.is_ascii_digit()));
            let minutes = rest
                .get(4..6)
                .filter(|m| m.bytes().all(|d| d.is_ascii_digit()));
            match (hours, minutes, o.get(3), o.len()) {
                (Some(h), Some(m), Some(b':'), 6) => {
                    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
                    if h > 23 || m > 59 {
                        return None;
                    }
                    sign * (h * 3600 + m * 60)
                }
                _ => return None,
            }
        }
    };
    let local = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    let utc = local - offset;
    Some((utc, civil_day(utc.div_euclid(86_400))))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` of a day count since 1970-01-01 (the inverse of [`days_from_civil`]).
fn civil_day(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rfc3339_and_names_the_utc_day() {
        assert_eq!(
            parse("2016-04-01T00:00:00Z"),
            Some((1_459_468_800, "2016-04-01".into()))
        );
        assert_eq!(
            parse("2016-04-01T23:59:59Z").map(|p| p.0),
            Some(1_459_468_800 + 86_399)
        );
        // An offset moves the instant, and the day with it.
        assert_eq!(
            parse("2016-04-01T01:00:00.25+02:00"),
            Some((1_459_465_200, "2016-03-31".into()))
        );
        assert_eq!(parse("2024-02-29 12:00:00z").unwrap().1, "2024-02-29");
        for bad in [
            "2016-04-01",
            "2016-04-01T00:00:00",
            "2016-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2016-04-01T24:00:00Z",
            "2016-04-01T00:00:00.Z",
            "2016-04-01T00:00:00+0200",
            "2016-04-01T00:00:00Z ",
            "２016-04-01T00:00:00Z",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
