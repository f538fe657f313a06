//! One editing session of the local editor: the input file, the draft of
//! it the form edits (saved or not), and the last build's files.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use serde_json::json;

use crate::batch::{self, Options};
use crate::disk::Folder;
use crate::draft::ops::{EditError, Op};
use crate::draft::{Draft, logo_name};
use crate::output::write_atomic;
use crate::pipeline::{Kind, Pipeline};
use crate::system_fonts;

pub struct Session {
    file: PathBuf,
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
    /// the font, the catalog, the timestamp).
    pub fn open(file: &Path, opts: Options) -> std::io::Result<Session> {
        let draft = Draft::new(Pipeline::new(system_fonts::installed), opts.settings());
        let mut session = Session {
            file: file.to_path_buf(),
            folder: Folder::of(file),
            opts,
            on_disk: Vec::new(),
            draft,
            built: None,
        };
        session.reload()?;
        Ok(session)
    }

    /// Applies the form's edits, all or none.
    pub fn edit(&mut self, edits: &[Op]) -> Result<(), EditError> {
        self.draft.edit(edits, &self.folder)
    }

    pub fn dirty(&self) -> bool {
        self.draft.text().as_bytes() != self.on_disk
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
        let text = self.draft.text().as_bytes();
        write_atomic(&self.file, text).map_err(|e| SaveError::Write(e.to_string()))?;
        self.on_disk = text.to_vec();
        Ok(())
    }

    /// Takes the file as it is on disk, the edits not saved dropped.
    pub fn reload(&mut self) -> std::io::Result<()> {
        let bytes = std::fs::read(&self.file)?;
        self.draft.set_text(String::from_utf8_lossy(&bytes).into_owned(), &self.folder);
        self.on_disk = bytes;
        Ok(())
    }

    /// Everything the form shows, as JSON, with where the file stands.
    pub fn state(&self) -> Json {
        let mut state = self.draft.state();
        state["file"] = json!(self.file.file_name().map(|f| f.to_string_lossy().into_owned()));
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
