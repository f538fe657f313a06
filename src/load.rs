//! Load: the input file's bytes into a tree of YAML nodes that remember where
//! they stand in the file.
//!
//! serde_yaml stops at the first problem and forgets positions, but an input
//! must be checked completely, every problem located. So the file is read
//! through yaml-rust2's event parser into [`Node`]s carrying line and column;
//! `validate` then walks that tree. Limits keep the work bounded whatever the
//! file holds: its size, the nesting depth and how far aliases may expand.

use std::collections::HashMap;
use std::path::Path;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diag::{Diagnostic, Pos};
use crate::limits;

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

/// Reads and parses a file. Errors here (unreadable, not UTF-8, not YAML)
/// stop the check; duplicate keys are reported but the tree is still given.
pub fn load_file(path: &Path) -> Result<(Loaded, Vec<Diagnostic>), Vec<Diagnostic>> {
    let bytes = read_bounded(path)?;
    let text = decode(bytes)?;
    let (root, diags) = parse(&text)?;
    Ok((Loaded { text, root }, diags))
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, Vec<Diagnostic>> {
    use std::io::Read;
    let open = |e: std::io::Error| {
        vec![Diagnostic::error(
            Pos { line: 1, col: 1, offset: 0 },
            "",
            format!("อ่านไฟล์ไม่ได้: {e}"),
            format!("cannot read the file: {e}"),
        )]
    };
    let file = std::fs::File::open(path).map_err(open)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit, so an oversized file is refused without
    // reading all of it.
    file.take(limits::INPUT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(open)?;
    if bytes.len() > limits::INPUT_BYTES {
        return Err(vec![Diagnostic::error(
            Pos { line: 1, col: 1, offset: 0 },
            "",
            format!("ไฟล์ใหญ่เกิน {} KiB ที่รับได้", limits::INPUT_BYTES / 1024),
            format!("the file is larger than the {} KiB limit", limits::INPUT_BYTES / 1024),
        )]);
    }
    Ok(bytes)
}

/// UTF-8 (a byte-order mark is accepted and dropped; CRLF becomes LF). A Thai
/// file saved as TIS-620 / Windows-874 is the common mistake: say so.
fn decode(mut bytes: Vec<u8>) -> Result<String, Vec<Diagnostic>> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(if text.contains('\r') { text.replace("\r\n", "\n") } else { text }),
        Err(e) => {
            let bytes = e.as_bytes();
            // TIS-620 Thai: many bytes in its Thai range, and more of them
            // undecodable than decoded as Thai (unlike UTF-8 with a stray byte).
            let lossy = String::from_utf8_lossy(bytes);
            let thai = lossy.chars().filter(|c| ('\u{0E00}'..='\u{0E7F}').contains(c)).count();
            let thai_8bit = bytes.iter().filter(|&&b| (0xA1..=0xFB).contains(&b)).count() > bytes.len() / 20
                && lossy.matches('\u{FFFD}').count() > thai;
            // Some pairs of TIS-620 letters happen to be valid UTF-8 (อง is
            // U+0367), so step back over what decoded as neither ASCII nor
            // Thai: there the bad text starts.
            let at = e.utf8_error().valid_up_to();
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let at = valid
                .char_indices()
                .rev()
                .take_while(|(_, c)| !c.is_ascii() && !('\u{0E00}'..='\u{0E7F}').contains(c))
                .last()
                .map_or(at, |(i, _)| i);
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
            let col = 1 + String::from_utf8_lossy(&bytes[..at]).rsplit('\n').next().map_or(0, |l| l.chars().count());
            let mut d =
                Diagnostic::error(Pos { line, col, offset: at }, "", "ไฟล์ไม่ได้บันทึกเป็น UTF-8", "the file is not UTF-8");
            if thai_8bit {
                d = d.with_hint(
                    "ดูเหมือนไฟล์ภาษาไทยที่บันทึกเป็น TIS-620/Windows-874: เปิดในโปรแกรมแก้ไขแล้วบันทึกใหม่เป็น UTF-8 \
                     (it looks like Thai saved as TIS-620/Windows-874: re-save it as UTF-8, \
                     e.g. `iconv -f TIS-620 -t UTF-8 old.yaml > new.yaml`)",
                );
            }
            Err(vec![d])
        }
    }
}

