//! Tests of the dnscontrol reader: records, names, spans, findings, limits.
