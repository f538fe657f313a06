//! Files: what the core reads besides the input's text, the files the input
//! names (its cover's logo, a catalog), through this one trait. The core
//! opens nothing itself: the command line and the local editor read from
//! the input's folder, the web page from what the official picked in the
//! browser. The same input and the same files give the same documents on
//! every host.

use std::collections::BTreeMap;

/// The first of `BASE.EXT`, `BASE-2.EXT`, `BASE-3.EXT`, ... that `free`
/// takes (`ext` with its dot): a name of its own for a file written beside
/// others.
pub fn first_free(base: &str, ext: &str, free: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| if n == 1 { format!("{base}{ext}") } else { format!("{base}-{n}{ext}") })
        .find(|name| free(name))
        .expect("a free name")
}

/// The files an input may name, by the name it gives them.
pub trait Files {
    /// The whole file `name` (relative to the input's folder), at most
    /// `limit` bytes of it.
    fn read(&self, name: &str, limit: u64) -> Result<Vec<u8>, Unreadable>;
}

/// Why a named file cannot be read, in words for the messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// A folder, a FIFO or a device: nothing to read, or never an end.
    NotAFile,
    /// Larger than the limit asked for.
    TooBig,
    /// Missing or unreadable; the reason as the system or the page says it.
    Io(String),
}

/// Files held in memory, by name: the web page's, and the tests'.
impl Files for BTreeMap<String, Vec<u8>> {
    fn read(&self, name: &str, limit: u64) -> Result<Vec<u8>, Unreadable> {
        let name = name.trim().trim_start_matches("./");
        match self.get(name) {
            Some(bytes) if bytes.len() as u64 > limit => Err(Unreadable::TooBig),
            Some(bytes) => Ok(bytes.clone()),
            None => Err(Unreadable::Io(
                "ไม่มีไฟล์นี้ในงาน เลือกไฟล์จากเครื่องอีกครั้ง (no such file in this work: pick it again)".into(),
            )),
        }
    }
}

/// No files at all: an input that names one is told it is not there.
pub struct NoFiles;

impl Files for NoFiles {
    fn read(&self, name: &str, limit: u64) -> Result<Vec<u8>, Unreadable> {
        BTreeMap::new().read(name, limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_files_are_bounded_and_named_as_written() {
        let files = BTreeMap::from([("logo.png".to_string(), vec![1, 2, 3])]);
        assert_eq!(files.read("./logo.png", 3), Ok(vec![1, 2, 3]));
        assert_eq!(files.read("logo.png", 2), Err(Unreadable::TooBig));
        assert!(matches!(files.read("other.png", 9), Err(Unreadable::Io(_))));
        assert!(matches!(NoFiles.read("logo.png", 9), Err(Unreadable::Io(_))));
    }
}
