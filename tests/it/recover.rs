//! Nothing lost after a kill: a process killed between any two steps of
//! putting its files in place (strace kills it as it enters a rename, an
//! fsync or an unlink) is undone by the next one, wherever that one was started, and only in the
//! folder it wrote; the editor, killed during a save, opens the file as it
//! was. Also: every name a run may write is checked against every other,
//! FIFOs where outputs go are refused without waiting, and the editor
//! never builds over its own input.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::edit::raw;
use crate::support::{bin, build, edit, have, minimal, stderr};

/// The system calls by which files are put in place, each with the ways
/// the C library may make it.
const STEPS: [&str; 3] = ["rename,renameat,renameat2", "fsync", "unlink,unlinkat"];

/// `ita-report ARGS` in `cwd`, killed by SIGKILL as it enters its `n`th
/// rename.
fn killed_at_rename(n: usize, cwd: &Path, args: &[&str]) -> Command {
    killed_at(STEPS[0], n, cwd, args)
}

/// `ita-report ARGS` in `cwd`, killed by SIGKILL as it enters its `n`th
/// call of `calls`.
fn killed_at(calls: &str, n: usize, cwd: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-qq", "-o", "/dev/null", "-e", &format!("trace={calls}")])
        .args(["-e", &format!("inject={calls}:signal=KILL:when={n}")])
        .arg(env!("CARGO_BIN_EXE_ita-report"))
        .args(args)
        .current_dir(cwd);
    cmd
}

fn was_killed(o: &Output) -> bool {
    use std::os::unix::process::ExitStatusExt;
    o.status.signal() == Some(9)
}

fn strays(dir: &Path) -> Vec<String> {
    let names = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned());
    names.filter(|n| n.starts_with(".ita-report-")).collect()
}

fn score(value: &str) -> String {
    edit(&minimal(), "i1: 90.95", &format!("i1: {value}"))
}

fn write(path: &Path, text: &str) -> PathBuf {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
    path.to_path_buf()
}

/// The files of doc.yaml's documents in `dir`, PDF, DOCX, fingerprint,
/// each by its fingerprint.
fn set(dir: &Path) -> [Option<String>; 3] {
    ["doc.pdf", "doc.docx", ".doc.docx.ita-report"]
        .map(|n| fs::read(dir.join(n)).ok().map(|b| ita_report::fingerprint::of(&b)))
}

#[test]
fn a_build_killed_at_any_step_is_undone_by_the_next_wherever_it_starts() {
    if !have("strace", "a_build_killed_at_any_step_is_undone_by_the_next_wherever_it_starts") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (here, there) = (dir.path().join("here"), dir.path().join("there"));
    write(&here.join("doc.yaml"), &score("70.00"));
    // Another folder with an `out` of its own, the same names in it.
    let theirs = write(&there.join("out/doc.pdf"), "another agency's PDF");
    write(&there.join("doc.yaml"), &score("80.00"));
    write(&there.join("other.yaml"), &minimal());
    let out = here.join("out");
    let reference = dir.path().join("reference");
    assert!(build(&here.join("doc.yaml"), &dir.path().join("killed"), &[]).status.success());
    let killed_set = set(&dir.path().join("killed"));

    // Into an empty folder (nothing to restore), then over earlier files:
    // killed at each rename, fsync and unlink of putting the files in place
    // (three files, their journal, the earlier files kept aside), the next
    // build, started in the other folder, writes its own set whole and
    // takes nothing of theirs.
    let counts = [6, 4, 4];
    let every = STEPS.iter().zip(counts).flat_map(|(calls, count)| (1..=count).map(move |n| (*calls, n)));
    for (i, (calls, n)) in [(STEPS[0], 2)].into_iter().chain(every).enumerate() {
        let before = set(&out);
        let killed = killed_at(calls, n, &here, &["build", "doc.yaml", "-o", "out"]).output().unwrap();
        let step = format!("{calls} {n}");
        assert!(was_killed(&killed), "{step}: {}", stderr(&killed));
        // Another document into the folder recovers it: the set as it was,
        // or, killed once its journal was gone, the killed build's, whole.
        let o = bin().current_dir(&there).args(["build", "other.yaml", "-o"]).arg(&out).output().unwrap();
        assert!(o.status.success(), "{step}: {}", stderr(&o));
        let now = set(&out);
        assert!(now == before || now == killed_set, "{step}: {now:?}, neither {before:?} nor {killed_set:?}");
        assert_eq!(strays(&out), Vec::<String>::new(), "{step}");
        write(&there.join("doc.yaml"), &score(&format!("{}.00", 50 + i)));
        let o = bin().current_dir(&there).args(["build", "doc.yaml", "-o"]).arg(&out).output().unwrap();
        assert!(o.status.success(), "{step}: {}", stderr(&o));
        assert!(!stderr(&o).contains("edited"), "{step}: its own DOCX taken for an edited one: {}", stderr(&o));
        assert!(build(&there.join("doc.yaml"), &reference, &[]).status.success());
        assert_eq!(set(&out), set(&reference), "{step}: the set written whole");
        assert_eq!(strays(&out), Vec::<String>::new(), "{step}");
        assert!(!out.join("doc.new.docx").exists(), "{step}");
        assert_eq!(fs::read_to_string(&theirs).unwrap(), "another agency's PDF", "{step}");
    }
}

