//! The `tlsrpt-lint` command: argument parsing and exit codes; nothing else.
//!
//! Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage or I/O errors (clap's
//! own usage errors exit 2 too). A closed stdout pipe ends output quietly.

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use tlsrpt_lint::diagnostic::Severity;
use tlsrpt_lint::generate::{self, Writer};
use tlsrpt_lint::model::RecordKind;
use tlsrpt_lint::render::{self, rule_docs, OutputFormat};
use tlsrpt_lint::report::view;
use tlsrpt_lint::rule::Rule;
use tlsrpt_lint::rules;
use tlsrpt_lint::{config, fix, Outcome, Settings};

/// Offline linter for SMTP TLS Reporting (RFC 8460) records in DNS-as-code repositories.
#[derive(Parser)]
#[command(name = "tlsrpt-lint", version, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint the DNS sources under each PATH: zone files, OctoDNS, CloudFormation,
    /// external-dns, Terraform, dnscontrol and MTA-STS policy files.
    ///
    /// Reads zone files (`*.zone`, `db.*`, `*.db`, files named for a domain, Jinja templates
    /// of them such as `*.zone.j2`, and what they `$INCLUDE`; in the BIND, PowerDNS, Knot or
    /// NSD dialect), OctoDNS YAML,
    /// CloudFormation templates (YAML and JSON), external-dns `DNSEndpoint` resources,
    /// Terraform (`*.tf`, `*.tf.json`, `*.tfvars`), dnscontrol `dnsconfig.js`, and MTA-STS
    /// policy files (`.well-known/mta-sts.txt`). `docs/formats.md` says what is read from
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
struct ReportArgs {
    /// Report files, messages, mailboxes and directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Sessions and findings for a terminal, findings only (concise, SARIF, GitHub), a
    /// JSON document, CSV of the failure details, or a self-contained HTML page.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Flag each report policy whose failed sessions are above RATE of its sessions
    /// (`failure-rate-exceeded`, an error): `0.01` is 1%.
    #[arg(long, value_name = "RATE", value_parser = parse_rate)]
    max_failure_rate: Option<f64>,
    /// Colour in the human format; `auto` colours a terminal unless `NO_COLOR` is set.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// The least severity that makes the exit code 1 [default: error, or the config's].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    #[command(flatten)]
    selection: Selection,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0, value_name = "N")]
    threads: usize,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
    Csv,
    Html,
}

#[derive(Args)]
struct GenerateArgs {
    /// The mail domain the policy is for.
    #[arg(long, value_name = "DOMAIN")]
    domain: String,
    /// Where reports go: a `mailto:` or `https:` URI (repeat for more).
    #[arg(long, required = true, value_name = "URI")]
    rua: Vec<String>,
    /// Add the `_mta-sts` record and the `.well-known/mta-sts.txt` policy file in this mode.
    #[arg(long, value_enum, value_name = "MODE")]
    mta_sts: Option<StsMode>,
    /// An MX host (or `*.` and a domain) of the policy file (repeat for more).
    #[arg(long, value_name = "HOST", requires = "mta_sts")]
    mx: Vec<String>,
    /// The policy file's `max_age` in seconds.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 604800,
        requires = "mta_sts"
    )]
    max_age: u32,
    /// The `_mta-sts` record's `id` [default: the current UTC time, `YYYYMMDDhhmmss`].
    #[arg(long, requires = "mta_sts")]
    id: Option<String>,
    /// The source format to write [default: the most common among the records of the
    /// repository in the working directory, else `zone`].
    #[arg(long, value_parser = writer_names(), value_name = "FORMAT")]
    format: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum StsMode {
    Testing,
    Enforce,
}

#[derive(Args)]
struct RecordsArgs {
    /// Files and directories to read; directories are walked, honouring `.gitignore`.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// A table, or the JSON `records` array of `check --format json`; with `--posture`,
    /// also Markdown.
    #[arg(long, value_enum, default_value_t = RecordsFormat::Table)]
    format: RecordsFormat,
    /// One row per mail domain (MX, not a null MX): TLS-RPT, destinations, MTA-STS, DANE,
    /// TTLs and a grade with the points lost (docs/posture.md).
    #[arg(long)]
    posture: bool,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0, value_name = "N")]
    threads: usize,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum RecordsFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Args)]
