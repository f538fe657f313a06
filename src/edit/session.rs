//! One editing session: the input file, its text as edited (saved or
//! not), what the check says of it, and the pages of its last good layout.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Value as Json, json};
use typst_layout::PagedDocument;

use super::ops::{self, EditError, Op};
use super::tree::{Step, Tree};
use crate::build::{Options, Pipeline};
use crate::catalog::{self, Catalog, code_order};
use crate::check::{CheckedFile, check_bytes};
use crate::compose::compose;
use crate::diag::{self, Diagnostic, Severity};
use crate::output::write_atomic;
use crate::sniff::Kind;
use crate::{init, limits, validate};

/// Pixels per point of the preview's pictures: an A4 page 833 pixels wide,
/// sharp at the size the page shows beside the form.
const PREVIEW_SCALE: f32 = 1.4;

pub struct Session {
    file: PathBuf,
    folder: PathBuf,
    opts: Options,
    text: String,
    tree: Tree,
    /// The file's bytes when last read or saved: the disk's copy has changed
    /// under the editor when they differ from what is there now.
    on_disk: Vec<u8>,
    /// Counts edits, so the browser knows which state a preview is of.
    version: u64,
    checked: CheckedFile,
    /// Coverage warnings of the font in use, beside the check's.
    diagnostics: Vec<Diagnostic>,
    pipeline: Pipeline,
    preview: Preview,
    /// The files of the last build the editor made, for download.
    built: Option<(PathBuf, PathBuf)>,
}