/// Parses YAML text into a node tree (None when the file holds no document).
pub fn parse(text: &str) -> Result<(Option<Node>, Vec<Diagnostic>), Vec<Diagnostic>> {
    if let Some((line, col)) = first_tab_indent(text) {
        return Err(vec![
            Diagnostic::error(
                Pos { line, col, offset: 0 },
                "",
                "ใช้แท็บเยื้องบรรทัด YAML ต้องเยื้องด้วยเว้นวรรค",
                "a tab is used for indentation; YAML indents with spaces",
            )
            .with_hint("แทนแท็บด้วยเว้นวรรค 2 ตัว (replace each tab with two spaces)"),
        ]);
    }
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, false) {
        let m = e.marker();
        return Err(vec![
            Diagnostic::error(
                pos(m, text),
                "",
                format!("ไม่ใช่ YAML ที่ถูกต้อง: {}", e.info()),
                format!("not valid YAML: {}", e.info()),
            )
            .with_hint("ตรวจการเยื้องบรรทัดและเครื่องหมาย : (check the indentation and the colons)"),
        ]);
    }
    if let Some(mut fatal) = builder.fatal {
        fatal.pos = Lines::new(text).at(fatal.pos.line, fatal.pos.col);
        return Err(vec![fatal]);
    }
    let lines = Lines::new(text);
    let root = builder.root.map(|mut n| {
        fix_positions(&mut n, &lines);
        n
    });
    let mut diags = builder.diags;
    for d in &mut diags {
        d.pos = lines.at(d.pos.line, d.pos.col);
    }
    Ok((root, diags))
}

/// A tab before the first non-blank character of a line (outside block
/// scalars the parser would give a cryptic message for it).
fn first_tab_indent(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        let rest = &line[indent.len()..];
        (indent.contains('\t') && !rest.is_empty() && !rest.starts_with('#'))
            .then(|| (i + 1, indent.find('\t').unwrap() + 1))
    })
}

fn pos(m: &Marker, text: &str) -> Pos {
    Lines::new(text).at(m.line(), m.col() + 1)
}

/// Where each line of a text starts, to turn a line and a column (in
/// characters) into a byte offset, for underlining the source line.
struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Lines { text, starts }
    }

    fn at(&self, line: usize, col: usize) -> Pos {
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(self.text.len());
        let offset =
            self.text[start..].char_indices().nth(col.saturating_sub(1)).map_or(self.text.len(), |(b, _)| start + b);
        Pos { line, col, offset }
    }
}

fn fix_positions(node: &mut Node, lines: &Lines) {
    node.pos = lines.at(node.pos.line, node.pos.col);
    match &mut node.value {
        Value::Scalar { .. } => {}
        Value::Seq(items) => items.iter_mut().for_each(|n| fix_positions(n, lines)),
        Value::Map(pairs) => pairs.iter_mut().for_each(|(k, v)| {
            fix_positions(k, lines);
            fix_positions(v, lines)
        }),
    }
}

/// Builds the tree from parser events, with a stack instead of recursion.
#[derive(Default)]
struct Builder {
    stack: Vec<Node>,
    root: Option<Node>,
    anchors: HashMap<usize, Node>,
    /// Anchor ids of open collections, to register them when they close.
    open_anchors: Vec<usize>,
    /// Nodes created so far, aliases counted at their full size.
    nodes: usize,
    diags: Vec<Diagnostic>,
    fatal: Option<Diagnostic>,
    /// The fatal error is a mapping refused for depth: move it to the
    /// mapping's first key, as the parser marks a block mapping at its colon.
    fatal_at_key: bool,
}

impl Builder {
    fn push_value(&mut self, node: Node) {
        let Some(parent) = self.stack.last_mut() else {
            self.root = Some(node);
            return;
        };
        match &mut parent.value {
            Value::Seq(items) => items.push(node),
            Value::Map(pairs) => {
                // The parser marks a mapping after its first key; the key's
                // own position is where a reader looks.
                if pairs.is_empty() {
                    parent.pos = node.pos;
                }
                // Map entries arrive as key, value, key, value: a pending key
                // is stored with a placeholder value until its value comes.
                if let Some((k, v)) = pairs.last_mut().filter(|(_, v)| v.pos.offset == usize::MAX) {
                    *v = node;
                    // The parser marks an empty value where the next token
                    // starts, often lines below; its key is where it is.
                    if matches!(&v.value, Value::Scalar { text, quoted: false } if text.is_empty()) {
                        v.pos = k.pos;
                    }
                    self.check_duplicate();
                } else {
                    let placeholder =
                        Node { value: Value::Seq(Vec::new()), pos: Pos { line: 0, col: 0, offset: usize::MAX } };
                    pairs.push((node, placeholder));
                }
            }
            Value::Scalar { .. } => unreachable!("scalars are never open"),
        }
    }

