//! ita-report in the browser: the core compiled to WebAssembly, for the web
//! page (web/site/). Bytes in, bytes out: the page gives the input's text and
//! the files it names, and takes back the state of the form, the preview's
//! pages, and the PDF and the DOCX, the same bytes as the command line's.
//! Nothing here reads a file, a clock or the network.

use std::collections::BTreeMap;

use ita_report::draft::ops::Op;
use ita_report::draft::{Draft, logo_name};
use ita_report::init::{self, Agency, next_year};
use ita_report::pipeline::{Documents, Kind, Pipeline, RenderError, Settings};
use ita_report::{check, diag};
use serde_json::json;
use wasm_bindgen::prelude::*;

/// Rayon's pool, which Typst and krilla use, runs on the calling thread:
/// a page's worker has no threads to give it.
#[wasm_bindgen(start)]
pub fn start() {
    let _ = rayon::ThreadPoolBuilder::new().num_threads(1).use_current_thread().build_global();
}

/// The PDF and the DOCX of an input, as the command line builds them (the
/// input's own date, or none, stamps them); `files` are the files it names
/// (an object of names and Uint8Arrays), if any. Throws the diagnostics,
/// each a line `LINE:COLUMN: error: ...`, when the input has errors.
#[wasm_bindgen]
pub fn build(input: &str, files: Option<js_sys::Object>) -> Result<js_sys::Object, JsValue> {
    let files = files.map(|f| files_of(&f)).unwrap_or_default();
    let rendered = Pipeline::default().render(input.as_bytes().to_vec(), &files, &Settings::default());
    match rendered.documents {
        Ok(documents) => Ok(documents_object(&documents)),
        Err(RenderError::Invalid) => Err(JsValue::from_str(&diagnostics_text(&rendered.checked))),
        Err(e) => Err(JsValue::from_str(&e.to_string())),
    }
}

/// A starter file for a framework year, as `ita-report init` writes it.
#[wasm_bindgen]
pub fn starter(year: i32, file_name: &str) -> Result<String, JsValue> {
    init::render_year(std::path::Path::new(file_name), year, &Agency::default()).map_err(|e| e.to_string().into())
}

/// Next year's file from this year's text, as `ita-report init --from`
/// writes it: `{text, fiscal_year, said}` as JSON, or throws why not.
#[wasm_bindgen]
pub fn next_year(text: &str, file_name: &str, files: Option<js_sys::Object>) -> Result<String, JsValue> {
    let files = files.map(|f| files_of(&f)).unwrap_or_default();
    let checked = check::check_bytes(text.as_bytes().to_vec(), &files, None);
    let shown = diagnostics_text(&checked);
    match next_year::from_last(checked, file_name) {
        Ok(next) => Ok(json!({ "text": next.text, "fiscal_year": next.fiscal_year, "said": next.said }).to_string()),
        Err(next_year::LastError::Invalid { .. }) => Err(format!("{file_name}:\n{shown}").into()),
        Err(e) => Err(e.to_string().into()),
    }
}

/// One draft being edited, and the files it names (its logo), all kept by
/// the page. Its answers are the local editor's, as JSON.
#[wasm_bindgen]
pub struct Editor {
    draft: Draft,
    files: BTreeMap<String, Vec<u8>>,
}

#[wasm_bindgen]
impl Editor {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Editor {
        Editor { draft: Draft::new(Pipeline::default(), Settings::default()), files: BTreeMap::new() }
    }

    /// Takes a whole text: a file opened, or the work kept in the browser.
    pub fn open(&mut self, text: String) {
        self.draft.set_text(text, &self.files);
    }

    pub fn text(&self) -> String {
        self.draft.text().to_string()
    }

    /// Keeps a file the input names (a logo kept with the work), before
    /// the text that names it is opened: the check is the opening's.
    pub fn set_file(&mut self, name: String, bytes: Vec<u8>) {
        self.files.insert(name, bytes);
    }

    /// Forgets the files kept, as another work is opened.
    pub fn clear_files(&mut self) {
        self.files.clear();
    }

    /// The names of the files kept, as a JSON list.
    pub fn file_names(&self) -> String {
        json!(self.files.keys().collect::<Vec<_>>()).to_string()
    }

