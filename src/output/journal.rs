//! The journal of a set of files being put in place, and the recovery that
//! reads it after a kill. A journal names its files by their names alone,
//! in its own folder, so that no process started elsewhere reads them as
//! files of its own folder; and it records what each new file holds, so
//! that only the very file written is ever taken back.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::{BACKUP, PREFIX, Step, TEMPORARY, undo};

const JOURNAL: &str = ".journal";

/// Where this process's journal of `dir` goes.
pub(super) fn path(dir: &Path) -> PathBuf {
    dir.join(format!("{PREFIX}{}{JOURNAL}", std::process::id()))
}

/// A line a file: `name \t temporary \t backup \t size \t fingerprint`,
/// every name in the journal's folder.
pub(super) fn write(journal: &Path, steps: &[Step]) -> std::io::Result<()> {
    let name = |p: &Path| p.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let line = |s: &Step| {
        let backup = s.backup.as_deref().map(name).unwrap_or_default();
        let (size, print) = &s.written;
        format!("{}\t{}\t{backup}\t{size}\t{print}\n", name(&s.path), name(&s.temporary))
    };
    let text: String = steps.iter().map(line).collect();
    let mut file = fs::File::create(journal)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// A journal's line as a step in `dir`; None for a line that is not whole
/// or names anything outside the folder (a journal of an older version
/// named paths as its process saw them, which another process may not).
fn read_step(dir: &Path, line: &str) -> Option<Step> {
    let parts: Vec<&str> = line.split('\t').collect();
    let [path, temporary, backup, size, print] = parts[..] else { return None };
    let plain = |name: &str| {
        let mut parts = Path::new(name).components();
        matches!((parts.next(), parts.next()), (Some(std::path::Component::Normal(_)), None))
            && !name.contains(['/', '\\'])
    };
    if !plain(path) || !plain(temporary) || !(backup.is_empty() || plain(backup)) || print.len() != 16 {
        return None;
    }
    Some(Step {
        path: dir.join(path),
        temporary: dir.join(temporary),
        backup: (!backup.is_empty()).then(|| dir.join(backup)),
        written: (size.parse().ok()?, print.to_string()),
    })
}

/// The folders this process has recovered, or found nothing to recover in.
static RECOVERED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn key(dir: &Path) -> PathBuf {
    fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

fn recovered() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    RECOVERED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether `dir` holds what a killed build left and this process has not
/// undone yet. A folder found without any is not read again.
pub(super) fn pending(dir: &Path) -> bool {
    let key = key(dir);
    if recovered().contains(&key) {
        return false;
    }
    let left = fs::read_dir(dir).into_iter().flatten().flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name.starts_with(PREFIX) && [JOURNAL, TEMPORARY, BACKUP].iter().any(|s| name.ends_with(s))
    });
    if !left {
        recovered().push(key);
    }
    left
}

/// [`recover`], the first time this process writes into `dir`: a build
/// killed half-way is undone by the next process to write there, once, not
/// before every document, which in a national batch would read a folder of
/// thousands of files thousands of times.
pub(super) fn recover_once(dir: &Path) -> std::io::Result<()> {
    let key = key(dir);
    let mut recovered = recovered();
    if !recovered.contains(&key) {
        recover(dir)?;
        recovered.push(key);
    }
    Ok(())
}

/// Undoes what a build killed half-way through left in `dir`, as its
/// journal says, and removes its temporary files: the earlier outputs are
/// as they were before it. Returns the journals found.
pub fn recover(dir: &Path) -> std::io::Result<usize> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(0) };
    let names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    let ours = |p: &PathBuf, suffix: &str| {
        p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(suffix))
    };
    let mut journals = 0;
    for journal in names.iter().filter(|p| ours(p, JOURNAL)) {
        if !fs::symlink_metadata(journal).is_ok_and(|m| m.is_file()) {
            // Not written by a build: a FIFO would be waited on for ever.
            continue;
        }
        let text = fs::read_to_string(journal)?;
        let steps: Vec<Step> = text.lines().filter_map(|line| read_step(dir, line)).collect();
        undo(&steps);
        fs::remove_file(journal)?;
        journals += 1;
    }
    for left in names.iter().filter(|p| ours(p, TEMPORARY) || ours(p, BACKUP)) {
        let _ = fs::remove_file(left);
    }
    Ok(journals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_names_files_of_the_journals_folder_only() {
        let dir = Path::new("/out");
        let print = "0123456789abcdef";
        let step = read_step(dir, &format!("a.pdf\t.x.part\t.y.old\t3\t{print}")).unwrap();
        assert_eq!((step.path, step.backup), (dir.join("a.pdf"), Some(dir.join(".y.old"))));
        for line in [
            format!("out/a.pdf\t.x.part\t\t3\t{print}"),
            format!("/else/a.pdf\t.x.part\t\t3\t{print}"),
            format!("..\t.x.part\t\t3\t{print}"),
            format!("a.pdf\tsub\\.x.part\t\t3\t{print}"),
            format!("a.pdf\t.x.part\t../.y.old\t3\t{print}"),
            "out/a.pdf\tout/.x.part\t".to_string(),
            format!("a.pdf\t.x.part\t\t3\t{}", &print[..8]),
        ] {
            assert!(read_step(dir, &line).is_none(), "{line}");
        }
    }
}
