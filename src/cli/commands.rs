//! The subcommands run: each takes its parsed arguments, calls the library, and returns
//! the exit code or a message for standard error (exit 2).

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use tlsrpt_lint::generate::{self, Writer};
use tlsrpt_lint::model::RecordKind;
use tlsrpt_lint::render::{self, rule_docs};
use tlsrpt_lint::report::view;
use tlsrpt_lint::rules;
use tlsrpt_lint::{config, fix, Settings};

use super::args::{
    CheckArgs, ConfigArgs, DocFormat, GenerateArgs, Kind, OutputArgs, RecordsArgs, RecordsFormat,
    ReportArgs, ReportFormat, RuleArgs, Selection, StsMode, ValidateArgs,
};
use super::output::{exit_code, report, threshold, use_color, write_stdout};

pub fn check(args: CheckArgs) -> Result<ExitCode, String> {
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

pub fn validate(args: ValidateArgs) -> Result<ExitCode, String> {
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
pub fn records(args: RecordsArgs) -> Result<ExitCode, String> {
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

/// Prints each generated file under a `==> file (where) <==` line; bad input is a usage
/// error with the rule's message and help.
pub fn generate(args: GenerateArgs) -> Result<ExitCode, String> {
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

pub fn rule(args: RuleArgs) -> Result<ExitCode, String> {
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

/// The repository of `report --repo`, read as `check` reads it: with the configuration
/// found in it (or the one named), its own findings set aside.
fn read_repo(
    dir: &std::path::Path,
    args: &ConfigArgs,
    threads: usize,
) -> Result<tlsrpt_lint::report::repo::Repo, String> {
    let shown = dir.display();
    let fail = |e: String| format!("cannot read the repository `{shown}`: {e}");
    let path = match (&args.config, args.no_config) {
        (_, true) => None,
        (Some(path), false) => Some(path.clone()),
        (None, false) => config::discover(dir).map_err(|e| fail(e.to_string()))?,
    };
    let file = path
        .map(|p| config::load(&p))
        .transpose()
        .map_err(|e| fail(e.to_string()))?;
    let mut settings = config::resolve(file.as_ref(), &config::Overrides::default());
    settings.threads = threads;
    let outcome = tlsrpt_lint::check_paths(&[dir.to_path_buf()], &settings)
        .map_err(|e| fail(e.to_string()))?;
    Ok(tlsrpt_lint::report::repo::Repo::new(
        &shown.to_string(),
        &outcome,
    ))
}

/// Reads received reports; exits 1 when a finding is at `--fail-on` or above.
pub fn report_command(args: ReportArgs) -> Result<ExitCode, String> {
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
    let repo = args
        .repo
        .as_ref()
        .map(|dir| read_repo(dir, &args.config, settings.threads))
        .transpose()?;
    let options = tlsrpt_lint::report::Options {
        max_failure_rate: args.max_failure_rate,
        repo: repo.map(std::sync::Arc::new),
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
