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
/// every name in the journal's folder, in hex (a name may hold a tab or a
/// line break). A name that is no text is refused: it could not be read
/// back as itself.
pub(super) fn write(journal: &Path, steps: &[Step]) -> std::io::Result<()> {
    let name = |p: &Path| {
        let name = p.file_name().unwrap_or_default();
        let text = name.to_str().ok_or_else(|| {
            let shown = name.to_string_lossy();
            std::io::Error::new(std::io::ErrorKind::InvalidData, format!("the name {shown} is no text: rename it"))
        })?;
        Ok::<_, std::io::Error>(text.bytes().map(|b| format!("{b:02x}")).collect::<String>())
    };
    let mut text = String::new();
    for s in steps {
        let backup = s.backup.as_deref().map(name).transpose()?.unwrap_or_default();
        let (size, print) = &s.written;
        text += &format!("{}\t{}\t{backup}\t{size}\t{print}\n", name(&s.path)?, name(&s.temporary)?);
    }
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
    let name = |hex: &str| {
        let bytes: Option<Vec<u8>> =
            (0..hex.len()).step_by(2).map(|i| hex.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok())).collect();
        let name = String::from_utf8(bytes?).ok()?;
        let mut parts = Path::new(&name).components();
        let plain = matches!((parts.next(), parts.next()), (Some(std::path::Component::Normal(_)), None));
        (plain && !name.contains(['/', '\\'])).then(|| dir.join(name))
    };
    let backup = if backup.is_empty() { None } else { Some(name(backup)?) };
    (print.len() == 16).then_some(())?;
    Some(Step { path: name(path)?, temporary: name(temporary)?, backup, written: (size.parse().ok()?, print.into()) })
}

/// Whether `path` is a file of the journal's kind named by `suffix`.
fn ours(path: &Path, suffix: &str) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(suffix))
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
    let left = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| [JOURNAL, TEMPORARY, BACKUP].iter().any(|suffix| ours(&e.path(), suffix)));
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
    let (mut journals, mut kept) = (0, false);
    for journal in names.iter().filter(|p| ours(p, JOURNAL)) {
        if !fs::symlink_metadata(journal).is_ok_and(|m| m.is_file()) {
            // Not written by a build: a FIFO would be waited on for ever.
            continue;
        }
        let text = fs::read(journal)?;
        let text = String::from_utf8_lossy(&text);
        // Cut short: killed while it was written, before anything moved.
        let steps = if text.ends_with('\n') {
            text.lines().map(|line| read_step(dir, line)).collect()
        } else {
            Some(Vec::new())
        };
        match steps {
            Some(steps) if undo(&steps) => {
                fs::remove_file(journal)?;
                journals += 1;
            }
            // Not understood, or not undone whole: the journal stays, and
            // the earlier files it may name with it.
            _ => kept = true,
        }
    }
    for left in names.iter().filter(|p| ours(p, TEMPORARY) || (!kept && ours(p, BACKUP))) {
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
        let hex = |s: &str| s.bytes().map(|b| format!("{b:02x}")).collect::<String>();
        let print = "0123456789abcdef";
        let line = |a: &str, b: &str, c: &str| format!("{}\t{}\t{}\t3\t{print}", hex(a), hex(b), hex(c));
        let step = read_step(dir, &line("a\tb.pdf", ".x.part", ".y.old")).unwrap();
        assert_eq!((step.path, step.backup), (dir.join("a\tb.pdf"), Some(dir.join(".y.old"))));
        for bad in [
            line("out/a.pdf", ".x.part", ""),
            line("/else/a.pdf", ".x.part", ""),
            line("..", ".x.part", ""),
            line("a.pdf", "sub\\.x.part", ""),
            line("a.pdf", ".x.part", "../.y.old"),
            "out/a.pdf\tout/.x.part\t".to_string(),
            format!("{}\t{}\t\t3\t{}", hex("a.pdf"), hex(".x.part"), &print[..8]),
        ] {
            assert!(read_step(dir, &bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn an_earlier_file_is_never_put_back_over_one_changed_since_the_kill() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.docx");
        fs::write(&a, b"old").unwrap();
        let step =
            crate::output::temporary(dir.path(), &crate::output::Output { path: a.clone(), bytes: b"new" }).unwrap();
        write(&path(dir.path()), std::slice::from_ref(&step)).unwrap();
        fs::rename(&a, step.backup.as_ref().unwrap()).unwrap();
        fs::rename(&step.temporary, &a).unwrap();
        // Killed here; then the official edits the new file in Word.
        fs::write(&a, b"edited in Word").unwrap();
        assert_eq!(recover(dir.path()).unwrap(), 1);
        assert_eq!(fs::read(&a).unwrap(), b"edited in Word");
        assert_eq!(fs::read(dir.path().join("a.before.docx")).unwrap(), b"old", "the earlier one kept beside");
    }

    #[test]
    fn a_journal_not_understood_stays_with_the_files_it_may_name() {
        let dir = tempfile::tempdir().unwrap();
        let (journal, kept) = (dir.path().join(".ita-report-1.journal"), dir.path().join(".ita-report-1-0.old"));
        // An older version's line: paths as its process saw them.
        fs::write(&journal, "out/a.yaml\tout/.ita-report-x.part\tout/.ita-report-1-0.old\n").unwrap();
        fs::write(&kept, b"the only copy of an input").unwrap();
        assert_eq!(recover(dir.path()).unwrap(), 0);
        assert!(journal.exists() && kept.exists());
        // One cut short was never acted on: it goes.
        fs::write(&journal, "6162\t2e78").unwrap();
        recover(dir.path()).unwrap();
        assert!(!journal.exists());
    }
}
