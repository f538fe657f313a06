//! Draft: an input being edited in a form, on any host. Its text as
//! edited, what the check says of it, and the pages of its last good
//! layout. The local editor keeps it in a file, the web page in the
//! browser's storage; both show it through the same page.

mod logo;
pub mod ops;
pub mod paste;
pub mod recode;
pub mod tree;
pub mod yaml_text;

use std::collections::HashMap;
use std::path::{Component, Path};
use std::sync::Arc;

use serde_json::{Value as Json, json};
use typst_layout::PagedDocument;

use crate::catalog::{self, Catalog, code_order};
use crate::check::CheckedFile;
use crate::diag::{self, Diagnostic, Severity};
use crate::files::Files;
use crate::pipeline::{Documents, Kind, Pipeline, RenderError, Settings};
use crate::report::Report;
use crate::{limits, validate};
pub use logo::logo_name;
use ops::{EditError, Op};
use recode::Recoded;
use tree::{Step, Tree};

/// Pixels per point of the preview's pictures: an A4 page 833 pixels wide,
/// sharp at the size the page shows beside the form.
const PREVIEW_SCALE: f32 = 1.4;

pub struct Draft {
    text: String,
    tree: Tree,
    /// Counts changes, so the page knows which state a preview is of.
    version: u64,
    /// The last fiscal year the text named that has a built-in catalog:
    /// the year its codes are of.
    year: Option<i32>,
    /// What the last change of that year did to the codes.
    recoded: Option<Recoded>,
    checked: CheckedFile,
    /// While the text has errors, the document as it stands, gaps and all.
    sketch: Option<Report>,
    /// The check's diagnostics and the font's coverage warnings, capped.
    diagnostics: Vec<Diagnostic>,
    pipeline: Pipeline,
    settings: Settings,
    preview: Preview,
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

impl Draft {
    /// An empty draft; [`Draft::set_text`] gives it its input.
    pub fn new(pipeline: Pipeline, settings: Settings) -> Draft {
        Draft {
            text: String::new(),
            tree: Tree::Null,
            version: 0,
            year: None,
            recoded: None,
            checked: CheckedFile::default(),
            sketch: None,
            diagnostics: Vec::new(),
            pipeline,
            settings,
            preview: Preview::default(),
        }
    }

    /// Which document the preview shows and a build makes.
    pub fn set_kind(&mut self, kind: Kind) {
        if self.settings.kind != kind {
            // The other document's pages are no preview of this one.
            self.settings.kind = kind;
            self.preview = Preview::default();
        }
    }

