//! `ita-report watch FILE`: rebuild on every save of the input (or of the logo it uses), with
//! one Typst engine whose cache lives across rebuilds, so that correcting a
//! score rebuilds in a moment. While the input has errors, the last good
//! output stays as it was.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::batch::{Options, Pipeline, plan};

/// Saves come as bursts of events (editors write, rename, touch): wait this
/// long after the last one before rebuilding.
const SETTLE: Duration = Duration::from_millis(150);
/// The longest a burst of changes delays a rebuild.
const BURST: Duration = Duration::from_millis(800);

pub fn run(file: &Path, opts: &Options) -> ExitCode {
    let device = crate::disk::is_device(file);
    if !file.is_file() || device {
        let shown = file.display();
        let (th, en) = if file.is_dir() {
            ("เป็นโฟลเดอร์ ติดตามได้ทีละไฟล์", "is a folder; watch follows one file")
        } else if device {
            ("เป็นชื่ออุปกรณ์ของ Windows ไม่ใช่ไฟล์", "names a device on Windows, not a file")
        } else {
            ("ไม่พบไฟล์นี้ ตรวจชื่อไฟล์และโฟลเดอร์", "does not exist; check its name and folder")
        };
        eprintln!("error: {shown} {th} ({shown} {en})");
        return ExitCode::from(2);
    }
    if let Err(collision) = plan(&[file.to_path_buf()], &opts.out_dir, opts.kind.suffix()) {
        eprintln!("error: {collision}");
        return ExitCode::from(2);
    }
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => return fail(&format!("cannot watch files: {e}")),
    };
    let mut pipeline = Pipeline::default();
    let mut watched: Vec<PathBuf> = Vec::new();
    // The input is watched before the first build, so that a save during
    // it is not missed; the logo once a build has found it.
    if let Err(e) = watch_dirs(&mut watcher, &mut watched, &[file.to_path_buf()]) {
        return fail(&e);
    }
    loop {
        let files = rebuild(&mut pipeline, file, opts);
        if let Err(e) = watch_dirs(&mut watcher, &mut watched, &files) {
            return fail(&e);
        }
        // Wait for a change to one of the files, then for the burst to end.
        loop {
            match rx.recv() {
                Ok(Ok(event)) if changes(&event, &files) => break,
                Ok(_) => continue,
                Err(_) => return fail("the file watcher stopped"),
            }
        }
        settle(&rx, &files);
    }
}

/// Waits for a burst of changes to `files` to end: SETTLE without one, or
/// BURST in all. Changes to other files of the folder (a program saving
/// its own file every 100 ms) neither extend the wait nor end it.
fn settle(rx: &mpsc::Receiver<notify::Result<notify::Event>>, files: &[PathBuf]) {
    let start = Instant::now();
    let mut quiet = start + SETTLE;
    loop {
        let until = quiet.min(start + BURST);
        let Some(left) = until.checked_duration_since(Instant::now()) else { return };
        match rx.recv_timeout(left) {
            Ok(Ok(event)) if changes(&event, files) => quiet = Instant::now() + SETTLE,
            Ok(_) => {}
            Err(_) => return,
        }
    }
}

/// Watches the folders of `files` not watched yet. A folder that is not
/// there (a logo's, named before it is made) is tried again after the next
/// build.
fn watch_dirs(watcher: &mut impl Watcher, watched: &mut Vec<PathBuf>, files: &[PathBuf]) -> Result<(), String> {
    for dir in files.iter().map(|f| parent(f)) {
        if !watched.contains(&dir) && dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::NonRecursive)
                .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
            watched.push(dir);
        }
    }
    Ok(())
}

/// Builds once and prints one status line; returns the files to watch.
fn rebuild(pipeline: &mut Pipeline, file: &Path, opts: &Options) -> Vec<PathBuf> {
    let start = Instant::now();
    let built = pipeline.build(file, opts);
    let name = file.display().to_string();
    super::eprint(&built.diagnostics, &name, &built.text);
    let secs = start.elapsed().as_secs_f64();
    match &built.result {
        Ok(paths) => {
            let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            println!("{name}: ok {secs:.2} s → {}", paths.join(", "));
        }
        Err(e) => println!("{name}: failed: {e}; ผลลัพธ์เดิมยังอยู่ (the last good output is kept)"),
    }
    std::iter::once(file.to_path_buf()).chain(built.logo).collect()
}

/// Whether an event changes one of the files; reading them (as every
/// rebuild does) is no change.
fn changes(event: &notify::Event, files: &[PathBuf]) -> bool {
    !matches!(event.kind, notify::EventKind::Access(_))
        && event.paths.iter().any(|p| files.iter().any(|f| same_file(p, f)))
}

fn parent(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    a.file_name() == b.file_name() && std::fs::canonicalize(parent(a)).ok() == std::fs::canonicalize(parent(b)).ok()
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}
