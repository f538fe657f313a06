//! Writing outputs so that nothing is ever half-written or lost. The files
//! of one document (its PDF, its DOCX and the DOCX's fingerprint) are
//! written beside their destinations under temporary names, then put in
//! place together: all of them, or, if anything fails, none, the earlier
//! ones restored. A journal in the folder records each step, so that a
//! build killed half-way is undone by the next build in that folder, which
//! also removes what the killed one left.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::fingerprint;

mod journal;

pub use journal::recover;

/// Temporary files, backups and journals are named with this, hidden.
const PREFIX: &str = ".ita-report-";
const TEMPORARY: &str = ".part";
const BACKUP: &str = ".old";
/// Held while a folder's outputs are being put in place: one build at a
/// time, so that cleaning up never takes another build's files.
const LOCK: &str = ".ita-report.lock";

/// Why the outputs were not written; the earlier ones are as they were.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "เขียนลงโฟลเดอร์ {0} ไม่ได้ เพราะเป็นไฟล์ ไม่ใช่โฟลเดอร์: เลือกโฟลเดอร์อื่นด้วย -o \
         (cannot write into {0}: it is a file, not a folder; choose another folder with -o)"
    )]
    NotAFolder(String),
    #[error(
        "{0} เป็นโฟลเดอร์หรือไม่ใช่ไฟล์ธรรมดา จึงเขียนทับไม่ได้: ย้ายหรือเปลี่ยนชื่อออกก่อน \
         ({0} is a folder or no ordinary file, so it cannot be replaced: move or rename it first)"
    )]
    InTheWay(String),
    #[error("เขียน {path} ไม่ได้: {source} ({hint}) (cannot write {path}: {source})")]
    Io { path: String, source: std::io::Error, hint: &'static str },
}

impl OutputError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        let hint = match source.kind() {
            _ if in_use(&source) => {
                "ไฟล์นี้เปิดอยู่ในโปรแกรมอื่น ปิดไฟล์ใน Word หรือโปรแกรมอ่าน PDF แล้วลองใหม่ ผลลัพธ์เดิมยังอยู่ครบ; \
                 the file is open in another program: close it in Word or the PDF viewer and try again; \
                 the earlier outputs are as they were"
            }
            std::io::ErrorKind::PermissionDenied if cfg!(windows) => {
                "ไม่มีสิทธิ์เขียน หรือไฟล์เปิดอยู่ในโปรแกรมอื่น: ปิดไฟล์ใน Word หรือโปรแกรมอ่าน PDF แล้วลองใหม่ หรือเลือกโฟลเดอร์อื่นด้วย -o; \
                 no permission to write, or the file is open in another program: close it and try again, or choose another folder with -o"
            }
            std::io::ErrorKind::PermissionDenied => {
                "ไม่มีสิทธิ์เขียนในโฟลเดอร์นี้ เลือกโฟลเดอร์อื่นด้วย -o; no permission to write there: choose another folder with -o"
            }
            std::io::ErrorKind::InvalidFilename => {
                "ชื่อไฟล์ยาวเกินไปหรือมีอักขระที่ใช้ไม่ได้ เปลี่ยนชื่อไฟล์ข้อมูลให้สั้นลง หรือเลือกโฟลเดอร์อื่นด้วย -o; \
                 the name is too long, or not allowed: give the input file a shorter name, or choose another folder with -o"
            }
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                "ดิสก์เต็ม ลบไฟล์ที่ไม่ใช้แล้วลองอีกครั้ง; the disk is full: free some space and try again"
            }
            _ => "ผลลัพธ์เดิมยังอยู่ครบ; the earlier outputs are as they were",
        };
        OutputError::Io { path: path.display().to_string(), source, hint }
    }
}

/// A file that Windows will not let go of, as another program has it
/// open (Word, a PDF viewer): ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
fn in_use(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

/// One file of a document's set: where it goes and what it holds.
pub struct Output<'b> {
    pub path: PathBuf,
    pub bytes: &'b [u8],
}

/// A file being put in place: its destination, the temporary file that
/// holds it, and where the file it replaces is kept until all are in place.
struct Step {
    path: PathBuf,
    temporary: PathBuf,
    backup: Option<PathBuf>,
    /// The new file's size and fingerprint: a file in its place is taken
    /// back only if it is this one.
    written: (u64, String),
}

impl Step {
    /// Whether the file at the destination is the one this step wrote.
    fn placed(&self) -> bool {
        let (size, print) = &self.written;
        fs::symlink_metadata(&self.path).is_ok_and(|m| m.is_file() && m.len() == *size)
            && fs::read(&self.path).is_ok_and(|bytes| fingerprint::of(&bytes) == *print)
    }
}

/// Held while files are put in place, by this process's every thread.
static PLACING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Waits for files being put in place to be in place, and holds off any
/// more: what a process that is to end at once (Ctrl-C) takes first.
pub fn settled() -> std::sync::MutexGuard<'static, ()> {
    PLACING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Writes a set of files, all in one folder, together: every one or none.
