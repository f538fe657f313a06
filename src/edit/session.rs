//! One editing session of the local editor: the input file, the draft of
//! it the form edits (saved or not), and the last build's files.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use serde_json::json;

use crate::batch::{self, Options};
use crate::diag::Diagnostic;
use crate::disk::Folder;
use crate::draft::ops::{EditError, Op};
use crate::draft::{Draft, logo_name};
use crate::output::write_atomic;
use crate::pipeline::{Kind, Pipeline};
use crate::system_fonts;

/// The byte-order mark some Windows programs put before UTF-8 text.
const BOM: &[u8] = b"\xEF\xBB\xBF";

pub struct Session {
    /// This run of the editor, random: a page's edit made against another
    /// run (the editor started again since) names versions of another draft.
    pub run: String,
    file: PathBuf,
    /// Where saves go: the file, or the file its link names (the link is
    /// kept, as a save in any program keeps it).
    target: PathBuf,
    /// Whether the file began with a byte-order mark: kept when saved.
    bom: bool,
    /// Why the file cannot be edited (no UTF-8 text: `check` refuses it);
    /// nothing is ever written to it then.
    unreadable: Option<Diagnostic>,
    /// Whether it is Windows-874 Thai, which the editor converts.
    convertible: bool,
    folder: Folder,
    opts: Options,
    /// The file's bytes when last read or saved: the disk's copy has changed
    /// under the editor when they differ from what is there now.
    on_disk: Vec<u8>,
    pub draft: Draft,
    /// The files of the last build the editor made, for download.
    built: Option<(PathBuf, PathBuf)>,
}

/// Why a save did not happen.
#[derive(Debug)]
pub enum SaveError {
    /// The file changed on disk since it was read: saving would lose that.
    Conflict,
    Write(String),
}

impl Session {
    /// Opens a file that exists; `opts` are the build's (the output folder,
    /// the font, the catalog, the timestamp). A file the build would write
    /// over is refused, as `build` refuses it.
    pub fn open(file: &Path, opts: Options) -> Result<Session, String> {
        let shown = file.display();
        refuse_collision(file, &opts)?;
        let draft = Draft::new(Pipeline::new(system_fonts::installed), opts.settings());
        let mut session = Session {
            run: crate::edit::http::new_token(),
            file: file.to_path_buf(),
            target: link_target(file),
            bom: false,
            unreadable: None,
            convertible: false,
            folder: Folder::of(file),
            opts,
            on_disk: Vec::new(),
            draft,
            built: None,
        };
        session.reload().map_err(|e| format!("เปิด {shown} ไม่ได้: {e} (cannot open {shown}: {e})"))?;
        Ok(session)
    }

    /// Applies the form's edits, all or none. A logo or catalog they name
    /// anew that leads out of the file's folder through a link is refused
    /// as a path out of it is (the draft, which reads no disk, sees only
    /// the path).
    pub fn edit(&mut self, edits: &[Op]) -> Result<(), EditError> {
        let (before, named) = (self.draft.text().to_string(), self.named_files());
        self.draft.edit(edits, &self.folder)?;
        let leaving = self.named_files().into_iter().find(|n| !named.contains(n) && !self.inside(n));
        if let Some(name) = leaving {
            self.draft.set_text(before, &self.folder);
            return Err(EditError::OutsideFolder(name));
        }
        Ok(())
    }

    /// The logo and the catalog file the text names.
    fn named_files(&self) -> Vec<String> {
        let Some(root) = &self.draft.checked().root else { return Vec::new() };
        [["agency", "logo"], ["document", "catalog"]]
            .iter()
            .filter_map(|[a, b]| root.get(a)?.get(b)?.as_str().map(str::to_string))
            .collect()
    }

    /// Whether `name`, links followed, is in the file's folder (or not
    /// there at all yet).
    fn inside(&self, name: &str) -> bool {
        let dir = if self.folder.0.as_os_str().is_empty() { Path::new(".") } else { &self.folder.0 };
        // Where the folder's place cannot be worked out (some network
        // drives), the path's own check, made by the draft, stands.
        let Ok(folder) = std::fs::canonicalize(dir) else { return true };
        let path = dir.join(name.trim());
        match std::fs::canonicalize(&path) {
            Ok(target) => target.starts_with(&folder),
            // Not there yet: a file of that name may come, a link that
            // leads nowhere may not.
            Err(_) => std::fs::symlink_metadata(&path).is_err(),
        }
    }

