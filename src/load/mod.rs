//! Load: the input file's bytes into a tree of YAML nodes that remember where
//! they stand in the file.
//!
//! serde_yaml stops at the first problem and forgets positions, but an input
//! must be checked completely, every problem located. So the file is read
//! through yaml-rust2's event parser into [`Node`]s carrying line and column;
//! `validate` then walks that tree. Limits keep the work bounded whatever the
//! file holds: its size, the nesting depth and how far aliases may expand.

mod decode;
mod lines;
mod parse;
mod tree;

use crate::diag::{Diagnostic, Pos};
use crate::files::Unreadable;
use crate::limits;

pub use parse::parse;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar as written: `81.90` stays "81.90". `quoted` is true for
    /// quoted and block scalars, which are never null.
    Scalar {
        text: String,
        quoted: bool,
    },
    Seq(Vec<Node>),
    /// Keys in file order; duplicates are reported and dropped.
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

impl Node {
    /// A plain empty scalar, `~` or `null`.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, quoted: false } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The value of a key, when this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(pairs) => pairs.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// What kind of node this is, in words, for messages.
    pub fn kind(&self) -> (&'static str, &'static str) {
        match &self.value {
            _ if self.is_null() => ("ค่าว่าง", "an empty value"),
            Value::Scalar { .. } => ("ข้อความ", "a text"),
            Value::Seq(_) => ("รายการ", "a list"),
            Value::Map(_) => ("ชุดคีย์", "a mapping"),
        }
    }
}

/// A loaded input: its text and the root node (None for an empty file).
pub struct Loaded {
    pub text: String,
    pub root: Option<Node>,
}

/// A loaded file and its warnings (duplicate keys), or the errors that
/// stopped the loading.
pub type LoadResult = Result<(Loaded, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Decodes and parses a file's bytes. Errors here (too big, not UTF-8,
/// not YAML) stop the check; duplicate keys are reported but the tree is
/// still given.
pub fn load_bytes(bytes: Vec<u8>) -> LoadResult {
    if bytes.len() > limits::INPUT_BYTES {
        return Err(vec![too_big()]);
    }
    let text = decode::decode(bytes)?;
    let (root, diags) = parse(&text)?;
    Ok((Loaded { text, root }, diags))
}

/// Why these bytes are no text that `check` reads (UTF-16, TIS-620, a
/// PDF...), as the diagnostic `check` gives; None for UTF-8 text.
pub fn not_text(bytes: &[u8]) -> Option<Diagnostic> {
    decode::decode(bytes.to_vec()).err()?.into_iter().next()
}

fn at_start() -> Pos {
    Pos { line: 1, col: 1, offset: 0 }
}

fn too_big() -> Diagnostic {
    let mib = limits::INPUT_BYTES / (1024 * 1024);
    Diagnostic::error(
        at_start(),
        "",
        format!("ไฟล์ใหญ่เกินขีดจำกัดขนาดไฟล์ {mib} MiB"),
        format!("the file is larger than the input file size limit of {mib} MiB"),
    )
    .with_hint(
        "ไฟล์ของเอกสารหนึ่งฉบับมีขนาดไม่กี่สิบ KiB: ตรวจว่าเลือกไฟล์ถูก \
         (one document's file is a few tens of KiB: is this the right file?)",
    )
}

/// Why a file could not be read, as the diagnostics that stop its check.
pub fn unreadable(why: Unreadable) -> Vec<Diagnostic> {
    let d = match why {
        Unreadable::TooBig => return vec![too_big()],
        Unreadable::NotAFile => Diagnostic::error(
            at_start(),
            "",
            "ไม่ใช่ไฟล์ข้อมูล แต่เป็นโฟลเดอร์ FIFO หรืออุปกรณ์",
            "this is no ordinary file but a folder, a FIFO or a device",
        )
        .with_hint("ระบุไฟล์ YAML เอง (give the YAML file itself)"),
        Unreadable::Io(e) => {
            Diagnostic::error(at_start(), "", format!("อ่านไฟล์ไม่ได้: {e}"), format!("cannot read the file: {e}"))
                .with_hint("ตรวจชื่อไฟล์และโฟลเดอร์ (check the file's name and folder)")
        }
    };
    vec![d]
}
