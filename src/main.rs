//! The `tlsrpt-lint` command: argument parsing and exit codes; nothing else.
//!
//! Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage or I/O errors (clap's
//! own usage errors exit 2 too). A closed stdout pipe ends output quietly. The clap
//! definitions, the subcommands and the output are in `cli/`.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

mod cli;

use cli::args::{Cli, Command};
use cli::commands::{check, generate, records, report_command, rule, validate};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Validate(args) => validate(args),
        Command::Rule(args) => rule(args),
        Command::Records(args) => records(args),
        Command::Report(args) => report_command(args),
        Command::Generate(args) => generate(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            // Nothing more can be done if stderr is closed too.
            let _ = writeln!(io::stderr(), "error: {message}");
            ExitCode::from(2)
        }
    }
}
