//! Sessions summed per policy domain and day: what every report view shows.
//!
//! The summary's counts are the totals (RFC 8460 §4.4 `summary`); the failure details give
//! the breakdown by result type, sending MTA and receiving MX host. A report whose details
//! disagree with its summary was reported already (`summary-detail-mismatch`); here each is
//! summed as written.

use std::collections::BTreeMap;

use super::model::Report;

/// One policy domain on one day, over every report read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DomainDay {
    pub domain: String,
    /// `YYYY-MM-DD`, or `unknown` when no report for it had a readable date.
    pub day: String,
    pub reports: usize,
    pub successful: u64,
    pub failed: u64,
    /// Failed sessions by `result-type`.
    pub by_result: BTreeMap<String, u64>,
    /// Failed sessions by `sending-mta-ip`.
    pub by_sender: BTreeMap<String, u64>,
    /// Failed sessions by `receiving-mx-hostname` (else `receiving-ip`).
    pub by_mx: BTreeMap<String, u64>,
}

impl DomainDay {
    pub fn total(&self) -> u64 {
        self.successful.saturating_add(self.failed)
    }
}

/// Every (domain, day) of `reports`, sorted by domain, then day.
pub fn by_domain_day(reports: &[Report]) -> Vec<DomainDay> {
    let mut days: BTreeMap<(&str, &str), DomainDay> = BTreeMap::new();
    for report in reports {
        let day = report.day.as_deref().unwrap_or("unknown");
        for policy in &report.policies {
            let entry = days
                .entry((policy.domain.as_str(), day))
                .or_insert_with(|| DomainDay {
                    domain: policy.domain.clone(),
                    day: day.to_string(),
                    ..DomainDay::default()
                });
            entry.reports += 1;
            entry.successful = entry.successful.saturating_add(policy.successful);
            entry.failed = entry.failed.saturating_add(policy.failed);
            for detail in &policy.details {
                let n = detail.failed_sessions;
                add(&mut entry.by_result, &detail.result_type, n);
                if let Some(ip) = &detail.sending_mta_ip {
                    add(&mut entry.by_sender, ip, n);
                }
                let mx = detail
                    .receiving_mx_hostname
                    .as_ref()
                    .or(detail.receiving_ip.as_ref());
                if let Some(mx) = mx {
                    add(&mut entry.by_mx, mx, n);
                }
            }
        }
    }
    days.into_values().collect()
}

fn add(map: &mut BTreeMap<String, u64>, key: &str, n: u64) {
    let key = if key.is_empty() { "(empty)" } else { key };
    let count = map.entry(key.to_string()).or_insert(0);
    *count = count.saturating_add(n);
}

/// The `n` largest entries, largest first (ties by name).
pub fn top(map: &BTreeMap<String, u64>, n: usize) -> Vec<(&str, u64)> {
    let mut all: Vec<(&str, u64)> = map.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    all.truncate(n);
    all
}

/// `part` of `total` as a percentage with two decimals (`5.38%`); `-` of nothing.
pub fn percent(part: u64, total: u64) -> String {
    if total == 0 {
        return "-".to_string();
    }
    format!("{:.2}%", part as f64 * 100.0 / total as f64)
}

/// A rate given as a fraction (`0.01`) as a percentage (`1%`).
pub fn percent_of_rate(rate: f64) -> String {
    format!("{}%", (rate * 100.0 * 1e6).round() / 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_and_top_entries() {
        assert_eq!(percent(303, 5629), "5.38%");
        assert_eq!(percent(0, 0), "-");
        assert_eq!(percent_of_rate(0.01), "1%");
        assert_eq!(percent_of_rate(0.07), "7%");
        let map: BTreeMap<String, u64> = [("b", 2), ("a", 2), ("c", 5)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        assert_eq!(top(&map, 2), vec![("c", 5), ("a", 2)]);
    }
}
