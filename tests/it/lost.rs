//! Nothing lost: outputs of different inputs never collide, an edited Word
//! file is never written over whatever the sequence, the PDF and the DOCX
//! change together or not at all, inputs that are no files are refused at
//! once, and every failure says which file and what to do.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{bin, build, minimal, stderr};

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn write(path: &Path, text: &str) -> PathBuf {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
    path.to_path_buf()
}

fn agency(name: &str) -> String {
    minimal().replace("องค์การบริหารส่วนตำบลทดสอบ", name)
}

#[test]
fn inputs_that_would_write_the_same_output_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(&dir.path().join("a/ita.yaml"), &agency("องค์การบริหารส่วนตำบลเอ"));
    let b = write(&dir.path().join("b/ita.yaml"), &agency("องค์การบริหารส่วนตำบลบี"));
    let out = dir.path().join("out");
    let o = bin().arg("build").arg(&a).arg(&b).arg("-o").arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("would both write") && err.contains("a/ita.yaml") && err.contains("b/ita.yaml"), "{err}");
    assert!(!out.exists(), "nothing written");

    // The same in one folder: a.yaml and A.yml.
    let folder = dir.path().join("folder");
    write(&folder.join("a.yaml"), &minimal());
    write(&folder.join("A.yml"), &minimal());
    let o = build(&folder, &out, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!out.exists());

    // The same file given twice is built once.
    let o = bin().arg("build").arg(&a).arg(&a).arg("-o").arg(&out).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o).matches(": ok →").count(), 1, "{}", stderr(&o));
}

#[test]
fn no_output_replaces_an_input() {
    let dir = tempfile::tempdir().unwrap();
    // A YAML file saved under a name the DOCX would take.
    let input = write(&dir.path().join("report.docx"), &minimal());
    let o = bin().arg("build").arg(&input).arg("-o").arg(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("would replace the input"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&input).unwrap(), minimal());
}

#[test]
fn every_edited_docx_is_kept_through_any_sequence_of_builds() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(&dir.path().join("doc.yaml"), &minimal());
    let out = dir.path().join("out");
    let edit = |name: &str, words: &[u8]| {
        let path = out.join(name);
        let mut bytes = fs::read(&path).unwrap();
        bytes.extend_from_slice(words);
        fs::write(&path, &bytes).unwrap();
        bytes
    };
    assert!(build(&input, &out, &[]).status.success());
    let first = edit("doc.docx", b" edited once");
    assert!(build(&input, &out, &[]).status.success());
    let second = edit("doc.new.docx", b" edited beside");
    let o = build(&input, &out, &[]);
    assert!(stderr(&o).contains("doc.new-2.docx"), "{}", stderr(&o));
    assert_eq!(fs::read(out.join("doc.docx")).unwrap(), first);
    assert_eq!(fs::read(out.join("doc.new.docx")).unwrap(), second);
    // A build over its own new file writes it again.
    assert!(build(&input, &out, &[]).status.success());
    assert!(!out.join("doc.new-3.docx").exists());

    assert!(build(&input, &out, &["--force"]).status.success());
    assert_eq!(fs::read(out.join("doc.bak.docx")).unwrap(), first);
    let again = edit("doc.docx", b" edited after force");
    let o = build(&input, &out, &["--force"]);
    assert!(stderr(&o).contains("doc.bak-2.docx"), "{}", stderr(&o));
    assert_eq!(fs::read(out.join("doc.bak.docx")).unwrap(), first, "the first backup stays");
    assert_eq!(fs::read(out.join("doc.bak-2.docx")).unwrap(), again);
}

#[test]
fn when_the_docx_cannot_be_written_the_pdf_and_its_fingerprint_stay_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(&dir.path().join("doc.yaml"), &minimal());
    let out = dir.path().join("out");
    assert!(build(&input, &out, &[]).status.success());
    let before: Vec<(String, Vec<u8>)> =
        listing(&out).into_iter().map(|n| (n.clone(), fs::read(out.join(&n)).unwrap())).collect();

    // A folder where the DOCX goes, and a changed input.
    fs::rename(out.join("doc.docx"), dir.path().join("kept.docx")).unwrap();
    fs::create_dir(out.join("doc.docx")).unwrap();
    fs::write(&input, minimal().replace("i1: 90.95", "i1: 70.00")).unwrap();
    let o = build(&input, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("doc.docx is a folder or no ordinary file") && stderr(&o).contains("move or rename it")
    );
    assert_eq!(fs::read(out.join("doc.pdf")).unwrap(), before.iter().find(|(n, _)| n == "doc.pdf").unwrap().1);
    assert_eq!(
        fs::read(out.join(".doc.docx.ita-report")).unwrap(),
        before.iter().find(|(n, _)| n == ".doc.docx.ita-report").unwrap().1
    );

    // Put back: ita-report trusts its own DOCX again, and builds over it.
    fs::remove_dir(out.join("doc.docx")).unwrap();
    fs::rename(dir.path().join("kept.docx"), out.join("doc.docx")).unwrap();
    // What a build killed before its files were in place left behind.
    fs::write(out.join(".ita-report-4242-0.part"), b"half a PDF").unwrap();
    let o = build(&input, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("edited"), "its own DOCX is not taken for an edited one: {}", stderr(&o));
    assert_eq!(listing(&out), [".doc.docx.ita-report", ".ita-report.lock", "doc.docx", "doc.pdf"]);
}

