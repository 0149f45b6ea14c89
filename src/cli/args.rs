//! The command line as clap reads it: the subcommands, their arguments, and the parsers of
//! argument values (rule names, rates, `generate` formats). Nothing here runs a command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use tlsrpt_lint::config;
use tlsrpt_lint::generate::Writer;
use tlsrpt_lint::rule::Rule;
use tlsrpt_lint::rules;

/// Offline linter for SMTP TLS Reporting (RFC 8460) records in DNS-as-code repositories.
#[derive(Parser)]
#[command(name = "tlsrpt-lint", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Lint the DNS sources under each PATH: zone files, OctoDNS, CloudFormation,
    /// external-dns, Terraform, dnscontrol, Ansible and MTA-STS policy files.
    ///
    /// Reads zone files (`*.zone`, `db.*`, `*.db`, files named for a domain, Jinja templates
    /// of them such as `*.zone.j2`, and what they `$INCLUDE`; in the BIND, PowerDNS, Knot or
    /// NSD dialect), OctoDNS YAML,
    /// CloudFormation templates (YAML and JSON), external-dns `DNSEndpoint` resources,
    /// Terraform (`*.tf`, `*.tf.json`, `*.tfvars`), dnscontrol `dnsconfig.js`, Ansible tasks
    /// that call a DNS module, and MTA-STS policy files (`.well-known/mta-sts.txt`). `docs/formats.md` says what is read from
    /// each.
    Check(CheckArgs),
    /// Lint one record value given on the command line or on standard input.
    Validate(ValidateArgs),
    /// Print the documentation of a rule, or of every rule.
    Rule(RuleArgs),
    /// List every TLS-RPT policy under each PATH: its zone, destinations, their
    /// authorization, and the MTA-STS or DANE it reports on.
    Records(RecordsArgs),
    /// Read received TLS reports (JSON, gzip, mail messages, mbox files, Maildir folders):
    /// sessions per policy domain and day, and what breaks RFC 8460 §4.4.
    Report(ReportArgs),
    /// Write a TLS-RPT policy, and its MTA-STS record and policy file, in the repository's
    /// format, with the authorization record each external collector would publish.
    Generate(GenerateArgs),
}

#[derive(Args)]
pub struct ReportArgs {
    /// Report files, messages, mailboxes and directories of them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Sessions and findings for a terminal, findings only (concise, SARIF, GitHub), a
    /// JSON document, CSV of the failure details, or a self-contained HTML page.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Flag each report policy whose failed sessions are above RATE of its sessions
    /// (`failure-rate-exceeded`, an error): `0.01` is 1%.
    #[arg(long, value_name = "RATE", value_parser = parse_rate)]
    pub max_failure_rate: Option<f64>,
    /// The repository the reports' policies come from: it is read as `check` reads it,
    /// and each report is compared with it: the MTA-STS policy file, the MX and TLSA
    /// records, the `rua` a mailed report should have come through, and a note for a
    /// domain it does not define (TLSRPT711-715).
    #[arg(long, value_name = "DIR")]
    pub repo: Option<PathBuf>,
    /// Colour in the human format; `auto` colours a terminal unless `NO_COLOR` is set.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// The least severity that makes the exit code 1 [default: error, or the config's].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    #[command(flatten)]
    pub selection: Selection,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
    Csv,
    Html,
}

#[derive(Args)]
pub struct GenerateArgs {
    /// The mail domain the policy is for.
    #[arg(long, value_name = "DOMAIN")]
    pub domain: String,
    /// Where reports go: a `mailto:` or `https:` URI (repeat for more).
    #[arg(long, required = true, value_name = "URI")]
    pub rua: Vec<String>,
    /// Add the `_mta-sts` record and the `.well-known/mta-sts.txt` policy file in this mode.
    #[arg(long, value_enum, value_name = "MODE")]
    pub mta_sts: Option<StsMode>,
    /// An MX host (or `*.` and a domain) of the policy file (repeat for more).
    #[arg(long, value_name = "HOST", requires = "mta_sts")]
    pub mx: Vec<String>,
    /// The policy file's `max_age` in seconds.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 604800,
        requires = "mta_sts"
    )]
    pub max_age: u32,
    /// The `_mta-sts` record's `id` [default: the current UTC time, `YYYYMMDDhhmmss`].
    #[arg(long, requires = "mta_sts")]
    pub id: Option<String>,
    /// The source format to write [default: the most common among the records of the
    /// repository in the working directory, else `zone`].
    #[arg(long, value_parser = writer_names(), value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StsMode {
    Testing,
    Enforce,
}

#[derive(Args)]
pub struct RecordsArgs {
    /// Files and directories to read; directories are walked, honouring `.gitignore`.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// A table, or the JSON `records` array of `check --format json`; with `--posture`,
    /// also Markdown.
    #[arg(long, value_enum, default_value_t = RecordsFormat::Table)]
    pub format: RecordsFormat,
    /// One row per mail domain (MX, not a null MX): TLS-RPT, destinations, MTA-STS, DANE,
    /// TTLs and a grade with the points lost (docs/posture.md).
    #[arg(long)]
    pub posture: bool,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RecordsFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Files and directories to lint; directories are walked, honouring `.gitignore`.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub selection: Selection,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Skip named files that the walk would skip too (ignored, hidden or excluded).
    #[arg(long)]
    pub force_exclude: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Print the resolved settings (the config file, every key, the enabled rules) and exit.
    #[arg(long)]
    pub show_settings: bool,
    #[command(flatten)]
    pub fixing: FixArgs,
}