    fn check_duplicate(&mut self) {
        let Some(Node { value: Value::Map(pairs), .. }) = self.stack.last() else {
            return;
        };
        let (key, _) = pairs.last().unwrap();
        let Some(name) = key.as_str() else { return };
        let Some((first, _)) = pairs[..pairs.len() - 1].iter().find(|(k, _)| k.as_str() == Some(name)) else {
            return;
        };
        let line = first.pos.line;
        let d = Diagnostic::error(
            key.pos,
            self.path(name),
            "คีย์ซ้ำ: คีย์นี้มีอยู่แล้วในชุดเดียวกัน",
            "duplicate key: this key is already given in the same mapping",
        );
        self.diags.push(d.with_hint(format!(
            "ลบหรือรวมกับคีย์ที่ให้ไว้แล้วที่บรรทัด {line} (remove it, or merge it with the one on line {line})"
        )));
        if let Some(Node { value: Value::Map(pairs), .. }) = self.stack.last_mut() {
            pairs.pop();
        }
    }

    /// The key path of `name` in the innermost open mapping, as validate
    /// writes paths: `issues[0].measures[1].owner`.
    fn path(&self, name: &str) -> String {
        let mut path = String::new();
        for pair in self.stack.windows(2) {
            match &pair[0].value {
                Value::Map(pairs) => {
                    let key = pairs.last().and_then(|(k, _)| k.as_str()).unwrap_or("?");
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Value::Seq(items) => path.push_str(&format!("[{}]", items.len())),
                Value::Scalar { .. } => {}
            }
        }
        if path.is_empty() { name.to_string() } else { format!("{path}.{name}") }
    }

    fn open(&mut self, value: Value, anchor: usize, pos: Pos) {
        if self.stack.len() >= limits::NESTING {
            self.fail(
                pos,
                format!("ซ้อนกันลึกเกิน {} ชั้น", limits::NESTING),
                format!("nested deeper than {} levels", limits::NESTING),
            );
            self.fatal_at_key = matches!(value, Value::Map(_));
            return;
        }
        self.count(1, pos);
        self.stack.push(Node { value, pos });
        self.open_anchors.push(anchor);
    }

    fn close(&mut self) {
        let (Some(node), Some(anchor)) = (self.stack.pop(), self.open_anchors.pop()) else {
            return;
        };
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        self.push_value(node);
    }

    fn count(&mut self, n: usize, pos: Pos) {
        self.nodes += n;
        if self.nodes > limits::NODES {
            self.fail(
                pos,
                format!("ไฟล์มีค่ามากเกิน {} ค่า (อาจเป็น anchor/alias ที่ขยายตัวไม่สิ้นสุด)", limits::NODES),
                format!(
                    "the file expands to more than {} values (anchors and aliases that expand without limit?)",
                    limits::NODES
                ),
            );
        }
    }

    fn fail(&mut self, pos: Pos, th: String, en: String) {
        if self.fatal.is_none() {
            self.fatal = Some(Diagnostic::error(pos, "", th, en));
        }
    }
}

fn size(node: &Node) -> usize {
    match &node.value {
        Value::Scalar { .. } => 1,
        Value::Seq(items) => 1 + items.iter().map(size).sum::<usize>(),
        Value::Map(pairs) => 1 + pairs.iter().map(|(k, v)| size(k) + size(v)).sum::<usize>(),
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        // Byte offsets are filled in at the end, in one pass over the text.
        let pos = Pos { line: mark.line(), col: mark.col() + 1, offset: 0 };
        if let Some(fatal) = &mut self.fatal {
            if std::mem::take(&mut self.fatal_at_key) && matches!(ev, Event::Scalar(..)) {
                fatal.pos = pos;
            }
            return;
        }
        match ev {
            Event::Scalar(text, style, anchor, _tag) => {
                self.count(1, pos);
                let node = Node { value: Value::Scalar { text, quoted: style != TScalarStyle::Plain }, pos };
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.push_value(node);
            }
            Event::SequenceStart(anchor, _) => self.open(Value::Seq(Vec::new()), anchor, pos),
            Event::MappingStart(anchor, _) => self.open(Value::Map(Vec::new()), anchor, pos),
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            Event::Alias(id) => match self.anchors.get(&id).cloned() {
                Some(target) => {
                    let n = size(&target);
                    self.count(n, pos);
                    if self.fatal.is_none() {
                        let mut copy = target;
                        copy.pos = pos;
                        self.push_value(copy);
                    }
                }
                None => self.fail(pos, "alias อ้างถึง anchor ที่ไม่มี".into(), "an alias names an unknown anchor".into()),
            },
            _ => {}
        }
    }
}
