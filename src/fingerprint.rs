//! Fingerprints of the DOCX files ita-report writes, kept beside each one, so
//! that a file an official has edited in Word since is never overwritten.

use std::path::{Path, PathBuf};

/// FNV-1a, 64 bits: stable across versions and machines, enough to tell an
/// edited file from the one written (not a defence against forgery).
pub fn of(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{hash:016x}")
}

/// Where the fingerprint of `output` is kept: a hidden file beside it.
pub fn path_for(output: &Path) -> PathBuf {
    let name = output.file_name().unwrap_or_default().to_string_lossy();
    output.with_file_name(format!(".{name}.ita-report"))
}

/// Whether `output` exists and is not the file ita-report last wrote there
/// (edited since, or never written by it). Only ordinary files are read: a
/// FIFO under either name would be waited on for ever; it is no edited
/// DOCX, and writing the outputs refuses it.
pub fn edited(output: &Path) -> bool {
    let Some(bytes) = read_file(output) else { return false };
    let recorded = read_file(&path_for(output)).unwrap_or_default();
    String::from_utf8_lossy(&recorded).trim() != of(&bytes)
}

/// A DOCX of ita-report's, or its fingerprint, read as every file the
/// command line reads: an ordinary file only, bounded (1 GiB, far past any
/// document).
fn read_file(path: &Path) -> Option<Vec<u8>> {
    crate::disk::read_bounded(path, 1 << 30).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_stable_and_tells_files_apart() {
        assert_eq!(of(b""), "cbf29ce484222325");
        assert_eq!(of(b"a"), "af63dc4c8601ec8c");
        assert_ne!(of(b"docx 1"), of(b"docx 2"));
    }

    #[test]
    fn a_file_is_edited_unless_its_fingerprint_matches() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("x.docx");
        assert!(!edited(&out), "a missing file is not edited");
        std::fs::write(&out, b"written").unwrap();
        assert!(edited(&out), "a file without a fingerprint is not ours to replace");
        std::fs::write(path_for(&out), of(b"written")).unwrap();
        assert!(!edited(&out));
        std::fs::write(&out, b"changed in Word").unwrap();
        assert!(edited(&out));
        assert_eq!(path_for(&out).file_name().unwrap(), ".x.docx.ita-report");
    }
}