struct CheckArgs {
    /// Files and directories to lint; directories are walked, honouring `.gitignore`.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    selection: Selection,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0, value_name = "N")]
    threads: usize,
    /// Skip named files that the walk would skip too (ignored, hidden or excluded).
    #[arg(long)]
    force_exclude: bool,
    #[command(flatten)]
    config: ConfigArgs,
    /// Print the resolved settings (the config file, every key, the enabled rules) and exit.
    #[arg(long)]
    show_settings: bool,
    #[command(flatten)]
    fixing: FixArgs,
}

/// ruff's switches, each with its `--no-` form to override the config file.
#[derive(Args)]
struct FixArgs {
    /// Apply the safe fixes, write the files, then report what is left [config: `fix`].
    #[arg(long, overrides_with = "no_fix")]
    fix: bool,
    #[arg(long, overrides_with = "fix", hide = true)]
    no_fix: bool,
    /// Apply the unsafe fixes too [config: `unsafe-fixes`].
    #[arg(long, overrides_with = "no_unsafe_fixes")]
    unsafe_fixes: bool,
    #[arg(long, overrides_with = "unsafe_fixes", hide = true)]
    no_unsafe_fixes: bool,
    /// List the fixes applied, per file and rule, on standard error [config: `show-fixes`].
    #[arg(long, overrides_with = "no_show_fixes")]
    show_fixes: bool,
    #[arg(long, overrides_with = "show_fixes", hide = true)]
    no_show_fixes: bool,
    /// Print a unified diff of what `--fix` would change, and change nothing; exit 1 when
    /// there is something to fix.
    #[arg(long)]
    diff: bool,
}

impl FixArgs {
    fn overrides(&self) -> config::Fixing<Option<bool>> {
        let flag = |yes: bool, no: bool| (yes || no).then_some(yes);
        config::Fixing {
            fix: flag(self.fix, self.no_fix),
            unsafe_fixes: flag(self.unsafe_fixes, self.no_unsafe_fixes),
            show_fixes: flag(self.show_fixes, self.no_show_fixes),
        }
    }
}

#[derive(Args)]
struct ConfigArgs {
    /// Read this configuration file instead of looking for `tlsrpt-lint.toml` or
    /// `.tlsrpt-lint.toml` in the working directory and its parents.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    no_config: bool,
    /// Domains trusted to receive reports (comma-separated), in place of the configuration's
    /// `authorized-destinations`.
    #[arg(long, value_delimiter = ',', value_parser = config::destination, value_name = "DOMAINS")]
    authorized_destinations: Vec<String>,
}

#[derive(Args)]
struct ValidateArgs {
    /// What the value is: an `_smtp._tls` policy, a `_report._tls` authorization, or an
    /// `_mta-sts` record.
    #[arg(long, value_enum, default_value_t = Kind::Policy)]
    kind: Kind,
    /// The policy domain the record belongs to.
    #[arg(long, value_name = "DOMAIN")]
    domain: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    selection: Selection,
    #[command(flatten)]
    config: ConfigArgs,
    /// The TXT value, exactly as published (its strings joined); `-` reads standard input,
    /// less one final line ending.
    value: String,
}

#[derive(Args)]
struct RuleArgs {
    /// A rule code (`TLSRPT105`) or name (`missing-rua`).
    #[arg(
        value_parser = parse_rule,
        required_unless_present = "all",
        conflicts_with = "all",
        value_name = "CODE|NAME"
    )]
    rule: Option<&'static Rule>,
    /// Every rule.
    #[arg(long)]
    all: bool,
    /// Text for a terminal, Markdown (as in `docs/rules.md`), or JSON.
    #[arg(long, value_enum, default_value_t = DocFormat::Text)]
    format: DocFormat,
}

#[derive(Args)]
struct OutputArgs {
    /// How to print findings: snippets, one line each, a JSON document, SARIF, or GitHub
    /// Actions annotations.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also write SARIF to FILE (for code scanning), whatever `--format` prints.
    #[arg(long, value_name = "FILE")]
    output_sarif: Option<PathBuf>,
    /// Also write the JSON document to FILE, whatever `--format` prints.
    #[arg(long, value_name = "FILE")]
    output_json: Option<PathBuf>,
    /// The code-scanning category of the SARIF run (`automationDetails.id`); without it,
    /// upload-sarif's `category` input decides.
    #[arg(long, value_name = "CATEGORY")]
    sarif_category: Option<String>,
    /// Colour in the human format; `auto` colours a terminal unless `NO_COLOR` is set.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// The least severity that makes the exit code 1 [default: error, or the config's].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
}

