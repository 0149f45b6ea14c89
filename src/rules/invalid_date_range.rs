//! TLSRPT705 `invalid-date-range`: a report's `date-range` ends before it starts, or holds
//! a date-time that is not RFC 3339.

declare_rule! {
    /// ## What it does
    /// Flags a received report whose `end-datetime` is before its `start-datetime`, or
    /// whose date-times are not RFC 3339 `date-time`s (`2016-04-01T00:00:00Z`, with a
    /// `Z` or a numeric offset). The report is still summarised, under the day its
    /// `start-datetime` names when that can be read.
    ///
    /// ## Why is this bad?
    /// Reports are summed per day. A reversed or unreadable range puts sessions on the
    /// wrong day, or on none, and per-day trends and "yesterday's failures" alerts are
    /// wrong.
    ///
    /// ## Example
    /// ```json
    /// "date-range": {"start-datetime": "2016-04-02T00:00:00Z",
    ///                "end-datetime": "2016-04-01T23:59:59Z"}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "date-range": {"start-datetime": "2016-04-01T00:00:00Z",
    ///                "end-datetime": "2016-04-01T23:59:59Z"}
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §4.4 (`date-range`), RFC 3339 §5.6 (`date-time`)
    pub static INVALID_DATE_RANGE = {
        code: "TLSRPT705",
        name: "invalid-date-range",
        severity: Warning,
        summary: "a report's `date-range` ends before it starts or is not RFC 3339",
        check: None,
    }
}