/// The last good layout: its pages, and those drawn as pictures so far.
#[derive(Default)]
struct Preview {
    version: Option<u64>,
    document: Option<PagedDocument>,
    hashes: Vec<String>,
    pictures: HashMap<String, Arc<Vec<u8>>>,
    error: Option<String>,
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
        let folder = file.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let mut session = Session {
            file: file.to_path_buf(),
            folder,
            opts,
            tree: Tree::Null,
            text: String::new(),
            on_disk: Vec::new(),
            version: 0,
            checked: CheckedFile::default(),
            diagnostics: Vec::new(),
            pipeline: Pipeline::default(),
            preview: Preview::default(),
            built: None,
        };
        session.reload()?;
        Ok(session)
    }

    fn recheck(&mut self) {
        self.checked = check_bytes(self.text.as_bytes().to_vec(), &self.folder, self.opts.catalog.as_deref());
        self.tree = self.checked.root.as_ref().map_or(Tree::Null, Tree::from_node);
        let mut diagnostics = self.checked.diagnostics.clone();
        let family = self.family();
        if let (Some(root), Ok(writer)) = (&self.checked.root, self.pipeline.writer(&family)) {
            diagnostics.extend(crate::build::coverage::uncovered(root, writer.fonts()));
        }
        self.diagnostics = diag::capped(diagnostics);
    }

    fn family(&self) -> Option<String> {
        self.opts.font.clone().or_else(|| self.checked.report.as_ref().and_then(|r| r.settings.font.clone()))
    }

    /// Applies the form's edits, all or none.
    pub fn edit(&mut self, edits: &[Op]) -> Result<(), EditError> {
        let (mut text, mut tree) = (self.text.clone(), self.tree.clone());
        for op in edits {
            let edited = ops::apply(&text, &tree, op)?;
            (text, tree) = (edited.text, edited.tree);
        }
        if text.len() > limits::INPUT_BYTES {
            return Err(EditError::TooBig);
        }
        refuse_outside_folder(&self.tree, &tree)?;
        self.text = text;
        self.version += 1;
        self.recheck();
        Ok(())
    }

    pub fn dirty(&self) -> bool {
        self.text.as_bytes() != self.on_disk
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
        write_atomic(&self.file, self.text.as_bytes()).map_err(|e| SaveError::Write(e.to_string()))?;
        self.on_disk = self.text.as_bytes().to_vec();
        Ok(())
    }

    /// Takes the file as it is on disk, the edits not saved dropped.
    pub fn reload(&mut self) -> std::io::Result<()> {
        let bytes = std::fs::read(&self.file)?;
        self.text = String::from_utf8_lossy(&bytes).into_owned();
        self.on_disk = bytes;
        self.version += 1;
        self.recheck();
        Ok(())
    }

    /// Everything the form shows, as JSON.
    pub fn state(&self) -> Json {
        let report = self.checked.report.as_ref();
        let derived = match (report, &self.checked.catalog) {
            (Some(r), Some(c)) => {
                let (total, level) = validate::derived(c, &r.result);
                let lowest: Vec<Vec<&str>> = r
                    .issues
                    .iter()
                    .map(|i| i.analysis.lowest.iter().map(|item| item.code.as_str()).collect())
                    .collect();
                json!({ "total": total.map(|t| format!("{t:.2}")), "level": level, "lowest": lowest })
            }
            _ => Json::Null,
        };
        let year = self.tree.at(&[Step::Key("fiscal_year".into())]);
        let catalog = self.checked.catalog.clone().unwrap_or_else(|| {
            let year = year.and_then(|y| match y {
                Tree::Text(t) => t.trim().parse().ok(),
                _ => None,
            });
            year.map_or_else(catalog::latest, |y| catalog::for_year(y).0)
        });
        let standard: Vec<Json> = init::standard_issues()
            .iter()
            .map(|i| json!({ "title": i.title, "items": i.items.get(&catalog.fiscal_year) }))
            .collect();
        json!({
            "file": self.file.file_name().map(|f| f.to_string_lossy().into_owned()),
            "version": self.version,
            "dirty": self.dirty(),
            "disk_changed": self.disk_changed(),
            "tree": self.tree,
            "diagnostics": self.diagnostics.iter().map(diagnostic_json).collect::<Vec<_>>(),
            "derived": derived,
            "catalog": catalog_json(&catalog),
            "years": catalog::years(),
            "standard_issues": standard,
        })
    }

    /// The pages of the current text, laid out when it has no errors; while
    /// it has, the last good pages, marked stale.
    pub fn preview(&mut self) -> Json {
        if self.preview.version != Some(self.version)
            && let Some(report) = &self.checked.report
        {
            let family = self.family();
            let mut doc = compose(report);
            doc.meta.timestamp = self.opts.timestamp;
            let laid = self
                .pipeline
                .writer(&family)
                .map_err(|e| e.to_string())
                .and_then(|writer| writer.layout(&writer.prepare(&doc)).map_err(|e| e.to_string()));
            match laid {
                Ok(pages) => {
                    let hashes: Vec<String> =
                        pages.pages().iter().map(|p| format!("{:032x}", typst::utils::hash128(p))).collect();
                    self.preview.pictures.retain(|h, _| hashes.contains(h));
                    self.preview.hashes = hashes;
                    self.preview.document = Some(pages);
                    self.preview.error = None;
                }
                Err(e) => self.preview.error = Some(e),
            }
            self.preview.version = Some(self.version);
        }
        let fresh = self.preview.version == Some(self.version) && self.preview.error.is_none();
        json!({
            "version": self.version,
            "stale": !fresh || self.checked.report.is_none(),
            "pages": self.preview.hashes,
            "error": self.preview.error,
        })
    }

    /// A page of the last layout drawn as a PNG, by its hash.
    pub fn page_png(&mut self, hash: &str) -> Option<Arc<Vec<u8>>> {
        if let Some(png) = self.preview.pictures.get(hash) {
            return Some(png.clone());
        }
        let i = self.preview.hashes.iter().position(|h| h == hash)?;
        let page = self.preview.document.as_ref()?.pages().get(i)?;
        let options = typst_render::RenderOptions {
            pixel_per_pt: typst::utils::Scalar::new(f64::from(PREVIEW_SCALE)),
            ..Default::default()
        };
        let png = Arc::new(typst_render::render(page, &options).encode_png().ok()?);
        self.preview.pictures.insert(hash.to_string(), png.clone());
        Some(png)
    }

    /// Saves a logo the official picked into the file's folder, under a
    /// name of its own (a different file of the same name is never
    /// replaced), and names it as the agency's logo.
    pub fn upload_logo(&mut self, wanted: &str, bytes: &[u8]) -> Result<String, (String, String)> {
        // The pictures a logo may be; the rest of the CLI's check of a logo
        // (its size, that it decodes) is the check that follows the edit.
        let Some(kind) = Kind::of(bytes).filter(|k| k.is_raster()) else {
            return Err((
                "ตราต้องเป็นรูปภาพ PNG, JPEG หรือ GIF".into(),
                "the logo must be a PNG, JPEG or GIF picture".into(),
            ));
        };
        let name = free_name(&self.folder, &safe_name(wanted, kind), bytes);
        let path = self.folder.join(&name);
        let new = !path.exists();
        if new {
            write_atomic(&path, bytes)
                .map_err(|e| (format!("บันทึกตราไม่ได้: {e}"), format!("cannot save the logo: {e}")))?;
        }
        let op = Op::Set {
            path: vec![Step::Key("agency".into()), Step::Key("logo".into())],
            value: Tree::Text(name.clone()),
        };
        if let Err(e) = self.edit(&[op]) {
            // A logo the file does not name is not left in its folder.
            if new {
                let _ = std::fs::remove_file(&path);
            }
            return Err((e.to_string(), e.to_string()));
        }
        Ok(name)
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
        let file = self.file.clone();
        let built = self.pipeline.build(&file, &self.opts);
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

/// A logo or a catalog file is read from the input's folder: an edit that
/// makes either lead out of it (`../`, `/etc/`), however it is made, is
/// refused. A path the file had already is the file's own business.
fn refuse_outside_folder(before: &Tree, after: &Tree) -> Result<(), EditError> {
    for [a, b] in [["agency", "logo"], ["document", "catalog"]] {
        let path = [Step::Key(a.into()), Step::Key(b.into())];
        let Some(Tree::Text(written)) = after.at(&path).filter(|now| before.at(&path) != Some(*now)) else { continue };
        let inside = Path::new(written.trim())
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir));
        if !inside {
            return Err(EditError::OutsideFolder(written.clone()));
        }
    }
    Ok(())
}

