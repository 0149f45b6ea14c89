//! The `tlsrpt-lint` command: argument parsing and exit codes; nothing else.

fn main() {}
