//! The stable-toolchain fuzz harness: runs the same entry points as the cargo-fuzz targets
//! (`tlsrpt_lint::fuzzing`) over the committed seeds (every fixture and test zone, every
//! record of the checkdmarc corpus) and over deterministic random mutations of them: byte
//! flips, insertions of bytes and tokens that matter to the grammars, deletions,
//! duplications and splices of two seeds. A panic fails the test and prints the input.
//! `TLSRPT_FUZZ_MUTATIONS` sets the mutations per seed (default 3 in `cargo test`: a debug build renders
//! every input in all five formats, about 5 ms each; `.ci/fuzz.sh` runs many more in a
//! release build when no nightly toolchain is there for cargo-fuzz).

use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

use tlsrpt_lint::fuzzing;

/// Tokens that steer the parsers into their less travelled paths.
const TOKENS: &[&[u8]] = &[
    b"{{ domain }}",
    b"{% for x in y %}",
    b"{% endfor %}",
    b"- block:\n",
    b"route53:\n",
    b"\"",
    b"\\",
    b"\\0",
    b"\\256",
    b"\\;",
    b";",
    b"(",
    b")",
    b"\n",
    b"\r\n",
    b"\r",
    b"\t",
    b" ",
    b"$ORIGIN ",
    b"$INCLUDE ",
    b"$TTL ",
    b"$GENERATE 1-2 ",
    b"@",
    b"\\# 4 ",
    b"TYPE16",
    b"v=TLSRPTv1",
    b"v=STSv1",
    b"rua=",
    b"mailto:",
    b"https://",
    b"%",
    b"%2C",
    b",",
    b"!",
    b"=",
    b"[",
    b"]",
    b"?",
    b"#",
    b"\xc3\xa9",
    b"\xf0\x9f\x98\x80",
    b"\xef\xbb\xbf",
    b"\0",
    b"; tlsrpt-lint: allow ",
    b"_smtp._tls",
    b"_mta-sts",
    b"._report._tls.",
    b"D(\"example.com\", REG, ",
    b"TXT(\"_smtp._tls\", ",
    b"[\"v=TLSRPTv1; \", ",
    b"function f(d) { return ",
    b"`${",
    b"}`",
    b"\\u{41}",
    b"// tlsrpt-lint: allow ",
    b"+",
    b"{",
    b"}",
    b"&a ",
    b"*a",
    b"!Sub ",
    b"!Join ",
    b": ",
    b"- ",
    b"|-\n",
    b">+\n",
    b"'",
    b"''",
    b"---\n",
    b"  ",
    b"\\;",
    b"${",
    b"%{",
    b"<<-EOT\n",
    b"\nEOT\n",
    b"local.",
    b"each.value",
    b"for_each = ",
    b"resource \"aws_route53_record\" \"x\" {",
    b"\\\"\\\"",
];

/// xorshift64*: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = at.min(data.len() - 1);
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            2 => {
                let end = (at + rng.below(16)).min(data.len());
                data.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(32)).min(data.len());
                let copy = data[at..end].to_vec();
                data.splice(at..at, copy);
            }
            4 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + rng.below(64)).min(other.len());
                data.splice(at..at, other[from..end].iter().copied());
            }
            _ => data.insert(at, rng.next() as u8),
        }
    }
    data
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path.file_name().is_some_and(|n| n != "expected.txt") {
            out.push(path);
        }
    }
}

fn zone_seeds() -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    files_under(Path::new("fixtures"), &mut paths);
    files_under(Path::new("tests/bind"), &mut paths);
    paths.sort();
    let seeds: Vec<Vec<u8>> = paths.iter().filter_map(|p| fs::read(p).ok()).collect();
    assert!(seeds.len() >= 50, "only {} zone seeds", seeds.len());
    seeds
}

fn yaml_seeds() -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    files_under(Path::new("fixtures"), &mut paths);
    paths.retain(|p| {
        p.extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
    });
    paths.sort();
    let seeds: Vec<Vec<u8>> = paths.iter().filter_map(|p| fs::read(p).ok()).collect();
    assert!(seeds.len() >= 15, "only {} YAML seeds", seeds.len());
    seeds
}

fn record_seeds() -> Vec<Vec<u8>> {
    let corpus = fs::read_to_string("tests/oracle/records.jsonl").unwrap();
    let seeds: Vec<Vec<u8>> = corpus
        .lines()
        .map(|line| serde_json::from_str::<String>(line).unwrap().into_bytes())
        .collect();
    assert!(seeds.len() >= 300, "only {} record seeds", seeds.len());
    seeds
}