#[test]
fn inputs_that_are_no_files_are_refused_at_once_and_folders_match_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("in");
    write(&folder.join("ITA.YAML"), &minimal());
    let fifo = folder.join("pipe.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo (coreutils) makes a FIFO");
    let out = dir.path().join("out");
    let started = Instant::now();
    let o = build(&folder, &out, &[]);
    assert!(started.elapsed() < Duration::from_secs(60), "a FIFO is never waited on");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("pipe.yaml is no ordinary file"), "{err}");
    assert!(out.join("ITA.pdf").exists(), "ITA.YAML is an input: {err}");
    let o = bin().arg("check").arg(&fifo).output().unwrap();
    assert!(stderr(&o).contains("no ordinary file but a folder, a FIFO or a device"), "{}", stderr(&o));

    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let o = build(&empty, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("there is no .yaml or .yml file in the folder"), "{}", stderr(&o));
}

#[test]
fn failures_name_the_file_and_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(&dir.path().join("doc.yaml"), &minimal());
    let missing = build(&dir.path().join("nothing.yaml"), &dir.path().join("out"), &[]);
    let err = stderr(&missing);
    assert!(
        err.contains("there is no file") && err.contains("nothing.yaml") && err.contains("check its name"),
        "{err}"
    );
    assert!(!err.contains("the file has errors"), "{err}");

    let file = write(&dir.path().join("a-file"), "");
    let o = build(&input, &file, &[]);
    let err = stderr(&o);
    assert!(err.contains("a-file: it is a file, not a folder; choose another folder with -o"), "{err}");
    assert!(!err.contains(".part"), "no temporary file named: {err}");

    let o = bin().arg("init").arg(dir.path().join("no-such/ita.yaml")).output().unwrap();
    assert!(stderr(&o).contains("there is no folder") && stderr(&o).contains("no-such"), "{}", stderr(&o));
    assert!(!o.status.success());

    for arg in [dir.path().to_path_buf(), dir.path().join("nothing.yaml")] {
        let started = Instant::now();
        let o = bin().arg("watch").arg(&arg).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "watch {}: {}", arg.display(), stderr(&o));
        assert!(started.elapsed() < Duration::from_secs(30), "refused, not waited on");
    }
}

#[cfg(unix)]
#[test]
fn a_loop_of_links_and_a_name_too_long_say_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one.yaml"), dir.path().join("two.yaml"));
    std::os::unix::fs::symlink(&two, &one).unwrap();
    std::os::unix::fs::symlink(&one, &two).unwrap();
    let o = build(&one, &dir.path().join("out"), &[]);
    assert!(stderr(&o).contains("the links loop back on themselves"), "{}", stderr(&o));

    // 80 Thai letters are 240 bytes: the DOCX's fingerprint is past 255.
    let long = write(&dir.path().join(format!("{}.yaml", "ก".repeat(80))), &minimal());
    let o = build(&long, &dir.path().join("out"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("give the input file a shorter name"), "{}", stderr(&o));
    assert!(!dir.path().join("out").read_dir().unwrap().any(|e| e.unwrap().file_name().len() > 200), "nothing written");
}

#[test]
fn valid_values_that_are_surely_wrong_are_warned_of_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    let check = |name: &str, text: String| {
        let input = write(&dir.path().join(name), &text);
        stderr(&bin().arg("check").arg(&input).output().unwrap())
    };
    let err = check("over.yaml", minimal().replace("total: 90.00", "total: 100.00000000000000001"));
    assert!(err.contains("error: result.total: คะแนนต้องอยู่ระหว่าง 0 ถึง 100"), "over 100, however close: {err}");
    let err =
        check("slips.yaml", minimal().replace("to: 2569-09-30", "to: 2659-09-30").replace("i1: 90.95", "i1: 90.955"));
    assert!(err.contains("warning: issues[0].measures[0].period.to") && err.contains("is the year mistyped?"), "{err}");
    assert!(err.contains("warning: scores.i1") && err.contains("has 3 decimals"), "{err}");
    assert!(err.contains("0 error(s), 2 warning(s)"), "{err}");
    // A noncharacter, which Word cannot open, is refused by its code point.
    let err = check("non.yaml", minimal().replace("guideline: จัดทำ", "guideline: จัด\u{FFFE}ทำ"));
    assert!(err.contains("error: issues[0].analysis.guideline") && err.contains("U+FFFE at character 4"), "{err}");
}