pub fn write_together(dir: &Path, files: &[Output]) -> Result<(), OutputError> {
    folder(dir)?;
    let _lock = lock(dir)?;
    let _placing = settled();
    journal::recover_once(dir).map_err(|e| OutputError::io(dir, e))?;
    for f in files {
        in_the_way(&f.path)?;
    }
    let mut steps = Vec::new();
    for f in files {
        match temporary(dir, f) {
            Ok(step) => steps.push(step),
            Err(e) => {
                steps.iter().for_each(|s: &Step| drop(fs::remove_file(&s.temporary)));
                return Err(OutputError::io(&f.path, e));
            }
        }
    }
    let journal = journal::path(dir);
    if let Err(e) = in_the_way(&journal) {
        undo(&steps);
        return Err(e);
    }
    if let Err(e) = journal::write(&journal, &steps) {
        undo(&steps);
        return Err(OutputError::io(&steps[0].path, e));
    }
    let placed = place(&steps);
    if let Err((path, e)) = placed {
        undo(&steps);
        let _ = fs::remove_file(&journal);
        return Err(OutputError::io(&path, e));
    }
    // In place: the journal goes first, then the earlier files it kept.
    let _ = fs::remove_file(&journal);
    steps.iter().filter_map(|s| s.backup.as_ref()).for_each(|b| drop(fs::remove_file(b)));
    Ok(())
}

/// A single file written whole or not at all (a saved input, a starter).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    write_together(dir, &[Output { path: path.to_path_buf(), bytes }])
}

/// Undoes what a build killed in `dir` left there (once a process, under
/// the folder's lock), so that what is planned next sees the files as they
/// were before it: the earlier outputs, and an input a save was replacing.
pub fn recover_in(dir: &Path) -> Result<(), OutputError> {
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    if !dir.is_dir() || !journal::pending(dir) {
        return Ok(());
    }
    let _lock = lock(dir)?;
    journal::recover_once(dir).map_err(|e| OutputError::io(dir, e))
}

/// The folder, made if it is not there; a file in its place is refused.
fn folder(dir: &Path) -> Result<(), OutputError> {
    if let Some(file) = dir.ancestors().find(|a| fs::metadata(a).is_ok_and(|m| !m.is_dir())) {
        return Err(OutputError::NotAFolder(file.display().to_string()));
    }
    fs::create_dir_all(dir).map_err(|e| OutputError::io(dir, e))
}

/// A folder, FIFO or device where a file is to be written is refused: it
/// cannot be replaced, and opening a FIFO would wait for ever.
fn in_the_way(path: &Path) -> Result<(), OutputError> {
    if crate::disk::is_device(path) || fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(OutputError::InTheWay(path.display().to_string()));
    }
    Ok(())
}

fn lock(dir: &Path) -> Result<fs::File, OutputError> {
    let path = dir.join(LOCK);
    in_the_way(&path)?;
    let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path);
    let file = file.map_err(|e| OutputError::io(&path, e))?;
    file.lock().map_err(|e| OutputError::io(&path, e))?;
    Ok(file)
}

