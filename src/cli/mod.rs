//! The `tlsrpt-lint` binary's own modules (`main.rs` declares them; the library never
//! imports them): the clap definitions ([`args`]), the subcommands that run them
//! ([`commands`]), and how a run's output and exit code are written ([`output`]).

pub mod args;
pub mod commands;
pub mod output;