/// Runs `target` on every seed and its mutations; returns the number of executions.
fn run(name: &str, seeds: &[Vec<u8>], target: fn(&[u8]), salt: u64) -> usize {
    let mutations: usize = std::env::var("TLSRPT_FUZZ_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ salt);
    let mut executions = 0;
    for (i, seed) in seeds.iter().enumerate() {
        let other = &seeds[(i * 7 + 3) % seeds.len()];
        let inputs = std::iter::once(seed.clone())
            .chain((0..mutations).map(|_| mutate(&mut rng, seed, other)))
            .collect::<Vec<_>>();
        for input in inputs {
            if panic::catch_unwind(|| target(&input)).is_err() {
                panic!(
                    "{name}: panicked on input {:?}",
                    String::from_utf8_lossy(&input)
                );
            }
            executions += 1;
        }
    }
    eprintln!("fuzz harness: {name}: {executions} executions, 0 crashes");
    executions
}

#[test]
fn zone_reader_survives_seeds_and_mutations() {
    assert!(run("zone", &zone_seeds(), fuzzing::zone, 1) > 0);
}

/// Every `dnsconfig.js` and helper file among the fixtures.
fn dnscontrol_seeds() -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    files_under(Path::new("fixtures"), &mut paths);
    paths.retain(|p| p.extension().is_some_and(|e| e == "js"));
    paths.sort();
    let seeds: Vec<Vec<u8>> = paths.iter().filter_map(|p| fs::read(p).ok()).collect();
    assert!(seeds.len() >= 5, "only {} dnscontrol seeds", seeds.len());
    seeds
}

#[test]
fn dnscontrol_reader_survives_seeds_and_mutations() {
    assert!(run("dnscontrol", &dnscontrol_seeds(), fuzzing::dnscontrol, 3) > 0);
}

#[test]
fn yaml_readers_survive_seeds_and_mutations() {
    assert!(run("yaml", &yaml_seeds(), fuzzing::yaml, 3) > 0);
}

/// The bracketed strings of the ARM template fixtures: each an expression.
fn arm_expression_seeds() -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    files_under(Path::new("fixtures"), &mut paths);
    paths.retain(|p| p.extension().is_some_and(|e| e == "json"));
    let mut seeds = Vec::new();
    for text in paths.iter().filter_map(|p| fs::read_to_string(p).ok()) {
        if !text.contains("deploymentTemplate") {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        strings_in(&value, &mut seeds);
    }
    seeds.retain(|s| s.starts_with(b"["));
    seeds.sort();
    assert!(
        seeds.len() >= 10,
        "only {} ARM expression seeds",
        seeds.len()
    );
    seeds
}

fn strings_in(value: &serde_json::Value, out: &mut Vec<Vec<u8>>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone().into_bytes()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings_in(v, out)),
        _ => {}
    }
}

#[test]
fn arm_expressions_survive_seeds_and_mutations() {
    assert!(
        run(
            "arm_expression",
            &arm_expression_seeds(),
            fuzzing::arm_expression,
            3
        ) > 0
    );
}

/// Every fixture again, as Terraform: the `.tf` seeds are the ones that matter, the rest
/// exercise the parser's error paths.
#[test]
fn terraform_reader_survives_seeds_and_mutations() {
    assert!(run("terraform", &zone_seeds(), fuzzing::terraform, 3) > 0);
}

/// Every Nix fixture.
fn nix_seeds() -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    files_under(Path::new("fixtures"), &mut paths);
    paths.retain(|p| p.extension().is_some_and(|e| e == "nix"));
    paths.sort();
    let seeds: Vec<Vec<u8>> = paths.iter().filter_map(|p| fs::read(p).ok()).collect();
    assert!(seeds.len() >= 8, "only {} Nix seeds", seeds.len());
    seeds
}

#[test]
fn nix_reader_survives_seeds_and_mutations() {
    assert!(run("nix", &nix_seeds(), fuzzing::nix, 5) > 0);
}

#[test]
fn record_parser_survives_seeds_and_mutations() {
    assert!(run("record", &record_seeds(), fuzzing::record, 2) > 0);
}

/// Every received-report fixture (JSON, messages, XML), and each JSON one gzipped.
fn report_seeds() -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    files_under(Path::new("fixtures/report"), &mut paths);
    paths.sort();
    let mut seeds: Vec<Vec<u8>> = paths.iter().filter_map(|p| fs::read(p).ok()).collect();
    let gzipped: Vec<Vec<u8>> = seeds
        .iter()
        .filter(|s| s.first() == Some(&b'{'))
        .map(|s| {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut encoder, s).unwrap();
            encoder.finish().unwrap()
        })
        .collect();
    seeds.extend(gzipped);
    assert!(seeds.len() >= 20, "only {} report seeds", seeds.len());
    seeds
}

#[test]
fn report_reader_survives_seeds_and_mutations() {
    assert!(run("report", &report_seeds(), fuzzing::report, 5) > 0);
}