    pub fn file(&self, name: &str) -> Option<Vec<u8>> {
        self.files.get(name).cloned()
    }

    pub fn state(&self) -> String {
        self.draft.state().to_string()
    }

    /// Applies the form's edits (`{"ops": [...]}`), all or none: the state,
    /// or throws why the edits were refused.
    pub fn edit(&mut self, edits: &str) -> Result<String, JsValue> {
        #[derive(serde::Deserialize)]
        struct Edits {
            ops: Vec<Op>,
        }
        let edits: Edits = serde_json::from_str(edits).map_err(|e| format!("the edit cannot be read: {e}"))?;
        self.draft.edit(&edits.ops, &self.files).map_err(|e| e.to_string())?;
        Ok(self.state())
    }

    /// A picture picked as the logo: kept under its own name, and named as
    /// the agency's logo.
    pub fn logo(&mut self, wanted: &str, bytes: Vec<u8>) -> Result<String, JsValue> {
        let name = logo_name(wanted, &bytes, |n| self.files.get(n).is_none_or(|b| *b == bytes))
            .map_err(|(th, en)| format!("{th} ({en})"))?;
        let new = self.files.insert(name.clone(), bytes).is_none();
        if let Err(e) = self.draft.name_logo(name.clone(), &self.files) {
            // A logo the work does not name is not kept with it.
            if new {
                self.files.remove(&name);
            }
            return Err(e.to_string().into());
        }
        Ok(self.state())
    }

    /// Which document the preview shows and a build makes (`analysis` or
    /// `followup`): the state, or throws for another name.
    pub fn set_kind(&mut self, kind: &str) -> Result<String, JsValue> {
        let kind = Kind::named(kind).ok_or_else(|| format!("ไม่มีเอกสารชนิด {kind} (there is no document {kind})"))?;
        self.draft.set_kind(kind);
        Ok(self.state())
    }

    /// What a pasted text would fill in, as JSON; nothing is written.
    pub fn paste(&self, text: &str) -> String {
        self.draft.pasted(text).to_string()
    }

    pub fn preview(&mut self) -> String {
        self.draft.preview().to_string()
    }

    /// A page of the preview as a PNG, by its hash.
    pub fn page(&mut self, hash: &str) -> Option<Vec<u8>> {
        self.draft.page_png(hash).map(|png| png.to_vec())
    }

    /// The PDF and the DOCX of the text as it stands, with what their
    /// names end in (`suffix`), or throws its errors.
    pub fn build(&mut self) -> Result<js_sys::Object, JsValue> {
        match self.draft.documents() {
            Ok(documents) => {
                let object = documents_object(&documents);
                let _ = js_sys::Reflect::set(&object, &"suffix".into(), &self.draft.kind().suffix().into());
                Ok(object)
            }
            Err(RenderError::Invalid) => Err(diagnostics_text(self.draft.checked()).into()),
            Err(e) => Err(e.to_string().into()),
        }
    }
}

impl Default for Editor {
    fn default() -> Self {
        Editor::new()
    }
}

/// The files of a JS object of names and Uint8Arrays.
fn files_of(object: &js_sys::Object) -> BTreeMap<String, Vec<u8>> {
    js_sys::Object::entries(object)
        .iter()
        .filter_map(|entry| {
            let pair = js_sys::Array::from(&entry);
            let name = pair.get(0).as_string()?;
            Some((name, js_sys::Uint8Array::new(&pair.get(1)).to_vec()))
        })
        .collect()
}

fn documents_object(documents: &Documents) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, bytes) in [("pdf", &documents.pdf), ("docx", &documents.docx)] {
        let _ = js_sys::Reflect::set(&object, &key.into(), &js_sys::Uint8Array::from(bytes.as_slice()));
    }
    object
}

/// The diagnostics of a checked input, one a line, errors first.
fn diagnostics_text(checked: &check::CheckedFile) -> String {
    let lines: Vec<String> = diag::capped(checked.diagnostics.clone())
        .iter()
        .map(|d| d.display("").to_string().trim_start_matches(':').to_string())
        .collect();
    lines.join("\n")
}