#[derive(Args, Default)]
struct Selection {
    /// Run only these rules (comma-separated codes or names).
    #[arg(long, value_delimiter = ',', value_parser = parse_rule, value_name = "RULES")]
    select: Vec<&'static Rule>,
    /// Do not run these rules (comma-separated codes or names).
    #[arg(long, value_delimiter = ',', value_parser = parse_rule, value_name = "RULES")]
    ignore: Vec<&'static Rule>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum DocFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Policy,
    Authorization,
    MtaSts,
}

fn parse_rule(key: &str) -> Result<&'static Rule, String> {
    rules::find(key.trim())
        .ok_or_else(|| format!("unknown rule `{key}` (`tlsrpt-lint rule --all` lists every rule)"))
}

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

fn check(args: CheckArgs) -> Result<ExitCode, String> {
    let (mut settings, file) = settings(
        &args.config,
        &args.selection,
        Some(&args.output),
        args.fixing.overrides(),
    )?;
    settings.threads = args.threads;
    settings.force_exclude = args.force_exclude;
    if args.show_settings {
        let text = config::show(&settings, file.as_deref());
        write_stdout(|out| out.write_all(text.as_bytes()))?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.fixing.diff || settings.fixing.fix {
        return fix(&args, &settings);
    }
    let outcome = tlsrpt_lint::check_paths(&args.paths, &settings).map_err(|e| e.to_string())?;
    report(&outcome, &args.output, settings.fail_on)
}

/// `check --fix` and `check --diff`: exit 2 when a fix could not be applied or written,
/// else as `check` on what is left (`--diff`: 1 when there is something to fix).
fn fix(args: &CheckArgs, settings: &Settings) -> Result<ExitCode, String> {
    let mut run = fix::run(&args.paths, settings).map_err(|e| e.to_string())?;
    let mut stderr = io::stderr();
    let count = run.applied();
    let files = run.files.len();
    let code = if args.fixing.diff {
        write_stdout(|out| out.write_all(fix::diff(&run.files).as_bytes()))?;
        let _ = writeln!(stderr, "Would fix {count} findings in {files} files.");
        ExitCode::from(u8::from(count > 0))
    } else {
        let failed = fix::write_all(&run.files, &fix::write::Disk);
        if !failed.is_empty() {
            // What is left is what is on disk.
            run.outcome =
                tlsrpt_lint::check_paths(&args.paths, settings).map_err(|e| e.to_string())?;
            run.errors.extend(failed);
        }
        if settings.fixing.show_fixes && count > 0 {
            let _ = write!(
                stderr,
                "Fixed {count} findings:\n{}",
                fix::summary(&run.files)
            );
        } else {
            let _ = writeln!(stderr, "Fixed {count} findings in {files} files.");
        }
        report(&run.outcome, &args.output, settings.fail_on)?
    };
    for note in &run.notes {
        let _ = writeln!(stderr, "warning: {note}");
    }
    for error in &run.errors {
        let _ = writeln!(stderr, "error: {error}");
    }
    Ok(if run.errors.is_empty() {
        code
    } else {
        ExitCode::from(2)
    })
}

fn validate(args: ValidateArgs) -> Result<ExitCode, String> {
    let (value, display) = if args.value == "-" {
        (read_stdin()?, "<stdin>")
    } else {
        (args.value, "<value>")
    };
    let kind = match args.kind {
        Kind::Policy => RecordKind::Policy,
        Kind::Authorization => RecordKind::Authorization,
        Kind::MtaSts => RecordKind::MtaSts,
    };
    let (settings, _) = settings(
        &args.config,
        &args.selection,
        Some(&args.output),
        config::Fixing::default(),
    )?;
    let outcome =
        tlsrpt_lint::check_value(&value, display, kind, args.domain.as_deref(), &settings);
    report(&outcome, &args.output, settings.fail_on)
}

/// Lists the policies, or with `--posture` the mail domains; findings are `check`'s, so the
/// exit code is 0.
fn records(args: RecordsArgs) -> Result<ExitCode, String> {
    if matches!(args.format, RecordsFormat::Markdown) && !args.posture {
        return Err("`--format markdown` needs `--posture`".to_string());
    }
    let (mut settings, _) = settings(
        &args.config,
        &Selection::default(),
        None,
        config::Fixing::default(),
    )?;
    settings.threads = args.threads;
    // The posture calls a policy with an error broken, so it needs the findings.
    if !args.posture {
        settings.retain_rules(|_| false);
    }
    let outcome = tlsrpt_lint::check_paths(&args.paths, &settings).map_err(|e| e.to_string())?;
    if args.posture {
        let rows = tlsrpt_lint::posture::rows(&outcome);
        write_stdout(|out| match args.format {
            RecordsFormat::Table => render::posture::write_table(&rows, out),
            RecordsFormat::Json => render::posture::write_json(&rows, out),
            RecordsFormat::Markdown => render::posture::write_markdown(&rows, out),
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    write_stdout(|out| match args.format {
        RecordsFormat::Table => render::records_table(&outcome, out),
        RecordsFormat::Json => render::records_json(&outcome, out),
        RecordsFormat::Markdown => Ok(()),
    })?;
    Ok(ExitCode::SUCCESS)
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

/// Prints each generated file under a `==> file (where) <==` line; bad input is a usage
/// error with the rule's message and help.
fn generate(args: GenerateArgs) -> Result<ExitCode, String> {
    let writer = match &args.format {
        Some(name) => Writer::named(name).ok_or_else(|| format!("unknown format `{name}`"))?,
        None => repository_writer()?,
    };
    let request = generate::Request {
        domain: args.domain,
        rua: args.rua,
        mta_sts: args.mta_sts.map(|mode| generate::MtaSts {
            mode: match mode {
                StsMode::Testing => generate::Mode::Testing,
                StsMode::Enforce => generate::Mode::Enforce,
            },
            mx: args.mx,
            max_age: args.max_age,
            id: args.id.unwrap_or_else(generate::utc_id),
        }),
    };
    let sections = generate::generate(&request, writer).map_err(|p| p.to_string())?;
    write_stdout(|out| {
        for (i, section) in sections.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "==> {} ({}) <==", section.file, section.title)?;
            out.write_all(section.text.as_bytes())?;
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The writer for the repository in the working directory: its records' most common
/// format, else the zone file.
fn repository_writer() -> Result<Writer, String> {
    let mut settings = Settings::default();
    settings.retain_rules(|_| false);
    let outcome =
        tlsrpt_lint::check_paths(&[PathBuf::from(".")], &settings).map_err(|e| e.to_string())?;
    Ok(generate::repository_writer(&outcome).unwrap_or(Writer::Zone))
}

/// Standard input verbatim, less one final `\n` or `\r\n`.
fn read_stdin() -> Result<String, String> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    let mut text =
        String::from_utf8(bytes).map_err(|_| "standard input is not UTF-8 text".to_string())?;
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}

fn rule(args: RuleArgs) -> Result<ExitCode, String> {
    let text = match (args.rule, args.format) {
        (Some(rule), DocFormat::Text) => rule_docs::text(rule),
        (Some(rule), DocFormat::Markdown) => rule_docs::markdown_section(rule),
        (Some(rule), DocFormat::Json) => json_text(&rule_docs::json(&[rule])[0]),
        (None, DocFormat::Text) => rules::ALL
            .iter()
            .map(|rule| rule_docs::text(rule))
            .collect::<Vec<_>>()
            .join("\n"),
        (None, DocFormat::Markdown) => rule_docs::markdown_all(),
        (None, DocFormat::Json) => json_text(&rule_docs::json(rules::ALL)),
    };
    write_stdout(|out| out.write_all(text.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}

fn json_text(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// The settings of the configuration file (found, named or none) with the command line
/// over them, and the file's path as users see it.
fn settings(
    args: &ConfigArgs,
    selection: &Selection,
    output: Option<&OutputArgs>,
    fixing: config::Fixing<Option<bool>>,
) -> Result<(Settings, Option<String>), String> {
    let path = match (&args.config, args.no_config) {
        (_, true) => None,
        (Some(path), false) => Some(path.clone()),
        (None, false) => {
            let cwd = std::env::current_dir()
                .map_err(|e| format!("cannot read the working directory: {e}"))?;
            config::discover(&cwd).map_err(|e| e.to_string())?
        }
    };
    let file = path
        .map(|p| config::load(&p))
        .transpose()
        .map_err(|e| e.to_string())?;
    let overrides = config::Overrides {
        select: selection.select.clone(),
        ignore: selection.ignore.clone(),
        fail_on: output.and_then(|o| o.fail_on).map(threshold),
        fixing,
        authorized_destinations: args.authorized_destinations.clone(),
    };
    let settings = config::resolve(file.as_ref(), &overrides);
    Ok((settings, file.map(|f| f.path)))
}

fn parse_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!(
            "`{text}` is not a fraction from 0 to 1 (`0.01` is 1%)"
        )),
    }
}

/// Reads received reports; exits 1 when a finding is at `--fail-on` or above.
fn report_command(args: ReportArgs) -> Result<ExitCode, String> {
    let (mut settings, _) = settings(
        &args.config,
        &args.selection,
        None,
        config::Fixing::default(),
    )?;
    settings.threads = args.threads;
    if let Some(fail_on) = args.fail_on {
        settings.fail_on = threshold(fail_on);
    }
    let options = tlsrpt_lint::report::Options {
        max_failure_rate: args.max_failure_rate,
    };
    let run =
        tlsrpt_lint::report::run(&args.paths, &settings, &options).map_err(|e| e.to_string())?;
    let format = match args.format {
        ReportFormat::Human => view::Format::Human,
        ReportFormat::Concise => view::Format::Concise,
        ReportFormat::Json => view::Format::Json,
        ReportFormat::Sarif => view::Format::Sarif,
        ReportFormat::Github => view::Format::Github,
        ReportFormat::Csv => view::Format::Csv,
        ReportFormat::Html => view::Format::Html,
    };
    let to_file = args.output.is_some();
    let options = render::Options {
        color: !to_file && use_color(args.color),
        sarif_category: None,
    };
    match &args.output {
        Some(path) => File::create(path)
            .and_then(|file| {
                let mut out = io::BufWriter::new(file);
                view::write(&run, format, &options, &mut out)?;
                out.flush()
            })
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
        None => write_stdout(|out| view::write(&run, format, &options, out))?,
    }
    Ok(exit_code(&run.outcome, settings.fail_on))
}

fn threshold(fail_on: FailOn) -> Option<Severity> {
    match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    }
}

/// Prints the outcome and decides the exit code: 1 when a finding is at `threshold` or
/// above.
fn report(
    outcome: &Outcome,
    output: &OutputArgs,
    threshold: Option<Severity>,
) -> Result<ExitCode, String> {
    let format = match output.format {
        Format::Human => OutputFormat::Human,
        Format::Concise => OutputFormat::Concise,
        Format::Json => OutputFormat::Json,
        Format::Sarif => OutputFormat::Sarif,
        Format::Github => OutputFormat::Github,
    };
    let options = render::Options {
        color: use_color(output.color),
        sarif_category: output.sarif_category.clone(),
    };
    write_stdout(|out| render::render(outcome, format, &options, out))?;
    write_files(outcome, output, &options)?;
    if matches!(format, OutputFormat::Sarif) || output.output_sarif.is_some() {
        if let Some(notice) = render::sarif_cut_notice(outcome) {
            let _ = writeln!(io::stderr(), "warning: {notice}");
        }
    }
    Ok(exit_code(outcome, threshold))
}

/// 1 when a finding is at `threshold` or above, else 0.
fn exit_code(outcome: &Outcome, threshold: Option<Severity>) -> ExitCode {
    let failed = threshold.is_some_and(|t| outcome.diagnostics.iter().any(|d| d.severity >= t));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether `--color` asks for colour on standard output.
fn use_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Writes the `--output-sarif` and `--output-json` files.
fn write_files(
    outcome: &Outcome,
    output: &OutputArgs,
    options: &render::Options,
) -> Result<(), String> {
    let files = [
        (&output.output_sarif, OutputFormat::Sarif),
        (&output.output_json, OutputFormat::Json),
    ];
    for (path, format) in files {
        let Some(path) = path else { continue };
        File::create(path)
            .and_then(|file| {
                let mut out = io::BufWriter::new(file);
                render::render(outcome, format, options, &mut out)?;
                out.flush()
            })
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(())
}

/// Writes to stdout through a buffer; a closed pipe (the reader has seen enough) is not an
/// error.
fn write_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), String> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}
