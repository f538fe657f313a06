//! Where a document's files go: never over a DOCX an official has edited,
//! never over an input, and never two inputs' documents under one name.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::BuildError;
use crate::fingerprint;

/// The files of one document, and what its DOCX's place means.
pub(super) struct Placement {
    pub(super) pdf: PathBuf,
    pub(super) docx: PathBuf,
    /// What the official should know: an edited DOCX kept.
    pub(super) note: Option<String>,
}

/// The places of `stem`'s files in `dir`. An edited DOCX is never written
/// over: the new one goes beside it (`NAME.new.docx`, or the first of
/// `NAME.new-2.docx`, ... that is free or ita-report's own), or, with
/// `force`, the edited one is kept as the first free `NAME.bak.docx`,
/// `NAME.bak-2.docx`, ... before the new one takes its place.
pub(super) fn place(dir: &Path, stem: &str, force: bool) -> Result<Placement, BuildError> {
    // What a killed build left is undone first: its DOCX half-placed would
    // pass for an edited one.
    crate::output::recover_in(dir)?;
    let pdf = dir.join(format!("{stem}.pdf"));
    let docx = dir.join(format!("{stem}.docx"));
    if !fingerprint::edited(&docx) {
        return Ok(Placement { pdf, docx, note: None });
    }
    let shown = docx.display().to_string();
    if force {
        let backup = numbered(dir, stem, "bak", |p| !p.exists());
        // A copy first: if the build then fails, the edited file is still
        // where it was, and a copy of it beside.
        std::fs::copy(&docx, &backup).map_err(|source| BuildError::Io { path: backup.clone(), source })?;
        let kept = backup.display();
        let note = format!(
            "{shown} ถูกแก้ไขหลังสร้าง เก็บไว้เป็น {kept} แล้วเขียนฉบับใหม่แทน ({shown} was edited after it was written: kept as {kept}, and replaced)"
        );
        return Ok(Placement { pdf, docx, note: Some(note) });
    }
    let beside = numbered(dir, stem, "new", |p| !fingerprint::edited(p));
    let new = beside.display();
    let note = format!(
        "{shown} ถูกแก้ไขหลังสร้าง จึงไม่เขียนทับ ฉบับใหม่อยู่ที่ {new} (--force เขียนทับโดยเก็บฉบับที่แก้ไว้) \
         ({shown} was edited after it was written, so it is not overwritten: the new one is {new}; --force replaces it, keeping the edited one as a backup)"
    );
    Ok(Placement { pdf, docx: beside, note: Some(note) })
}

/// The first of `stem.KIND.docx`, `stem.KIND-2.docx`, ... that `free` takes.
fn numbered(dir: &Path, stem: &str, kind: &str, free: impl Fn(&Path) -> bool) -> PathBuf {
    dir.join(crate::files::first_free(&format!("{stem}.{kind}"), ".docx", |name| free(&dir.join(name))))
}

/// Why a run's inputs cannot be built as given; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum Collision {
    #[error(
        "{first} และ {second} จะเขียนผลลัพธ์ชื่อเดียวกัน {output}: สร้างแยกกันด้วย -o คนละโฟลเดอร์ หรือเปลี่ยนชื่อไฟล์หนึ่ง \
         ({first} and {second} would both write {output}: build them into different folders with -o, or rename one)"
    )]
    SameName { first: String, second: String, output: String },
    #[error(
        "ผลลัพธ์ {output} จะเขียนทับไฟล์ข้อมูล {input}: เลือกโฟลเดอร์อื่นด้วย -o \
         ({output} would replace the input {input}: choose another folder with -o)"
    )]
    ReplacesInput { input: String, output: String },
}

/// The inputs of one run, each once, when no two may write a file of the
/// same name (letter case aside, as some file systems ignore it; the
/// kind's `suffix` after each name) and no output would replace an input.
pub fn plan(inputs: &[PathBuf], out_dir: &Path, suffix: &str) -> Result<Vec<PathBuf>, Collision> {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let unique: Vec<(PathBuf, PathBuf)> =
        inputs.iter().map(|i| (i.clone(), canonical(i))).filter(|(_, c)| seen.insert(c.clone())).collect();
    // Each stem, and the stem whose numbered DOCX each would take.
    let mut stems: HashMap<String, &PathBuf> = HashMap::new();
    let mut roots: HashMap<String, (&PathBuf, String)> = HashMap::new();
    for (input, _) in &unique {
        let shown = input.file_stem().unwrap_or_default().to_string_lossy().into_owned() + suffix;
        let stem = shown.to_lowercase();
        let clash: Option<(&PathBuf, String)> = if let Some(first) = stems.get(&stem) {
            Some((*first, format!("{shown}.pdf")))
        } else if let Some((first, output)) = roots.get(&stem) {
            // An earlier `ita.new` writes the `ita.new.docx` of `ita`.
            Some((*first, output.clone()))
        } else {
            root(&stem).and_then(|r| stems.get(r)).map(|first| (*first, format!("{shown}.docx")))
        };
        if let Some((first, output)) = clash {
            return Err(Collision::SameName {
                first: first.display().to_string(),
                second: input.display().to_string(),
                output: out_dir.join(output).display().to_string(),
            });
        }
        if let Some(r) = root(&stem) {
            roots.insert(r.to_string(), (input, format!("{shown}.docx")));
        }
        stems.insert(stem, input);
    }
    let out = canonical(out_dir);
    for (input, c) in &unique {
        let name = c.file_name().unwrap_or_default().to_string_lossy().to_lowercase();
        if c.parent() == Some(out.as_path()) && writer(&name).iter().any(|stem| stems.contains_key(*stem)) {
            return Err(Collision::ReplacesInput {
                input: input.display().to_string(),
                output: out_dir.join(c.file_name().unwrap_or_default()).display().to_string(),
            });
        }
    }
    Ok(unique.into_iter().map(|(input, _)| input).collect())
}

/// The stems that may write a file of this (lower-case) name: its PDF,
/// its DOCX, a DOCX beside an edited one (`.new`, `.new-N`) or a backup of
/// one (`.bak`, `.bak-N`), and their fingerprints.
fn writer(name: &str) -> Vec<&str> {
    let name = name.strip_prefix('.').and_then(|n| n.strip_suffix(".ita-report")).unwrap_or(name);
    match name.rsplit_once('.') {
        Some((stem, "pdf")) => vec![stem],
        Some((stem, "docx")) => std::iter::once(stem).chain(root(stem)).collect(),
        _ => Vec::new(),
    }
}

/// `stem` less a `.new`, `.new-N`, `.bak` or `.bak-N` at its end: the stem
/// whose DOCX beside an edited one, or whose backup, is `stem.docx`.
fn root(stem: &str) -> Option<&str> {
    let (root, last) = stem.rsplit_once('.')?;
    let n = last.strip_prefix("new").or_else(|| last.strip_prefix("bak"))?;
    let digits = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
    (n.is_empty() || n.strip_prefix('-').is_some_and(digits)).then_some(root)
}