/// `ita-report edit FILE --no-open` on a free port (killed at its `n`th
/// rename, with `n`), and its address and token once it listens.
pub fn editor(file: &Path, kill_at: Option<usize>) -> (Child, u16, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let args = ["edit", file.to_str().unwrap(), "--no-open", "--port", &port.to_string()];
    let mut cmd = match kill_at {
        Some(n) => killed_at_rename(n, file.parent().unwrap(), &args),
        None => {
            let mut cmd = bin();
            cmd.args(args);
            cmd
        }
    };
    let mut child = cmd.stderr(Stdio::piped()).spawn().unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let url = lines.by_ref().map_while(Result::ok).find(|l| l.contains("token=")).expect("the editor's address");
    std::thread::spawn(move || lines.for_each(drop));
    let token = url.rsplit_once("token=").unwrap().1.trim().to_string();
    (child, port, token)
}

fn save(port: u16, token: &str) -> Option<u16> {
    let (host, origin) = (format!("127.0.0.1:{port}"), format!("http://127.0.0.1:{port}"));
    let cookie = format!("ita_token_{port}={token}");
    let headers = [("Host", host.as_str()), ("Cookie", &cookie), ("Origin", &origin)];
    std::panic::catch_unwind(|| raw(port, "POST", "/api/save", &headers, b"{}").0).ok()
}

#[test]
fn an_editor_killed_during_a_save_opens_the_file_as_it_was() {
    if !have("strace", "an_editor_killed_during_a_save_opens_the_file_as_it_was") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir.path().join("ita.yaml"), &minimal());
    // Killed after the file was moved aside, before the new one took its place.
    let (mut child, port, token) = editor(&file, Some(2));
    save(port, &token);
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the editor was not killed at its save");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!file.exists(), "the kill came between the two renames");

    let (mut child, port, token) = editor(&file, None);
    assert_eq!(save(port, &token), Some(200));
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(fs::read_to_string(&file).unwrap(), minimal(), "the file as it was, not a starter");
    assert_eq!(strays(dir.path()), Vec::<String>::new());
}

#[test]
fn a_name_one_input_may_write_is_never_anothers() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (write(&dir.path().join("ita.yaml"), &minimal()), write(&dir.path().join("ita.new.yaml"), &minimal()));
    let out = dir.path().join("out");
    let o = bin().arg("build").arg(&a).arg(&b).arg("-o").arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("would both write") && stderr(&o).contains("ita.new.docx"), "{}", stderr(&o));
    assert!(!out.exists(), "nothing written");
    let c = write(&dir.path().join("ita.bak-2.yaml"), &minimal());
    let o = bin().arg("build").arg(&c).arg(&a).arg("-o").arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("ita.bak-2.docx"), "{}", stderr(&o));
    // Names alike but never written for `ita`: both build.
    let d = write(&dir.path().join("ita.newer.yaml"), &minimal());
    let o = bin().arg("build").arg(&a).arg(&d).arg("-o").arg(&out).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

/// What `cmd` printed, once it ended; a test failure if it waits on.
fn within_a_minute(cmd: &mut Command, what: &str) -> Output {
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{what}: still running after a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn fifos_where_the_outputs_go_are_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(&dir.path().join("doc.yaml"), &minimal());
    for name in ["doc.docx", ".doc.docx.ita-report", ".ita-report.lock", ".ita-report-7.journal"] {
        let out = dir.path().join(format!("out-{}", name.trim_start_matches('.')));
        fs::create_dir_all(&out).unwrap();
        let fifo = out.join(name);
        assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let o = within_a_minute(bin().arg("build").arg(&input).arg("-o").arg(&out), name);
        if name.ends_with(".journal") {
            // Not a build's journal: left alone, and the build goes on.
            assert!(o.status.success(), "{name}: {}", stderr(&o));
        } else {
            assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
            assert!(stderr(&o).contains("no ordinary file"), "{name}: {}", stderr(&o));
            assert!(!out.join("doc.pdf").exists(), "{name}: none of the set is written");
        }
    }
}

#[test]
fn the_editor_refuses_an_input_its_build_would_write_over() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(&dir.path().join("rep.pdf"), &minimal());
    let o = within_a_minute(bin().arg("edit").arg(&input).args(["--no-open", "-o"]).arg(dir.path()), "rep.pdf");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("would replace the input"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&input).unwrap(), minimal());
}