    /// Why nothing may be written to the file, if it is no UTF-8 text: the
    /// server refuses every request that would write, before it is made.
    pub fn read_only(&self) -> Option<(&str, &str)> {
        self.unreadable.as_ref().map(|d| (d.th.as_str(), d.en.as_str()))
    }

    /// The file's bytes as a save writes them: the text, after the
    /// byte-order mark if the file had one.
    fn bytes(&self) -> Vec<u8> {
        let bom = if self.bom { BOM } else { b"" };
        [bom, self.draft.text().as_bytes()].concat()
    }

    /// Whether the text differs from the file's; never for a file that is
    /// shown, not edited.
    pub fn dirty(&self) -> bool {
        self.unreadable.is_none() && self.bytes() != self.on_disk
    }

    /// Whether the file on disk is no longer what was read or saved.
    pub fn disk_changed(&self) -> bool {
        std::fs::read(&self.file).map_or(true, |now| now != self.on_disk)
    }

    /// Writes the text to the file, whole or not at all; refused when the
    /// file changed on disk since, unless `force`.
    pub fn save(&mut self, force: bool) -> Result<(), SaveError> {
        if !force && self.disk_changed() {
            return Err(SaveError::Conflict);
        }
        let bytes = self.bytes();
        write_atomic(&self.target, &bytes).map_err(|e| SaveError::Write(e.to_string()))?;
        self.on_disk = bytes;
        Ok(())
    }

    /// Takes the file as it is on disk, the edits not saved dropped. A
    /// file `check` would refuse for its encoding is shown, not edited.
    pub fn reload(&mut self) -> std::io::Result<()> {
        let bytes = std::fs::read(&self.file)?;
        let text = bytes.strip_prefix(BOM).unwrap_or(&bytes);
        self.bom = text.len() < bytes.len();
        self.unreadable = crate::load::not_text(text);
        self.convertible = self.unreadable.is_some() && windows_874(&bytes).is_some();
        self.draft.set_text(String::from_utf8_lossy(text).into_owned(), &self.folder);
        self.on_disk = bytes;
        Ok(())
    }

    /// A file in Windows-874 (TIS-620) Thai, as UTF-8 in a new file beside
    /// it (`NAME-utf8.yaml`, or the first free `NAME-utf8-N.yaml`), opened
    /// in its place; the original is left as it is.
    pub fn converted(&self) -> Result<Session, (String, String)> {
        let text = std::fs::read(&self.file).ok().and_then(|bytes| windows_874(&bytes)).ok_or_else(|| {
            let th = "ไฟล์นี้ไม่ใช่ภาษาไทยแบบ Windows-874 จึงแปลงให้ไม่ได้";
            (th.to_string(), "the file is not Windows-874 Thai, so it cannot be converted".to_string())
        })?;
        let stem = self.file.file_stem().unwrap_or_default().to_string_lossy();
        let free = crate::files::first_free(&format!("{stem}-utf8"), ".yaml", |n| {
            std::fs::symlink_metadata(self.file.with_file_name(n)).is_err()
        });
        let free = self.file.with_file_name(free);
        let failed = |e: String| (format!("แปลงไม่ได้: {e}"), format!("cannot convert: {e}"));
        crate::disk::write_text(&free, &text).map_err(|e| failed(e.to_string()))?;
        Session::open(&free, self.opts.clone()).map_err(failed)
    }

    /// Everything the form shows, as JSON, with where the file stands.
    pub fn state(&self) -> Json {
        let mut state = self.draft.state();
        if let Some(d) = &self.unreadable {
            state["read_only"] = json!({ "th": d.th, "en": d.en, "hint": d.hint, "convertible": self.convertible });
        }
        state["file"] = json!(self.file.file_name().map(|f| f.to_string_lossy().into_owned()));
        state["session"] = json!(self.run);
        state["dirty"] = json!(self.dirty());
        state["disk_changed"] = json!(self.disk_changed());
        state
    }

