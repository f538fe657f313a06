//! The everyday workflow around build: watch, batches, edited Word files,
//! the same bytes from the same input, and how errors are shown.

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::*;

/// Waits until `ready` holds, for at most a minute.
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_output_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("doc.yaml");
    fs::write(&input, minimal()).unwrap();
    let out = dir.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ita-report"))
        .arg("watch")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Status lines, one per rebuild, read on a thread as they come.
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let next_status = || rx.recv_timeout(Duration::from_secs(60)).expect("a status line");

    assert!(next_status().contains(": ok "), "the first build");
    let pdf = out.join("doc.pdf");
    let first = fs::read(&pdf).unwrap();

    fs::write(&input, minimal().replace("i1: 90.95", "i1: 77.25")).unwrap();
    assert!(next_status().contains(": ok "), "a rebuild after the save");
    wait_for("the rebuilt PDF", || fs::read(&pdf).is_ok_and(|b| b != first));
    let rebuilt = fs::read(&pdf).unwrap();
    if have("pdftotext", "watch_rebuilds_on_save_and_keeps_the_last_good_output_on_errors") {
        assert!(pdf_text(&pdf).contains("๗๗.๒๕"), "the corrected score is in the PDF");
    }

    fs::write(&input, minimal().replace("i1: 90.95", "i1: 177.25")).unwrap();
    let status = next_status();
    assert!(status.contains("failed") && status.contains("the last good output is kept"), "{status}");
    assert_eq!(fs::read(&pdf).unwrap(), rebuilt, "the last good PDF stays");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_folder_builds_every_file_and_one_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    for name in ["a", "b", "c"] {
        fs::write(inputs.join(format!("{name}.yaml")), minimal().replace("90.95", &format!("9{}.5", name.len())))
            .unwrap();
    }
    fs::write(inputs.join("bad.yaml"), minimal().replace("total: 90.00", "total: 900")).unwrap();
    fs::write(inputs.join("notes.txt"), "not an input").unwrap();
    let out = dir.path().join("out");
    let o = build(&inputs, &out, &[]);
    assert_eq!(o.status.code(), Some(1), "a failure makes the batch fail");
    let err = stderr(&o);
    assert!(err.contains("built 3, 0 with warnings; 1 failed"), "{err}");
    assert!(
        err.lines().any(|l| l
            .trim_start()
            .starts_with(&format!("{}:10:10: error: result.total", inputs.join("bad.yaml").display()))),
        "{err}"
    );
    let mut written: Vec<String> =
        fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    written.sort();
    assert_eq!(
        written,
        [
            ".a.docx.ita-report",
            ".b.docx.ita-report",
            ".c.docx.ita-report",
            ".ita-report.lock",
            "a.docx",
            "a.pdf",
            "b.docx",
            "b.pdf",
            "c.docx",
            "c.pdf"
        ]
    );
}

#[test]
fn a_docx_edited_after_it_was_written_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("doc.yaml");
    fs::write(&input, minimal()).unwrap();
    let out = dir.path().join("out");
    assert!(build(&input, &out, &[]).status.success());
    let docx = out.join("doc.docx");
    let mut edited = fs::read(&docx).unwrap();
    edited.extend_from_slice(b"saved again by Word");
    fs::write(&docx, &edited).unwrap();

    let o = build(&input, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("was edited after it was written, so it is not overwritten"), "{}", stderr(&o));
    assert_eq!(fs::read(&docx).unwrap(), edited, "the edited file is kept as it is");
    let fresh = fs::read(out.join("doc.new.docx")).unwrap();
    assert!(fresh.starts_with(b"PK"), "the new one is written beside it");

    let o = build(&input, &out, &["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(fs::read(out.join("doc.bak.docx")).unwrap(), edited, "--force keeps the edited one as a backup");
    assert_eq!(fs::read(&docx).unwrap(), fresh, "and writes the new one in its place");

    // Unedited, it is simply replaced.
    let o = build(&input, &out, &[]);
    assert!(!stderr(&o).contains("edited"), "{}", stderr(&o));
}

/// Nothing but the status line: no library's own logging reaches the
/// official.
#[test]
fn a_clean_build_says_one_line_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let input = root().join("tests/inputs/minimal.yaml");
    let o = build(&input, dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = String::from_utf8_lossy(&o.stdout).into_owned() + &stderr(&o);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 1, "{said}");
    assert!(lines[0].starts_with(&format!("{}: ok → ", input.display())), "{said}");
}

#[test]
fn the_same_input_gives_the_same_bytes_across_runs() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let example = root().join("data/hannangam-2568.yaml");
    assert!(build(&example, a.path(), &[]).status.success());
    assert!(build(&example, b.path(), &[]).status.success());
    for name in ["hannangam-2568.pdf", "hannangam-2568.docx"] {
        assert_eq!(fs::read(a.path().join(name)).unwrap(), fs::read(b.path().join(name)).unwrap(), "{name}");
    }
}

#[test]
fn errors_show_the_offending_line_with_a_marker_and_no_colour_off_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("doc.yaml");
    fs::write(&input, minimal().replace("  i10: 81.90", "  i10: 810")).unwrap();
    let o = bin().arg("check").arg(&input).output().unwrap();
    let err = stderr(&o);
    assert!(!err.contains('\u{1b}'), "no colour codes when not a terminal: {err:?}");
    let lines: Vec<&str> = err.lines().collect();
    let at = lines.iter().position(|l| l.contains(":19:8: error: scores.i10")).expect(&err);
    assert_eq!(lines[at + 2], "19 |   i10: 810");
    assert_eq!(lines[at + 3], "   |        ^^^");
}
