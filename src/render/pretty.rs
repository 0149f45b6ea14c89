//! Pretty-printed JSON written piece by piece, byte-identical to `serde_json::to_writer_pretty`
//! on the whole document, so that a large document is neither held in memory nor serialized
//! on one core.
//!
//! A document is written as its skeleton (`{`, keys, `}`) by [`Object`], with each value
//! serialized by serde_json at its nesting depth: a value at depth `d` is serialized inside
//! `d` one-element arrays and the brackets are cut off, so serde_json itself indents it. A
//! long array ([`Object::array`]) is serialized in batches, which this thread and a second
//! one claim in turn ([`crate::parallel::ordered`]), and written in order: the bytes are the same
//! whatever the threads did. Hand-written rather than a custom serde_json `Formatter`
//! because the formatter's nesting state cannot be handed to another thread.

use std::io::{self, Write};
use std::ops::Range;

use serde::{Serialize, Serializer};

use crate::parallel::{self, Spread};

/// Elements serialized together: enough to amortize the hand-over, few enough to keep the
/// batches in flight small (a few hundred kilobytes).
const BATCH: usize = 256;

/// Bytes gathered before they are handed on.
const CHUNK: usize = 64 * 1024;

/// The members of a top-level JSON object, written in order.
pub struct Object<'a> {
    out: Chunks<'a>,
    first: bool,
}

impl<'a> Object<'a> {
    /// Opens the object.
    pub fn new(out: &'a mut dyn Write) -> io::Result<Object<'a>> {
        let mut out = Chunks {
            buf: Vec::with_capacity(CHUNK + CHUNK / 4),
            out,
        };
        out.write_all(b"{")?;
        Ok(Object { out, first: true })
    }

    fn key(&mut self, key: &str) -> io::Result<()> {
        let separator: &[u8] = if self.first { b"\n  " } else { b",\n  " };
        self.first = false;
        self.out.write_all(separator)?;
        serde_json::to_writer(&mut self.out, key)?;
        self.out.write_all(b": ")
    }

    /// Writes the member `key` with a small value.
    pub fn member(&mut self, key: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(key)?;
        let mut buf = Vec::new();
        serde_json::to_writer_pretty(&mut buf, &[value])?;
        // `[\n  value\n]`: the value, indented one level.
        self.out.write_all(&buf[4..buf.len() - 2])
    }

    /// Writes the member `key` with an array of `len` elements, `element(i)` each.
    pub fn array<F, T>(&mut self, key: &str, len: usize, element: F) -> io::Result<()>
    where
        F: Fn(usize) -> T + Sync,
        T: Serialize,
    {
        self.key(key)?;
        if len == 0 {
            return self.out.write_all(b"[]");
        }
        self.out.write_all(b"[\n")?;
        let batches = len.div_ceil(BATCH);
        let render = |b: usize| -> io::Result<Vec<u8>> {
            let batch = Batch {
                range: b * BATCH..len.min((b + 1) * BATCH),
                element: &element,
            };
            let mut buf = Vec::new();
            serde_json::to_writer_pretty(&mut buf, &[batch])?;
            Ok(buf)
        };
        let out = &mut self.out;
        let mut write = |b: usize, buf: &[u8]| -> io::Result<()> {
            if b > 0 {
                out.write_all(b",\n")?;
            }
            // `[\n  [\n    a,\n    b\n  ]\n]`: the elements, indented two levels.
            out.write_all(&buf[6..buf.len() - 6])
        };
        let parallel =
            batches > 1 && std::thread::available_parallelism().is_ok_and(|p| p.get() > 1);
        let spread = Spread {
            helpers: usize::from(parallel),
            ahead: AHEAD,
        };
        parallel::ordered(batches, spread, &render, || (), &mut |b, buf| {
            write(b, &buf?)
        })?;
        self.out.write_all(b"\n  ]")
    }

    /// Closes the object and ends the document with a newline.
    pub fn end(mut self) -> io::Result<()> {
        self.out
            .write_all(if self.first { b"}\n" } else { b"\n}\n" })?;
        self.out.flush()
    }
}

/// Batches rendered but not yet written, at most (a soft bound: a few megabytes).
const AHEAD: usize = 8;

/// Elements `range` of an array, serialized as an array.
struct Batch<'f, F> {
    range: Range<usize>,
    element: &'f F,
}

impl<F, T> Serialize for Batch<'_, F>
where
    F: Fn(usize) -> T,
    T: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.range.clone().map(self.element))
    }
}

/// serde_json writes a document in many small pieces (a key, a quote, an indent): they are
/// gathered here into chunks of [`CHUNK`] bytes, so each piece is a copy into a concrete
/// buffer rather than a call through `dyn Write`.
struct Chunks<'a> {
    buf: Vec<u8>,
    out: &'a mut dyn Write,
}

impl Write for Chunks<'_> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= CHUNK {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Whole {
        version: u32,
        empty: Vec<u32>,
        tool: (&'static str, Vec<u32>),
        items: Vec<Item>,
    }

    #[derive(Clone, Serialize)]
    struct Item {
        name: String,
        list: Vec<u32>,
    }

    #[test]
    fn pieces_make_the_same_bytes_as_the_whole() {
        for len in [0, 1, 2, BATCH - 1, BATCH, BATCH + 1, 5 * BATCH + 3] {
            let items: Vec<Item> = (0..len)
                .map(|i| Item {
                    name: format!("item \"{i}\"\n"),
                    list: (0..(i % 3) as u32).collect(),
                })
                .collect();
            let whole = Whole {
                version: 1,
                empty: Vec::new(),
                tool: ("x", vec![1, 2]),
                items: items.clone(),
            };
            let mut expected = serde_json::to_vec_pretty(&whole).unwrap();
            expected.push(b'\n');
            let mut out = Vec::new();
            let mut object = Object::new(&mut out).unwrap();
            object.member("version", &1).unwrap();
            object.array("empty", 0, |_| 0).unwrap();
            object.member("tool", &whole.tool).unwrap();
            object.array("items", len, |i| &items[i]).unwrap();
            object.end().unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }
}
