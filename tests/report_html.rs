//! The HTML report in a real browser: headless Chromium (Debian's `chromium`, installed by
//! `.ci/run`) loads the page `report --format html` writes, dumps its DOM and takes a
//! screenshot. The test checks that the page loaded (the DOM has the chart and the tables)
//! and that the chart is drawn: the screenshot holds many pixels of the success and failure
//! colours, more than the legend's swatches alone could give. Without a browser the test
//! skips with a notice, except under `CI`.

mod support;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tlsrpt_lint::report::view::html::{FAILURE_COLOUR, SUCCESS_COLOUR};

/// `TLSRPT_CHROMIUM`, else `chromium` on the `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = env::var_os("TLSRPT_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let found = Command::new("chromium")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    found.then(|| PathBuf::from("chromium"))
}

/// Runs Chromium headless on `page` with `args`, killed after a minute.
fn browse(chromium: &Path, profile: &Path, page: &Path, args: &[&str]) -> Vec<u8> {
    let out_path = profile.join("stdout");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--window-size=900,700",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.join("profile").display()
        ))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium {args:?} failed: {status}");
            return std::fs::read(&out_path).unwrap();
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium {args:?} still running after a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn rgb(hex: &str) -> [u8; 3] {
    let channel = |i: usize| u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap();
    [channel(0), channel(1), channel(2)]
}

#[test]
fn chromium_renders_the_html_report_and_its_chart() {
    let Some(chromium) = chromium() else {
        support::skip(
            "the HTML browser test",
            "no `chromium` (set TLSRPT_CHROMIUM, or install Debian's chromium)",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    // Half the sessions failed: the chart's red bar is as tall as its green one.
    let status = support::command(&support::crate_path(""), &["report", "--format", "html"])
        .arg("-o")
        .arg(&page)
        .arg("fixtures/report/failure-rate-exceeded/half-failed.json")
        .status()
        .unwrap();
    assert!(status.success());

    let dom = String::from_utf8(browse(&chromium, dir.path(), &page, &["--dump-dom"])).unwrap();
    for expected in [
        "<h2>example.net</h2>",
        "<svg class=\"chart\"",
        "<rect class=\"failed\"",
        "<rect class=\"successful\"",
        "<td>certificate-expired</td>",
    ] {
        assert!(dom.contains(expected), "the DOM lacks {expected}:\n{dom}");
    }

    let shot = dir.path().join("shot.png");
    browse(
        &chromium,
        dir.path(),
        &page,
        &[&format!("--screenshot={}", shot.display())],
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    assert!(channels >= 3, "{:?}", info.color_type);
    let count = |colour: [u8; 3]| {
        pixels[..info.buffer_size()]
            .chunks(channels)
            .filter(|p| p[..3] == colour)
            .count()
    };
    // A legend swatch is 16 by 16 pixels; each bar is 28 wide and 80 tall.
    let (green, red) = (count(rgb(SUCCESS_COLOUR)), count(rgb(FAILURE_COLOUR)));
    assert!(
        green > 1000 && red > 1000,
        "green {green}, red {red} pixels"
    );
}
