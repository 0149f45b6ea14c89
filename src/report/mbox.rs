//! An mbox file → its messages, one at a time, in bounded memory.
//!
//! mail-parser parses one message; splitting a mailbox is ours, because its own mbox reader
//! keeps a message whole however large it is. Messages start at lines beginning `From `
//! (RFC 4155). Lines are read through a cap ([`MAX_LINE`]), so a file without line breaks
//! is read in slices, and a message is kept only up to [`MAX_MESSAGE`] bytes: past that its
//! remaining lines are skipped and the message is handed on as too large. Memory is one
//! message and one line, whatever the size of the file. Lines quoted mboxrd-style
//! (`>From `, `>>From `) lose one `>`.

use std::io::{self, BufRead, Read};

/// The longest slice of a line read at once.
pub const MAX_LINE: u64 = 64 * 1024;
/// The largest message kept: reports are kilobytes, and a report mail with a large
/// attachment a few megabytes.
pub const MAX_MESSAGE: usize = 32 << 20;

/// One message of the mailbox.
#[derive(Debug)]
pub struct Message {
    /// 1-based position in the mailbox.
    pub number: usize,
    /// 1-based line of its `From ` line.
    pub line: u64,
    /// The message (without the `From ` line), or `None` when it was over [`MAX_MESSAGE`].
    pub bytes: Option<Vec<u8>>,
}

/// Calls `each` with every message of the mailbox in `reader`, in order.
pub fn split(mut reader: impl BufRead, mut each: impl FnMut(Message)) -> io::Result<()> {
    let mut line = Vec::new();
    let mut current: Option<Message> = None;
    let mut line_number = 0u64;
    let mut at_line_start = true;
    let mut count = 0;
    loop {
        line.clear();
        let n = reader
            .by_ref()
            .take(MAX_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        let starts_line = at_line_start;
        at_line_start = line.ends_with(b"\n");
        if starts_line {
            line_number += 1;
            if line.starts_with(b"From ") {
                if let Some(done) = current.take() {
                    each(done);
                }
                count += 1;
                current = Some(Message {
                    number: count,
                    line: line_number,
                    bytes: Some(Vec::new()),
                });
                continue;
            }
        }
        let Some(message) = current.as_mut() else {
            continue; // text before the first `From ` line belongs to no message
        };
        let Some(bytes) = message.bytes.as_mut() else {
            continue; // already too large
        };
        let quoted = starts_line && is_quoted_from(&line);
        let kept = if quoted { &line[1..] } else { &line[..] };
        if bytes.len() + kept.len() > MAX_MESSAGE {
            message.bytes = None;
        } else {
            bytes.extend_from_slice(kept);
        }
    }
    if let Some(done) = current {
        each(done);
    }
    Ok(())
}

/// `>From `, `>>From `...: a body line that began `From ` before it was stored.
fn is_quoted_from(line: &[u8]) -> bool {
    let rest = line
        .iter()
        .position(|&b| b != b'>')
        .map_or(&[][..], |i| &line[i..]);
    line.first() == Some(&b'>') && rest.starts_with(b"From ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &[u8]) -> Vec<Message> {
        let mut out = Vec::new();
        split(text, |m| out.push(m)).unwrap();
        out
    }

    #[test]
    fn splits_on_from_lines_and_unquotes_mboxrd() {
        let text = b"From a@b Mon Jan  1 00:00:00 2024\nSubject: 1\n\n>From here\nbody\nFrom c@d Tue Jan  2 00:00:00 2024\r\nSubject: 2\r\n\r\nx";
        let found = messages(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].number, 1);
        assert_eq!(found[0].line, 1);
        assert_eq!(
            found[0].bytes.as_deref(),
            Some(&b"Subject: 1\n\nFrom here\nbody\n"[..])
        );
        assert_eq!(found[1].line, 6);
        assert_eq!(found[1].bytes.as_deref(), Some(&b"Subject: 2\r\n\r\nx"[..]));
    }

    #[test]
    fn a_long_line_is_read_in_slices_and_a_huge_message_is_dropped() {
        // `From ` inside a long line is not a message start.
        let mut text = b"From x\n".to_vec();
        text.extend(std::iter::repeat_n(b'a', MAX_LINE as usize * 2 - 3));
        text.extend(b"From y\nok\n");
        let found = messages(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].bytes.as_ref().unwrap().len(), text.len() - 7);
        let mut huge = b"From x\n".to_vec();
        huge.extend(std::iter::repeat_n(b'a', MAX_MESSAGE + 10));
        huge.extend(b"\nFrom y\nok\n");
        let found = messages(&huge);
        assert_eq!(found.len(), 2);
        assert!(found[0].bytes.is_none());
        assert_eq!(found[1].bytes.as_deref(), Some(&b"ok\n"[..]));
    }
}
