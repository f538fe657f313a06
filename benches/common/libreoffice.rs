//! The yardstick of the speed targets: LibreOffice turning a DOCX into a
//! PDF, the conversion an office would otherwise run.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 3;

/// The median time of LibreOffice's conversion of `docx` to PDF, after one
/// run that makes its profile; None, with a line saying so, where
/// LibreOffice is not installed.
pub fn conversion(docx: &Path) -> Option<Duration> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let convert = || {
        let start = Instant::now();
        let status = Command::new("soffice")
            .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(docx)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        assert!(status.success(), "LibreOffice converts {}", docx.display());
        Some(start.elapsed())
    };
    if convert().is_none() {
        println!("LibreOffice (soffice) is not installed: the figures have no yardstick");
        return None;
    }
    let mut times: Vec<Duration> = (0..RUNS).filter_map(|_| convert()).collect();
    times.sort();
    let median = times[RUNS / 2];
    println!(
        "yardstick: LibreOffice turns the example's DOCX into a PDF in {:.2} s (median of {RUNS})",
        median.as_secs_f64()
    );
    Some(median)
}

/// `part` as a share of the yardstick, against the share it must stay within.
pub fn share(what: &str, part: Duration, yardstick: Option<Duration>, target: f64) {
    if let Some(y) = yardstick {
        let share = part.as_secs_f64() / y.as_secs_f64();
        let verdict = if share <= target { "within" } else { "OVER" };
        println!("{what}: {share:.3} of LibreOffice's conversion ({verdict} the target of {target:.2})");
    }
}