/// A file name of letters, digits, `-`, `_` and `.` only, with the
/// extension of what the file is.
fn safe_name(wanted: &str, kind: Kind) -> String {
    let base = Path::new(wanted).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let base: String =
        base.chars().filter(|c| c.is_alphanumeric() || is_thai_mark(*c) || matches!(c, '-' | '_')).take(60).collect();
    let base = if base.is_empty() { "logo".to_string() } else { base };
    let ext = match kind {
        Kind::Png => "png",
        Kind::Gif => "gif",
        _ => "jpg",
    };
    format!("{base}.{ext}")
}

/// Thai vowel and tone marks, which are not alphanumeric but belong to the
/// word (โลโก้).
fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// `name`, or `name-1`, `name-2`…: the first that is free or already holds
/// these very bytes.
fn free_name(folder: &Path, name: &str, bytes: &[u8]) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    (0..)
        .map(|n| if n == 0 { name.to_string() } else { format!("{stem}-{n}.{ext}") })
        .find(|candidate| {
            let path = folder.join(candidate);
            match std::fs::symlink_metadata(&path) {
                Err(_) => true,
                // Only an ordinary file of the same length is read: a FIFO
                // or a device under that name would never end.
                Ok(m) => m.is_file() && m.len() == bytes.len() as u64 && std::fs::read(&path).is_ok_and(|b| b == bytes),
            }
        })
        .expect("a free name")
}

fn diagnostic_json(d: &Diagnostic) -> Json {
    json!({
        "severity": if d.severity == Severity::Error { "error" } else { "warning" },
        "key": d.key,
        "line": d.pos.line,
        "th": d.th,
        "en": d.en,
        "hint": d.hint,
        "file": d.origin.as_ref().map(|o| o.file.clone()),
    })
}

fn catalog_json(c: &Catalog) -> Json {
    let mut items: Vec<_> = c.items.iter().collect();
    items.sort_by_key(|(code, _)| code_order(code));
    json!({
        "fiscal_year": c.fiscal_year,
        "tools": c.tools.iter().map(|t| json!({"code": t.code, "name": t.name, "weight": t.weight})).collect::<Vec<_>>(),
        "indicators": c.indicators.iter().map(|(n, name)| json!({"number": n, "name": name})).collect::<Vec<_>>(),
        "levels": c.levels.bands.iter().map(|b| b.name.clone()).collect::<Vec<_>>(),
        "items": items.iter().map(|(code, i)| json!({"code": code, "text": i.text, "indicator": i.indicator})).collect::<Vec<_>>(),
    })
}
