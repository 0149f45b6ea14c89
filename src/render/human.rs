//! The human format: rustc-style annotated snippets via `annotate-snippets`.
//!
//! This file renders a diagnostic (its title, help and fix) from excerpts of its sources
//! that `excerpt` prepares: only the lines around each span, cut to a window on a very long
//! line. A cut excerpt prints its own `-->` origin, so the empty `:::` that
//! annotate-snippets then gives the path-less snippet is dropped here.

use std::io::{self, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{Group, Level, Patch, Renderer, Snippet};

use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::pipeline::Outcome;
use crate::text::Span;

mod excerpt;
use excerpt::{excerpts, line_bytes, line_range, Excerpt, MAX_EXCERPT};

/// A fix whose edits span more lines than this is described but not shown.
const MAX_FIX_LINES: u32 = 12;

pub fn write(outcome: &Outcome, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    for diagnostic in &outcome.diagnostics {
        writeln!(out, "{}\n", render_one(&renderer, diagnostic))?;
    }
    writeln!(out, "{}", super::summary(outcome))
}

/// One diagnostic as annotate-snippets prints it.
fn render_one(renderer: &Renderer, diagnostic: &Diagnostic) -> String {
    let excerpts = excerpts(diagnostic);
    let id = super::rule_id(diagnostic);
    let mut title = level(diagnostic.severity)
        .primary_title(diagnostic.message.as_str())
        .id(id.as_str())
        .elements(excerpts.iter().flat_map(Excerpt::elements));
    if let Some(help) = &diagnostic.help {
        title = title.element(Level::HELP.message(help.as_str()));
    }
    let fix = diagnostic
        .fix
        .as_ref()
        .map(|fix| FixView::new(diagnostic, fix));
    let mut groups = vec![title];
    if let Some(fix) = &fix {
        groups.push(fix.group());
    }
    let rendered = renderer.render(&groups);
    if excerpts.iter().all(|e| e.origin.is_none()) {
        return rendered;
    }
    // A snippet without a path (after its own origin) still opens with an empty `:::`.
    rendered
        .split_inclusive('\n')
        .filter(|line| without_escapes(line).trim() != ":::")
        .collect()
}

/// A rendered line without its ANSI colour escapes.
fn without_escapes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('\x1b') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = rest.find('m').map_or("", |end| &rest[end + 1..]);
    }
    out.push_str(rest);
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// A fix as a help title and, when its edits are in the primary source and close
/// together, the patched lines.
struct FixView<'a> {
    title: String,
    excerpt: Option<(Excerpt<'a>, &'a Fix)>,
}

impl<'a> FixView<'a> {
    fn new(diagnostic: &'a Diagnostic, fix: &'a Fix) -> FixView<'a> {
        let kind = match fix.applicability {
            Applicability::Safe => "safe fix",
            Applicability::Unsafe => "unsafe fix",
        };
        let source = &diagnostic.location.source;
        let covered = fix
            .edits
            .iter()
            .map(|e| e.span)
            .reduce(Span::cover)
            .filter(|_| !source.text.is_empty());
        let excerpt = covered
            .map(|span| line_range(source, span))
            .filter(|&(first, last)| {
                last - first < MAX_FIX_LINES && line_bytes(source, first, last).len() <= MAX_EXCERPT
            })
            .map(|(first, last)| (Excerpt::new(source, first, last, Vec::new()), fix));
        FixView {
            title: format!("{} ({kind})", fix.message),
            excerpt,
        }
    }

    fn group(&self) -> Group<'_> {
        let title = Group::with_title(Level::HELP.secondary_title(self.title.as_str()));
        match &self.excerpt {
            Some((excerpt, fix)) => {
                let patches = fix
                    .edits
                    .iter()
                    .map(|e| Patch::new(excerpt.local(e.span), e.replacement.as_str()));
                title.element(
                    Snippet::<Patch>::source(excerpt.text.as_str())
                        .path(excerpt.source.path.as_str())
                        .line_start(excerpt.line as usize)
                        .patches(patches),
                )
            }
            None => title,
        }
    }
}

#[cfg(test)]
mod tests;
