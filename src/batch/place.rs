//! Where a document's files go: never over a DOCX an official has edited,
//! never over an input, and never two inputs' documents under one name.

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
    (1..)
        .map(|n| if n == 1 { format!("{stem}.{kind}.docx") } else { format!("{stem}.{kind}-{n}.docx") })
        .map(|name| dir.join(name))
        .find(|p| free(p))
        .expect("a free name")
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
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut unique = Vec::new();
    for input in inputs {
        let c = canonical(input);
        if !seen.contains(&c) {
            seen.push(c);
            unique.push(input.clone());
        }
    }
    let mut names: Vec<(String, &PathBuf)> = Vec::new();
    for input in &unique {
        let stem = input.file_stem().unwrap_or_default().to_string_lossy().to_lowercase() + suffix;
        if let Some((other, first)) = names.iter().find(|(other, _)| overlap(other, &stem)) {
            let longer = if other.len() > stem.len() { other } else { &stem };
            let shown = input.file_stem().unwrap_or_default().to_string_lossy().into_owned() + suffix;
            let output = if other == &stem { format!("{shown}.pdf") } else { format!("{longer}.docx") };
            return Err(Collision::SameName {
                first: first.display().to_string(),
                second: input.display().to_string(),
                output: out_dir.join(output).display().to_string(),
            });
        }
        names.push((stem, input));
    }
    let out = canonical(out_dir);
    let stems: Vec<&String> = names.iter().map(|(stem, _)| stem).collect();
    for (input, c) in unique.iter().zip(&seen) {
        let name = c.file_name().unwrap_or_default().to_string_lossy().to_lowercase();
        if c.parent() == Some(out.as_path()) && stems.iter().any(|stem| written(stem, &name)) {
            return Err(Collision::ReplacesInput {
                input: input.display().to_string(),
                output: out_dir.join(c.file_name().unwrap_or_default()).display().to_string(),
            });
        }
    }
    Ok(unique)
}

/// Whether ita-report may write a file of this (lower-case) name for
/// `stem`: its PDF, its DOCX, a DOCX beside an edited one (`.new`,
/// `.new-N`) or a backup of one (`.bak`, `.bak-N`), and the fingerprints.
fn written(stem: &str, name: &str) -> bool {
    let name = name.strip_prefix('.').and_then(|n| n.strip_suffix(".ita-report")).unwrap_or(name);
    let Some(rest) = name.strip_prefix(stem).and_then(|r| r.strip_prefix('.')) else { return false };
    let numbered = |kind: &str| {
        rest.strip_suffix(".docx").and_then(|r| r.strip_prefix(kind)).is_some_and(|n| {
            n.is_empty() || n.strip_prefix('-').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
    };
    rest == "pdf" || rest == "docx" || numbered("new") || numbered("bak")
}

/// Whether two stems' documents may take one name: `ita` writes
/// `ita.new.docx` beside an edited `ita.docx`, which `ita.new` writes too.
fn overlap(a: &str, b: &str) -> bool {
    a == b || ["pdf", "docx"].iter().any(|ext| written(a, &format!("{b}.{ext}")) || written(b, &format!("{a}.{ext}")))
}
