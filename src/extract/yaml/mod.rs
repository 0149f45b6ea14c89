//! YAML and JSON sources: OctoDNS, CloudFormation and external-dns.
mod document;
mod scalar;
