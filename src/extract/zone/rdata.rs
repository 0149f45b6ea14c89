//! The data of the record types a zone file's rules read: TXT (quoted strings, or RFC 3597
//! `\# len hex`), CNAME, MX and TLSA, each read from its tokens into [`RData`] with spans
//! into the file. [`super::reader`] walks the entries and calls these by type.

use std::sync::Arc;

use super::decode::{decode, decode_hex, decode_octets, Probe};
use super::fields::{resolve_name, split_strings};
use super::lexer::{Kind, Token};
use super::reader::{inner, Entry, FileReader, PendingMx};
use crate::model::{RData, Txt, TxtString, Writing};
use crate::names::{is_dane_owner, may_be_misspelt_policy};
use crate::record::tlsa;
use crate::text::{Decoded, Span};

impl FileReader<'_, '_> {
    pub(super) fn txt(&mut self, entry: &Entry) {
        let mut tokens = std::mem::take(&mut self.shared.tokens);
        if self.rdata_tokens(&mut tokens) {
            match tokens.first() {
                None => {
                    let end = Span::at(self.lexer.content_end());
                    self.syntax_error(end, "expected TXT data, found end of line");
                }
                Some(first) if self.slice(first.span) == "\\#" => self.generic_txt(entry, &tokens),
                Some(_) => self.text_txt(entry, &tokens),
            }
        }
        self.shared.tokens = tokens;
    }

    /// TXT data as character-strings, quoted or not.
    fn text_txt(&mut self, entry: &Entry, tokens: &[Token]) {
        let mut probe = Probe::default();
        let mut long: Option<(Span, u32)> = None;
        let mut cut_by_comment = None;
        for token in tokens {
            match decode(self.text, inner(token), &mut probe) {
                Ok(octets) if octets > 255 && long.is_none() => long = Some((inner(token), octets)),
                Ok(_) => {}
                Err(bad) => return self.report_bad(bad),
            }
            cut_by_comment = cut_by_comment.or(token.glued_comment);
        }
        if !self.worth_keeping(&probe) {
            if let Some((span, octets)) = long {
                self.long_elsewhere(span, octets);
            }
            return;
        }
        let mut value = Decoded::default();
        let mut strings = Vec::with_capacity(tokens.len());
        for token in tokens {
            let start = value.len();
            // Decoded once already without error.
            let _ = decode(self.text, inner(token), &mut value);
            strings.push(TxtString {
                range: start..value.len(),
                quoted: token.kind == Kind::Quoted,
            });
        }
        let txt = Txt {
            value,
            strings,
            cut_by_comment,
            writing: Writing::Format,
        };
        self.push_record(entry, "TXT", RData::Txt(txt));
    }

    /// TXT data in the RFC 3597 generic form: `\# <length> <hex>...`.
    fn generic_txt(&mut self, entry: &Entry, tokens: &[Token]) {
        let Some(length_token) = tokens.get(1) else {
            let at = Span::at(tokens[0].span.end);
            return self.syntax_error(
                at,
                "expected the RDATA length after `\\#`, found end of line",
            );
        };
        let length_text = self.slice(length_token.span);
        let Some(length) = length_text
            .parse::<usize>()
            .ok()
            .filter(|_| length_token.kind == Kind::Word)
        else {
            let found = self.shown(*length_token);
            return self.syntax_error(
                length_token.span,
                format!("expected the RDATA length in octets after `\\#`, found {found}"),
            );
        };
        let mut octets = std::mem::take(&mut self.shared.octets);
        let mut strings = std::mem::take(&mut self.shared.strings);
        octets.clear();
        strings.clear();
        let hex = tokens[2..].iter().map(|t| t.span);
        let result = decode_hex(self.text, hex, &mut octets)
            .and_then(|()| split_strings(&octets, length, length_token.span, &mut strings));
        match result {
            Err(bad) => self.report_bad(bad),
            Ok(()) => {
                let mut probe = Probe::default();
                for range in strings.iter() {
                    decode_octets(&octets[range.clone()], &mut probe);
                }
                if self.worth_keeping(&probe) {
                    let mut value = Decoded::default();
                    let mut txt_strings = Vec::with_capacity(strings.len());
                    for range in strings.iter() {
                        let start = value.len();
                        decode_octets(&octets[range.clone()], &mut value);
                        txt_strings.push(TxtString {
                            range: start..value.len(),
                            quoted: true,
                        });
                    }
                    let txt = Txt {
                        value,
                        strings: txt_strings,
                        cut_by_comment: None,
                        writing: Writing::Never,
                    };
                    self.push_record(entry, "TXT", RData::Txt(txt));
                }
            }
        }
        self.shared.octets = octets;
        self.shared.strings = strings;
    }