    pub fn kind(&self) -> Kind {
        self.settings.kind
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn checked(&self) -> &CheckedFile {
        &self.checked
    }

    /// The engines, for a host that builds the saved file itself.
    pub fn pipeline(&mut self) -> &mut Pipeline {
        &mut self.pipeline
    }

    /// Takes a whole new text (a file opened, or read again).
    pub fn set_text(&mut self, text: String, files: &dyn Files) {
        self.text = text;
        self.changed(files);
        self.year = built_in_year(&self.tree);
        self.recoded = None;
    }

    /// Checks the text again: after a change to it, or to a file it names.
    pub fn changed(&mut self, files: &dyn Files) {
        self.version += 1;
        self.checked = self.pipeline.check(self.text.as_bytes().to_vec(), files, &self.settings);
        self.tree = self.checked.root.as_ref().map_or(Tree::Null, Tree::from_node);
        self.sketch = match (&self.checked.report, &self.checked.root) {
            (None, Some(root)) => validate::sketch(root, files, self.settings.catalog.as_deref()),
            _ => None,
        };
        self.diagnostics = diag::capped(self.checked.diagnostics.clone());
    }

    /// Applies the form's edits, all or none.
    pub fn edit(&mut self, edits: &[Op], files: &dyn Files) -> Result<(), EditError> {
        let (mut text, mut tree) = (self.text.clone(), self.tree.clone());
        for op in edits {
            let edited = ops::apply(&text, &tree, op)?;
            (text, tree) = (edited.text, edited.tree);
        }
        if text.len() > limits::INPUT_BYTES {
            return Err(EditError::TooBig);
        }
        let year = built_in_year(&tree);
        // A catalog of the file's own numbers its items as it will.
        let own_catalog = self.settings.catalog.is_some()
            || tree.at(&[Step::Key("document".into()), Step::Key("catalog".into())]).is_some();
        // Some(what the change did), when the codes' year changed.
        let recoded = match (self.year, year) {
            (Some(now), Some(to)) if now != to && !own_catalog => {
                let recoded;
                (text, tree, recoded) = recode::change_year(text, tree, now, self.recoded.as_ref(), to);
                Some(recoded)
            }
            _ => None,
        };
        refuse_outside_folder(&self.tree, &tree)?;
        self.text = text;
        self.changed(files);
        self.year = year.or(self.year);
        // Codes put back as they were: the change is no more to be said.
        let undone = edits.iter().any(|op| matches!(op, Op::Recode { .. }));
        self.recoded = if undone { None } else { recoded.unwrap_or(self.recoded.take()) };
        Ok(())
    }

    /// Names a file kept beside the input as the agency's logo.
    pub fn name_logo(&mut self, name: String, files: &dyn Files) -> Result<(), EditError> {
        let path = vec![Step::Key("agency".into()), Step::Key("logo".into())];
        self.edit(&[Op::Set { path, value: Tree::Text(name) }], files)
    }

    /// Everything the form shows, as JSON; a host adds what it knows of
    /// where the text is kept.
    pub fn state(&self) -> Json {
        let catalog = self.catalog();
        let standard: Vec<Json> = catalog::standard_issues()
            .iter()
            .map(|i| json!({ "title": i.title, "items": i.items.get(&catalog.fiscal_year) }))
            .collect();
        json!({
            "version": self.version,
            "tree": self.tree,
            "diagnostics": self.diagnostics.iter().map(diagnostic_json).collect::<Vec<_>>(),
            "derived": self.derived(),
            "catalog": catalog_json(&catalog),
            "years": catalog::years(),
            "standard_issues": standard,
            "kind": self.settings.kind.name(),
            "recoded": self.recoded,
        })
    }

    /// The total and level the year's weights and bands give, and each
    /// issue's lowest items.
    fn derived(&self) -> Json {
        let report = self.checked.report.as_ref().or(self.sketch.as_ref());
        let (Some(r), Some(c)) = (report, &self.checked.catalog) else { return Json::Null };
        let (total, level) = validate::derived(c, &r.result);
        let lowest: Vec<Vec<&str>> =
            r.issues.iter().map(|i| i.analysis.lowest.iter().map(|item| item.code.as_str()).collect()).collect();
        json!({ "total": total.map(|t| format!("{t:.2}")), "level": level, "lowest": lowest })
    }

    /// The catalog checked against, or else the one of the year the text
    /// names, or the newest.
    fn catalog(&self) -> Arc<Catalog> {
        self.checked
            .catalog
            .clone()
            .unwrap_or_else(|| fiscal_year(&self.tree).map_or_else(catalog::latest, |y| catalog::for_year(y).0))
    }

    /// The pages of the current text: as Build makes them when it has no
    /// errors; while it has, its sketch (what is not given yet as gaps), or
    /// else the last good pages, marked stale.
    pub fn preview(&mut self) -> Json {
        let report = self.checked.report.as_ref().or(self.sketch.as_ref());
        if self.preview.version != Some(self.version)
            && let Some(report) = report
        {
            // The document as Build makes it (its columns fitted), laid out.
            let laid = self
                .pipeline
                .prepare(report, &self.settings)
                .map_err(|e| e.to_string())
                .and_then(|(writer, doc, _)| writer.layout(&writer.prepare(&doc)).map_err(|e| e.to_string()));
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
            "stale": !fresh || report.is_none(),
            "sketch": self.checked.report.is_none() && report.is_some(),
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

    /// The documents of the text as it stands, when it has no errors.
    pub fn documents(&mut self) -> Result<Documents, RenderError> {
        let report = self.checked.report.as_ref().ok_or(RenderError::Invalid)?;
        self.pipeline.documents(report, &self.settings)
    }
}

/// The fiscal year a tree names.
fn fiscal_year(tree: &Tree) -> Option<i32> {
    let Some(Tree::Text(written)) = tree.at(&[Step::Key("fiscal_year".into())]) else { return None };
    crate::thai::arabic_digits(written.trim()).parse().ok()
}

/// The fiscal year a tree names, when the program has its catalog: the
/// year its codes are carried from and to.
fn built_in_year(tree: &Tree) -> Option<i32> {
    fiscal_year(tree).filter(|y| catalog::years().contains(y))
}

/// A logo or a catalog file is read from the input's folder: an edit that
/// makes either lead out of it (`../`, `/etc/`), however it is made, is
/// refused. A path the file had already is the file's own business.
fn refuse_outside_folder(before: &Tree, after: &Tree) -> Result<(), EditError> {
    for [a, b] in [["agency", "logo"], ["document", "catalog"]] {
        let path = [Step::Key(a.into()), Step::Key(b.into())];
        let Some(Tree::Text(written)) = after.at(&path).filter(|now| before.at(&path) != Some(*now)) else { continue };
        let inside =
            Path::new(written.trim()).components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !inside {
            return Err(EditError::OutsideFolder(written.clone()));
        }
    }
    Ok(())
}

fn diagnostic_json(d: &Diagnostic) -> Json {
    json!({
        "severity": if d.severity == Severity::Error { "error" } else { "warning" },
        "key": d.key,
        "line": d.pos.line,
        "th": d.th,
        "en": d.en,
        "hint": d.hint,
        "mended_at": d.mended_at,
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn png() -> Vec<u8> {
        let picture = image::RgbImage::from_pixel(8, 8, image::Rgb([30, 60, 160]));
        let mut bytes = Vec::new();
        picture.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
        bytes
    }

    #[test]
    fn a_draft_edits_shows_and_builds_with_its_files_in_memory() {
        let example = include_str!("../../data/hannangam-2568.yaml");
        let mut files = BTreeMap::new();
        let mut draft = Draft::new(Pipeline::default(), Settings::default());
        draft.set_text(example.to_string(), &files);
        let name = logo_name("ตรา หน่วยงาน.png", &png(), |n| !files.contains_key(n)).unwrap();
        assert_eq!(name, "ตราหน่วยงาน.png");
        files.insert(name.clone(), png());
        draft.name_logo(name, &files).unwrap();
        assert!(draft.checked().report.as_ref().unwrap().agency.logo.is_some(), "the logo is read from memory");

        let path = vec![Step::Key("agency".into()), Step::Key("name".into())];
        draft.edit(&[Op::Set { path, value: Tree::Text("เทศบาลตำบลทดสอบ".into()) }], &files).unwrap();
        assert!(draft.text().contains("name: เทศบาลตำบลทดสอบ") && draft.text().contains("logo: ตราหน่วยงาน.png"));
        let state = draft.state();
        assert_eq!(state["tree"]["agency"]["name"], "เทศบาลตำบลทดสอบ");
        assert_eq!(state["version"], draft.version());

        let preview = draft.preview();
        assert_eq!(preview["stale"], false);
        let first = preview["pages"][0].as_str().unwrap().to_string();
        assert!(draft.page_png(&first).unwrap().starts_with(b"\x89PNG"));
        assert!(draft.documents().unwrap().pdf.starts_with(b"%PDF"));
    }

    #[test]
    fn a_logo_is_a_picture_under_a_name_of_its_own() {
        assert!(logo_name("x.png", b"not a picture", |_| true).is_err());
        let taken = ["logo.png".to_string()];
        assert_eq!(logo_name("", &png(), |n| !taken.contains(&n.to_string())).unwrap(), "logo-1.png");
        assert_eq!(logo_name("../../etc/ตรา.png", &png(), |_| true).unwrap(), "ตรา.png");
    }
}