    /// Saves a logo the official picked into the file's folder, under a
    /// name of its own (a different file of the same name is never
    /// replaced), and names it as the agency's logo.
    pub fn upload_logo(&mut self, wanted: &str, bytes: &[u8]) -> Result<String, (String, String)> {
        let name = logo_name(wanted, bytes, |n| free_in(&self.folder.0, n, bytes))?;
        let path = self.folder.0.join(&name);
        let new = !path.exists();
        if new {
            write_atomic(&path, bytes)
                .map_err(|e| (format!("บันทึกตราไม่ได้: {e}"), format!("cannot save the logo: {e}")))?;
        }
        if let Err(e) = self.draft.name_logo(name.clone(), &self.folder) {
            // A logo the file does not name is not left in its folder.
            if new {
                let _ = std::fs::remove_file(&path);
            }
            return Err((e.to_string(), e.to_string()));
        }
        Ok(name)
    }

    /// Which document the preview shows and Build makes.
    pub fn set_kind(&mut self, kind: Kind) {
        self.draft.set_kind(kind);
        self.opts.kind = kind;
    }

    /// Saves the file and builds its documents as `ita-report build` does.
    pub fn build(&mut self) -> Result<Json, SaveError> {
        // The file is built as the form shows it: a change made on disk
        // meanwhile is the official's to choose first, saved edits or not.
        if self.disk_changed() {
            return Err(SaveError::Conflict);
        }
        if let Err(collision) = refuse_collision(&self.file, &self.opts) {
            return Ok(json!({ "ok": false, "error": collision }));
        }
        if self.dirty() {
            self.save(false)?;
        }
        let built = batch::build_one(self.draft.pipeline(), true, &self.file, &self.opts);
        let result = match &built.result {
            Ok(files) if files.len() == 2 => {
                self.built = Some((files[0].clone(), files[1].clone()));
                json!({ "ok": true, "files": files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>() })
            }
            Ok(_) => json!({ "ok": false }),
            Err(e) => json!({ "ok": false, "error": e.to_string() }),
        };
        let mut result = result;
        result["notes"] = json!(built.notes);
        Ok(result)
    }

    /// The last build's PDF or DOCX: its name and bytes.
    pub fn built_file(&self, pdf: bool) -> Option<(String, Vec<u8>)> {
        let (p, d) = self.built.as_ref()?;
        let path = if pdf { p } else { d };
        let name = path.file_name()?.to_string_lossy().into_owned();
        Some((name, std::fs::read(path).ok()?))
    }
}

/// The file refused if its documents, of the kind `opts` asks, would be
/// written over it (`edit rep.pdf -o .`).
fn refuse_collision(file: &Path, opts: &Options) -> Result<(), String> {
    batch::plan(&[file.to_path_buf()], &opts.out_dir, opts.kind.suffix()).map(drop).map_err(|e| e.to_string())
}

/// Where a save of `file` goes: the file a link names, or the file itself
/// (named as given: Windows would show a resolved path as `\\?\C:\...`).
fn link_target(file: &Path) -> PathBuf {
    let link = std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_symlink());
    link.then(|| std::fs::canonicalize(file).ok()).flatten().unwrap_or_else(|| file.to_path_buf())
}

/// The text of a file in Windows-874 Thai (TIS-620 and Microsoft's
/// additions), if it is one: not UTF-8, every byte mapped, some Thai.
fn windows_874(bytes: &[u8]) -> Option<String> {
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let text = encoding_rs::WINDOWS_874.decode_without_bom_handling_and_without_replacement(bytes)?;
    text.chars().any(crate::thai::is_thai).then(|| text.into_owned())
}

/// Whether `name` in `folder` is free, or holds these very bytes already.
fn free_in(folder: &Path, name: &str, bytes: &[u8]) -> bool {
    match std::fs::symlink_metadata(folder.join(name)) {
        Err(_) => true,
        // Only an ordinary file of the same length is read: a FIFO or a
        // device under that name would never end.
        Ok(m) => {
            m.is_file() && m.len() == bytes.len() as u64 && std::fs::read(folder.join(name)).is_ok_and(|b| b == bytes)
        }
    }
}