    pub(super) fn cname(&mut self, entry: &Entry) {
        let target = self.lexer.next_token();
        if target.kind != Kind::Word {
            let found = self.shown(target);
            return self.fail(
                target,
                format!("expected a CNAME target name, found {found}"),
            );
        }
        if self.slice(target.span) == "\\#" {
            // Generic RDATA holds the target in wire form; not decoded.
            return self.skip_rest(true);
        }
        let after = self.lexer.next_token();
        if after.kind != Kind::Eol {
            let found = self.shown(after);
            return self.fail(
                after,
                format!("expected end of line after the CNAME target, found {found}"),
            );
        }
        // A CNAME at a misspelt policy name (`_smtp.tls`) matters beside a policy there; one
        // at a `_25._tcp` name may lead to the mail host's DANE records.
        let misspelt = may_be_misspelt_policy(&self.state.owner);
        let dane = is_dane_owner(&self.state.owner);
        if !(self.shared.options.all_records || misspelt || dane || self.owner_is_relevant()) {
            return;
        }
        let mut name = String::new();
        let origin = self.state.origin.as_deref();
        match resolve_name(self.text, target.span, origin, &mut name) {
            Ok(()) => self.push_record(
                entry,
                "CNAME",
                RData::Cname {
                    target: name,
                    span: target.span,
                },
            ),
            Err(bad) => self.report_bad(bad),
        }
    }

    /// An MX record with its exchange resolved, held back ([`PendingMx`]):
    /// `tlsrpt-without-mta-sts` looks for DANE TLSA records at `_25._tcp.<exchange>`. RDATA
    /// that is not a preference and a name (generic `\#` data, a typo) is not this linter's
    /// to judge and is skipped.
    pub(super) fn mx(&mut self, entry: Entry) {
        let mut tokens = std::mem::take(&mut self.shared.tokens);
        if self.rdata_tokens(&mut tokens) {
            if let [preference, exchange] = tokens[..] {
                let mut name = String::new();
                let origin = self.state.origin.as_deref();
                let numeric = self
                    .slice(preference.span)
                    .bytes()
                    .all(|b| b.is_ascii_digit());
                if numeric
                    && exchange.kind == Kind::Word
                    && resolve_name(self.text, exchange.span, origin, &mut name).is_ok()
                {
                    let pending = PendingMx {
                        source: Arc::clone(self.source),
                        owner: self.state.owner.clone(),
                        entry,
                        end: self.lexer.content_end(),
                        exchange: name,
                        exchange_span: exchange.span,
                    };
                    self.shared.mx.push(pending);
                }
            }
        }
        self.shared.tokens = tokens;
    }

    /// A TLSA record, kept wherever it is: at a `_25._tcp` name it is DANE for SMTP (RFC
    /// 7672 §2.2), and elsewhere it may be the shared set a `_25._tcp` CNAME points at. Its
    /// data is kept for `report --repo` to compare with received reports; data that is not
    /// three numbers and hex (the generic `\#` form, a typo) is kept as unknown.
    pub(super) fn tlsa(&mut self, entry: &Entry) {
        let mut tokens = std::mem::take(&mut self.shared.tokens);
        let data = if self.rdata_tokens(&mut tokens) {
            let words: Vec<&str> = tokens
                .iter()
                .map(|t| match t.kind {
                    Kind::Word => self.slice(t.span),
                    _ => "\"",
                })
                .collect();
            tlsa::normalize(&words.join(" ")).map_or(RData::Other, |data| RData::Tlsa { data })
        } else {
            RData::Other
        };
        self.shared.tokens = tokens;
        self.push_record(entry, "TLSA", data);
    }

    /// Reads the RDATA tokens of an entry into `tokens`; false after a lexing error (reported).
    pub(super) fn rdata_tokens(&mut self, tokens: &mut Vec<Token>) -> bool {
        tokens.clear();
        loop {
            let token = self.lexer.next_token();
            match token.kind {
                Kind::Word | Kind::Quoted => tokens.push(token),
                Kind::Eol => return true,
                Kind::Error(error) => {
                    self.fail(token, error.message());
                    return false;
                }
            }
        }
    }
}