/// ruff's switches, each with its `--no-` form to override the config file.
#[derive(Args)]
pub struct FixArgs {
    /// Apply the safe fixes, write the files, then report what is left [config: `fix`].
    #[arg(long, overrides_with = "no_fix")]
    pub fix: bool,
    #[arg(long, overrides_with = "fix", hide = true)]
    pub no_fix: bool,
    /// Apply the unsafe fixes too [config: `unsafe-fixes`].
    #[arg(long, overrides_with = "no_unsafe_fixes")]
    pub unsafe_fixes: bool,
    #[arg(long, overrides_with = "unsafe_fixes", hide = true)]
    pub no_unsafe_fixes: bool,
    /// List the fixes applied, per file and rule, on standard error [config: `show-fixes`].
    #[arg(long, overrides_with = "no_show_fixes")]
    pub show_fixes: bool,
    #[arg(long, overrides_with = "show_fixes", hide = true)]
    pub no_show_fixes: bool,
    /// Print a unified diff of what `--fix` would change, and change nothing; exit 1 when
    /// there is something to fix.
    #[arg(long)]
    pub diff: bool,
}

impl FixArgs {
    pub fn overrides(&self) -> config::Fixing<Option<bool>> {
        let flag = |yes: bool, no: bool| (yes || no).then_some(yes);
        config::Fixing {
            fix: flag(self.fix, self.no_fix),
            unsafe_fixes: flag(self.unsafe_fixes, self.no_unsafe_fixes),
            show_fixes: flag(self.show_fixes, self.no_show_fixes),
        }
    }
}

#[derive(Args)]
pub struct ConfigArgs {
    /// Read this configuration file instead of looking for `tlsrpt-lint.toml` or
    /// `.tlsrpt-lint.toml` in the working directory and its parents.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    pub no_config: bool,
    /// Domains trusted to receive reports (comma-separated), in place of the configuration's
    /// `authorized-destinations`.
    #[arg(long, value_delimiter = ',', value_parser = config::destination, value_name = "DOMAINS")]
    pub authorized_destinations: Vec<String>,
}

#[derive(Args)]
pub struct ValidateArgs {
    /// What the value is: an `_smtp._tls` policy, a `_report._tls` authorization, or an
    /// `_mta-sts` record.
    #[arg(long, value_enum, default_value_t = Kind::Policy)]
    pub kind: Kind,
    /// The policy domain the record belongs to.
    #[arg(long, value_name = "DOMAIN")]
    pub domain: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub selection: Selection,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// The TXT value, exactly as published (its strings joined); `-` reads standard input,
    /// less one final line ending.
    pub value: String,
}

#[derive(Args)]
pub struct RuleArgs {
    /// A rule code (`TLSRPT105`) or name (`missing-rua`).
    #[arg(
        value_parser = parse_rule,
        required_unless_present = "all",
        conflicts_with = "all",
        value_name = "CODE|NAME"
    )]
    pub rule: Option<&'static Rule>,
    /// Every rule.
    #[arg(long)]
    pub all: bool,
    /// Text for a terminal, Markdown (as in `docs/rules.md`), or JSON.
    #[arg(long, value_enum, default_value_t = DocFormat::Text)]
    pub format: DocFormat,
}

#[derive(Args)]
pub struct OutputArgs {
    /// How to print findings: snippets, one line each, a JSON document, SARIF, or GitHub
    /// Actions annotations.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write SARIF to FILE (for code scanning), whatever `--format` prints.
    #[arg(long, value_name = "FILE")]
    pub output_sarif: Option<PathBuf>,
    /// Also write the JSON document to FILE, whatever `--format` prints.
    #[arg(long, value_name = "FILE")]
    pub output_json: Option<PathBuf>,
    /// The code-scanning category of the SARIF run (`automationDetails.id`); without it,
    /// upload-sarif's `category` input decides.
    #[arg(long, value_name = "CATEGORY")]
    pub sarif_category: Option<String>,
    /// Colour in the human format; `auto` colours a terminal unless `NO_COLOR` is set.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// The least severity that makes the exit code 1 [default: error, or the config's].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
}

#[derive(Args, Default)]
pub struct Selection {
    /// Run only these rules (comma-separated codes or names).
    #[arg(long, value_delimiter = ',', value_parser = parse_rule, value_name = "RULES")]
    pub select: Vec<&'static Rule>,
    /// Do not run these rules (comma-separated codes or names).
    #[arg(long, value_delimiter = ',', value_parser = parse_rule, value_name = "RULES")]
    pub ignore: Vec<&'static Rule>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DocFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    Policy,
    Authorization,
    MtaSts,
}

fn parse_rule(key: &str) -> Result<&'static Rule, String> {
    rules::find(key.trim())
        .ok_or_else(|| format!("unknown rule `{key}` (`tlsrpt-lint rule --all` lists every rule)"))
}

/// The `--format` names of `generate`, from the writers (Terraform's from its reader's
/// table). Leaked once per run: clap keeps possible values as `'static` strings.
fn writer_names() -> clap::builder::PossibleValuesParser {
    let names: Vec<&'static str> = Writer::all()
        .into_iter()
        .map(|w| &*Box::leak(w.name().into_boxed_str()))
        .collect();
    clap::builder::PossibleValuesParser::new(names)
}

fn parse_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!(
            "`{text}` is not a fraction from 0 to 1 (`0.01` is 1%)"
        )),
    }
}