/// The file written under a temporary name beside its destination, with
/// the permissions of the file it replaces (an ordinary file's, if none).
fn temporary(dir: &Path, f: &Output) -> std::io::Result<Step> {
    let mut tmp = tempfile::Builder::new().prefix(PREFIX).suffix(TEMPORARY).tempfile_in(dir)?;
    tmp.write_all(f.bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&f.path).map_or(0o644, |m| m.permissions().mode());
        tmp.as_file().set_permissions(fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    let (_, temporary) = tmp.keep().map_err(|e| e.error)?;
    let backup = f.path.exists().then(|| dir.join(format!("{PREFIX}{}{BACKUP}", unique())));
    let written = (f.bytes.len() as u64, fingerprint::of(f.bytes));
    Ok(Step { path: f.path.clone(), temporary, backup, written })
}

fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!("{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Each earlier file moved aside, then each new one into its place.
fn place(steps: &[Step]) -> Result<(), (PathBuf, std::io::Error)> {
    for s in steps {
        if let Some(backup) = &s.backup {
            fs::rename(&s.path, backup).map_err(|e| (s.path.clone(), e))?;
        }
    }
    for s in steps {
        fs::rename(&s.temporary, &s.path).map_err(|e| (s.path.clone(), e))?;
    }
    Ok(())
}

/// Puts the earlier files back and removes the new ones, wherever placing
/// them stopped. A file changed in its place since (edited in Word after
/// a kill) is never replaced: the earlier one is kept beside it, under a
/// name of its own. False if anything could not be done, so that the
/// journal and what it names stay for another try.
fn undo(steps: &[Step]) -> bool {
    let mut whole = true;
    for s in steps {
        whole &= match &s.backup {
            Some(backup) if backup.exists() => {
                let ours = fs::symlink_metadata(&s.path).is_err() || s.placed();
                fs::rename(backup, if ours { s.path.clone() } else { beside(&s.path) }).is_ok()
            }
            // The file was new, and is in place already: it goes.
            None if !s.temporary.exists() && s.placed() => fs::remove_file(&s.path).is_ok(),
            _ => true,
        };
        let _ = fs::remove_file(&s.temporary);
    }
    whole
}

/// The first free `NAME.before.EXT`, `NAME.before-2.EXT`, ... beside `path`.
fn beside(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    let free = |name: &str| fs::symlink_metadata(path.with_file_name(name)).is_err();
    path.with_file_name(crate::files::first_free(&format!("{stem}.before"), &ext, free))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_set_replaces_the_files_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("sub/a.pdf"), dir.path().join("sub/a.docx"));
        let set = |x: &'static [u8]| [Output { path: a.clone(), bytes: x }, Output { path: b.clone(), bytes: x }];
        write_together(&dir.path().join("sub"), &set(b"first")).unwrap();
        write_together(&dir.path().join("sub"), &set(b"second")).unwrap();
        assert_eq!((fs::read(&a).unwrap(), fs::read(&b).unwrap()), (b"second".to_vec(), b"second".to_vec()));
        assert_eq!(listing(&dir.path().join("sub")), [LOCK, "a.docx", "a.pdf"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&a).unwrap().permissions().mode() & 0o777, 0o644);
        }
    }

    #[test]
    fn when_one_file_cannot_be_placed_none_is_and_the_earlier_set_stays() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.pdf"), dir.path().join("a.docx"));
        fs::write(&a, b"old pdf").unwrap();
        fs::create_dir(&b).unwrap();
        let set = [Output { path: a.clone(), bytes: b"new" }, Output { path: b.clone(), bytes: b"new" }];
        let e = write_together(dir.path(), &set).unwrap_err();
        assert!(e.to_string().contains("a.docx is a folder"), "{e}");
        assert_eq!(fs::read(&a).unwrap(), b"old pdf");
        assert_eq!(listing(dir.path()), [LOCK, "a.docx", "a.pdf"]);
        let into_a_file = write_together(&a, &set[..1]).unwrap_err();
        assert!(into_a_file.to_string().contains("it is a file, not a folder"), "{into_a_file}");
    }

    #[test]
    fn a_set_left_half_placed_by_a_killed_build_is_undone_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.pdf"), dir.path().join("a.docx"));
        fs::write(&a, b"old pdf").unwrap();
        fs::write(&b, b"old docx").unwrap();
        // A build killed after the PDF went in, before the DOCX did.
        let steps: Vec<Step> = [(&a, "new pdf"), (&b, "new docx")]
            .iter()
            .map(|(path, bytes)| {
                temporary(dir.path(), &Output { path: path.to_path_buf(), bytes: bytes.as_bytes() }).unwrap()
            })
            .collect();
        journal::write(&dir.path().join(format!("{PREFIX}99.journal")), &steps).unwrap();
        for s in &steps {
            fs::rename(&s.path, s.backup.as_ref().unwrap()).unwrap();
        }
        fs::rename(&steps[0].temporary, &a).unwrap();
        let stray = dir.path().join(format!("{PREFIX}stray{TEMPORARY}"));
        fs::write(&stray, b"from a build killed before its journal").unwrap();

        assert_eq!(recover(dir.path()).unwrap(), 1);
        assert_eq!((fs::read(&a).unwrap(), fs::read(&b).unwrap()), (b"old pdf".to_vec(), b"old docx".to_vec()));
        assert_eq!(listing(dir.path()), ["a.docx", "a.pdf"]);
    }

    #[test]
    fn a_new_file_is_taken_back_only_while_it_is_the_one_written() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pdf");
        // Killed once the new file was in place, before its journal went.
        let killed = |bytes: &[u8]| {
            let step = temporary(dir.path(), &Output { path: a.clone(), bytes }).unwrap();
            journal::write(&dir.path().join(format!("{PREFIX}98.journal")), std::slice::from_ref(&step)).unwrap();
            fs::rename(&step.temporary, &a).unwrap();
        };
        killed(b"new pdf");
        fs::write(&a, b"own pdf").unwrap();
        assert_eq!(recover(dir.path()).unwrap(), 1);
        assert_eq!(fs::read(&a).unwrap(), b"own pdf", "a file of the same size but not the one written stays");
        fs::remove_file(&a).unwrap();
        killed(b"new pdf");
        assert_eq!(recover(dir.path()).unwrap(), 1);
        assert!(!a.exists(), "the file written, new to the folder, is taken back");
    }

    #[test]
    fn a_folder_is_recovered_the_first_time_a_process_writes_there_not_every_time() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pdf");
        let stray = |n: &str| dir.path().join(format!("{PREFIX}{n}{TEMPORARY}"));
        fs::write(stray("before"), b"left by a killed build").unwrap();
        write_together(dir.path(), &[Output { path: a.clone(), bytes: b"first" }]).unwrap();
        assert!(!stray("before").exists(), "the first write recovers the folder");
        fs::write(stray("during"), b"left by a build killed since").unwrap();
        write_together(dir.path(), &[Output { path: a.clone(), bytes: b"second" }]).unwrap();
        assert!(stray("during").exists(), "the folder is not read again before every document");
        assert_eq!(fs::read(&a).unwrap(), b"second");
    }
}
