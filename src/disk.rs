//! Disk: the core's [`Files`] read from the file system, for the command
//! line and the local editor. The input's folder is where an input's named
//! files are; every read is bounded and never waits on a FIFO or a device.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::check::{CheckedFile, check_bytes};
use crate::diag::{self, Diagnostic};
use crate::files::{Files, Unreadable};
use crate::init::{self, Agency, InitError};
use crate::limits;
use crate::load;

/// The files beside an input: names are relative to its folder (an
/// absolute name, such as `--catalog`'s, stands as it is).
pub struct Folder(pub PathBuf);

impl Folder {
    /// The folder of `input`.
    pub fn of(input: &Path) -> Folder {
        Folder(input.parent().unwrap_or(Path::new(".")).to_path_buf())
    }
}

impl Files for Folder {
    fn read(&self, name: &str, limit: u64) -> Result<Vec<u8>, Unreadable> {
        read_bounded(&self.0.join(name), limit)
    }
}

/// A file's bytes, at most `limit`: a FIFO or a device would be opened and
/// waited on, maybe for ever, so only an ordinary file is opened, and one
/// byte past the limit is read, so that an oversized file is refused
/// without reading all of it.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, Unreadable> {
    let io = |e: std::io::Error| Unreadable::Io(e.to_string());
    if is_device(path) || !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(Unreadable::NotAFile);
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path).map_err(io)?.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(Unreadable::TooBig);
    }
    Ok(bytes)
}

/// Named as an input file: .yaml or .yml, in any letter case (Windows
/// keeps ITA.YAML as typed).
pub fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Whether Windows takes the file's name for a device, as it does CON,
/// PRN, AUX, NUL, CONIN$, CONOUT$, COM1 to COM9 and LPT1 to LPT9 (and
/// COM¹ to COM³ …) with any extension ("nul.yaml"): Windows' counterpart of
/// a FIFO, never an ordinary file.
pub fn is_device(path: &Path) -> bool {
    cfg!(windows) && path.file_name().and_then(|n| n.to_str()).is_some_and(device_name)
}

fn device_name(name: &str) -> bool {
    let base = name.split('.').next().unwrap_or_default().trim_end().to_ascii_uppercase();
    let numbered = |prefix: &str| {
        base.strip_prefix(prefix)
            .is_some_and(|n| matches!(n, "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"))
    };
    matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$") || numbered("COM") || numbered("LPT")
}

/// Loads and validates a file: every diagnostic, sorted, at most
/// [`crate::limits::DIAGNOSTICS`] of them.
pub fn check_file(path: &Path) -> CheckedFile {
    check_file_with(path, None)
}

/// [`check_file`] with a catalog file instead of the one the file names
/// or the built-in one.
pub fn check_file_with(path: &Path, catalog: Option<&Path>) -> CheckedFile {
    let mut checked = match read_bounded(path, limits::INPUT_BYTES as u64) {
        Ok(bytes) => check_bytes(bytes, &Folder::of(path), catalog.map(absolute).as_deref()),
        Err(e) => CheckedFile { diagnostics: load::unreadable(e), ..CheckedFile::default() },
    };
    checked.diagnostics.extend(font_not_installed(&checked));
    checked.diagnostics = diag::capped(checked.diagnostics);
    checked
}

/// The font the file names, where this machine has none of that family:
/// a build here would stop there, so the check says so, at its key. A
/// warning: the file is right on a machine that has the font.
fn font_not_installed(checked: &CheckedFile) -> Option<Diagnostic> {
    let family = checked.report.as_ref()?.settings.font.as_deref()?;
    let missing = crate::system_fonts::faces(family).err()?;
    let node = checked.root.as_ref()?.get("document")?.get("font")?;
    let th = format!("ไม่พบฟอนต์ \"{family}\" ในเครื่องนี้ จึงสร้างเอกสารในเครื่องนี้ไม่ได้");
    let en = format!("the font family \"{family}\" is not installed on this machine, so the build stops here");
    let hint = match missing.near {
        Some(near) => format!("หมายถึง \"{near}\" หรือไม่ (did you mean \"{near}\"?)"),
        None => "ลบบรรทัด font เพื่อใช้ฟอนต์ที่มากับโปรแกรม หรือติดตั้งฟอนต์นี้ \
                 (remove the font line for the font that comes with the program, or install this one)"
            .to_string(),
    };
    Some(Diagnostic::warning(node.pos, "document.font", th, en).with_hint(hint))
}

/// A file given on the command line, relative to the working folder, named
/// absolutely: the core reads an input's files from the input's folder.
pub fn absolute(path: &Path) -> String {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()).to_string_lossy().into_owned()
}

/// Writes `text` as the starter file, and the schema file that its first
/// line names beside it unless one of that name is there already (it is
/// left as it is). An existing starter file is never overwritten; nothing
/// is written then.
pub fn write_text(path: &Path, text: &str) -> Result<(), InitError> {
    let shown = path.display().to_string();
    if is_device(path) {
        return Err(InitError::Device(shown));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.is_dir()) {
        return Err(InitError::NoFolder(dir.display().to_string()));
    }
    let io = |source| InitError::Io { path: shown.clone(), source };
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists { InitError::Exists(shown.clone()) } else { io(e) }
    })?;
    if let Err(e) = write_schema(&schema_path(path)) {
        // The starter file was created empty a moment ago: take it back, so
        // that a failed init leaves nothing behind.
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    file.write_all(text.as_bytes()).map_err(io)
}

/// Writes the starter file of the newest framework year.
pub fn write_starter(path: &Path, agency: &Agency) -> Result<(), InitError> {
    write_text(path, &init::render(path, agency))
}

/// Where the schema file goes: beside the starter file.
pub fn schema_path(path: &Path) -> PathBuf {
    path.with_file_name(crate::schema::FILE_NAME)
}

/// Writes the schema file unless a file of that name exists, which may be
/// the official's own or an older program's: it is not overwritten.
fn write_schema(path: &Path) -> Result<(), InitError> {
    match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut file) => file.write_all(crate::schema::SCHEMA.as_bytes()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
    .map_err(|source| InitError::Io { path: path.display().to_string(), source })
}

#[cfg(test)]
mod tests {
    use super::device_name;

    #[test]
    fn windows_device_names_are_known_whatever_their_extension() {
        for name in ["nul.yaml", "CON", "aux.tar.gz", "com1.yaml", "Lpt9.docx", "prn .pdf", "conout$.yaml", "COM².pdf"]
        {
            assert!(device_name(name), "{name}");
        }
        for name in ["ita.yaml", "console.yaml", "com0.yaml", "com10.yaml", "nul-2568.yaml", "a.nul"] {
            assert!(!device_name(name), "{name}");
        }
    }
}