/// `ita-report watch INPUT -o OUT`, and its status lines as they come.
fn watching(input: &Path, out: &Path) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader};
    let mut child = bin()
        .arg("watch")
        .arg(input)
        .arg("-o")
        .arg(out)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    (child, rx)
}

#[test]
fn watch_rebuilds_when_a_deleted_logo_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let logo = dir.path().join("logo.png");
    let png = || image::RgbImage::from_pixel(20, 20, image::Rgb([0, 0, 200])).save(&logo).unwrap();
    png();
    let input = write(&dir.path().join("doc.yaml"), &minimal().replace("  province:", "  logo: logo.png\n  province:"));
    let (mut child, rx) = watching(&input, &dir.path().join("out"));
    let next = || rx.recv_timeout(Duration::from_secs(60)).expect("a status line");
    assert!(next().contains(": ok "));
    fs::remove_file(&logo).unwrap();
    assert!(next().contains("failed"), "the logo is gone");
    png();
    let back = next();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(back.contains(": ok "), "rebuilt when the logo came back: {back}");
}

#[test]
fn watch_rebuilds_while_another_file_of_the_folder_changes_all_the_time() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let input = write(&dir.path().join("doc.yaml"), &minimal());
    let (mut child, lines) = watching(&input, &dir.path().join("out"));
    let mut lines = lines.into_iter();
    assert!(lines.next().unwrap().contains(": ok "));
    // Another program saves its own file in the folder every 100 ms, for
    // 30 seconds at most.
    let (noisy, busy, stop) =
        (dir.path().join("other.txt"), Arc::new(AtomicBool::new(true)), Arc::new(AtomicBool::new(false)));
    let (still, told) = (busy.clone(), stop.clone());
    let noise = std::thread::spawn(move || {
        for n in 0..300 {
            if told.load(Ordering::SeqCst) {
                return;
            }
            fs::write(&noisy, n.to_string()).unwrap();
            std::thread::sleep(Duration::from_millis(100));
        }
        still.store(false, Ordering::SeqCst);
    });
    std::thread::sleep(Duration::from_millis(300));
    fs::write(&input, minimal().replace("i1: 90.95", "i1: 70.00")).unwrap();
    let rebuilt = lines.next().unwrap();
    let in_time = busy.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(rebuilt.contains(": ok "), "{rebuilt}");
    assert!(in_time, "rebuilt only once the other file stopped changing");
    noise.join().unwrap();
}

#[test]
fn an_items_text_and_the_rows_of_all_tables_have_limits_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let long = "ข".repeat(ita_report::limits::ITEM_TEXT_CHARS + 1);
    let text = minimal().replace("scores:\n", &format!("texts:\n  o5: {long}\nscores:\n"));
    let err = stderr(&bin().arg("check").arg(write(&dir.path().join("a.yaml"), &text)).output().unwrap());
    assert!(
        err.contains("error: texts.o5") && err.contains("an item's text of 301 characters, over the limit of 300"),
        "{err}"
    );

    // 50 issues of 10 rows are allowed; one row more is refused.
    let codes: Vec<String> = (1..=11).map(|n| format!("i{n}")).collect();
    let scores: String = codes.iter().map(|c| format!("  {c}: 90\n")).collect();
    let head = minimal().split_once("scores:\n").unwrap().0.to_string();
    let issue = |n: usize| {
        format!(
            "  - title: ประเด็น\n    items: [{}]\n    analysis:\n      cause: ก\n    measures: []\n",
            codes[..n].join(", ")
        )
    };
    let file = |last: usize| format!("{head}scores:\n{scores}\nissues:\n{}{}", issue(10).repeat(49), issue(last));
    let err = stderr(&bin().arg("check").arg(write(&dir.path().join("b.yaml"), &file(10))).output().unwrap());
    assert!(err.contains(" 0 error(s)"), "{err}");
    let err = stderr(&bin().arg("check").arg(write(&dir.path().join("c.yaml"), &file(11))).output().unwrap());
    assert!(err.contains("501 rows in the analysis tables in all, over the limit of 500"), "{err}");
}
