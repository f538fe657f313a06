//! The node tree built from the parser's events, within the limits on
//! nesting and on how far aliases expand; duplicate keys reported.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::parse::too_deep;
use super::{Node, Value};
use crate::diag::{Diagnostic, Pos};
use crate::limits;

/// Builds the tree from parser events, with a stack instead of recursion.
#[derive(Default)]
pub(super) struct TreeBuilder {
    stack: Vec<Node>,
    pub(super) root: Option<Node>,
    anchors: HashMap<usize, Node>,
    /// Anchor ids of open collections, to register them when they close.
    open_anchors: Vec<usize>,
    /// Nodes created so far, aliases counted at their full size.
    nodes: usize,
    /// Bytes of the scalars' text so far, aliases counted at their full
    /// size: an alias repeats a long text however few values it counts as.
    text: usize,
    /// Whether an alias was met: a file past the values limit with them is
    /// most likely an alias bomb.
    aliases: bool,
    /// YAML documents begun: one file holds one.
    documents: usize,
    /// The keys of each open collection (empty for lists), to find a
    /// duplicate key in one step however many keys a mapping has.
    keys: Vec<HashMap<String, usize>>,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) fatal: Option<Diagnostic>,
    /// The fatal error is a mapping refused for depth: move it to the
    /// mapping's first key, as the parser marks a block mapping at its colon.
    pub(super) fatal_at_key: bool,
}

impl TreeBuilder {
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
        let keys = self.keys.last_mut().expect("a key set for each open collection");
        let Some(&line) = keys.get(name) else {
            keys.insert(name.to_string(), key.pos.line);
            return;
        };
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
            if self.fatal.is_none() {
                self.fatal = Some(too_deep(pos));
            }
            self.fatal_at_key = matches!(value, Value::Map(_));
            return;
        }
        self.count((1, 0), pos, false);
        self.stack.push(Node { value, pos });
        self.open_anchors.push(anchor);
        self.keys.push(HashMap::new());
    }

    fn close(&mut self) {
        let (Some(node), Some(anchor)) = (self.stack.pop(), self.open_anchors.pop()) else {
            return;
        };
        self.keys.pop();
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        self.push_value(node);
    }

    fn count(&mut self, (nodes, text): (usize, usize), pos: Pos, alias: bool) {
        self.nodes += nodes;
        self.text += text;
        self.aliases |= alias;
        if self.text > limits::EXPANDED_TEXT_BYTES && self.fatal.is_none() {
            let mib = limits::EXPANDED_TEXT_BYTES / (1024 * 1024);
            let d = Diagnostic::error(
                pos,
                "",
                format!("ข้อความในไฟล์รวมกันเกินขีดจำกัด {mib} MiB (นับ alias ตามข้อความที่มันซ้ำ)"),
                format!(
                    "the file's texts come to more than the limit of {mib} MiB (an alias counts as the text it repeats)"
                ),
            );
            self.fatal = Some(d.with_hint(
                "alias (*) ซ้ำข้อความยาวหลายครั้ง: เขียนข้อความที่ต้องการออกมาตรง ๆ แทน \
                 (an alias (*) repeats a long text many times: write out the texts wanted instead)",
            ));
        }
        if self.nodes > limits::NODES && self.fatal.is_none() {
            let mut d = Diagnostic::error(
                pos,
                "",
                format!("ไฟล์มีค่าเกินขีดจำกัด {} ค่า (นับ alias ตามจำนวนค่าที่มันซ้ำ)", limits::NODES),
                format!(
                    "the file holds more than the limit of {} values (an alias counts as the values it repeats)",
                    limits::NODES
                ),
            );
            if self.aliases {
                d = d.with_hint(
                    "anchor (&) และ alias (*) ที่ซ้ำกันเป็นทอด ๆ ขยายตัวไม่สิ้นสุด: เขียนค่าออกมาตรง ๆ แทน \
                     (anchors and aliases that repeat each other expand without limit: write the values out instead)",
                );
            }
            self.fatal = Some(d);
        }
    }

    fn fail(&mut self, pos: Pos, th: String, en: String) {
        if self.fatal.is_none() {
            self.fatal = Some(Diagnostic::error(pos, "", th, en));
        }
    }
}

/// A node's values, and the bytes of its scalars' text.
fn size(node: &Node) -> (usize, usize) {
    let add = |(a, b): (usize, usize), (c, d): (usize, usize)| (a + c, b + d);
    match &node.value {
        Value::Scalar { text, .. } => (1, text.len()),
        Value::Seq(items) => items.iter().map(size).fold((1, 0), add),
        Value::Map(pairs) => pairs.iter().map(|(k, v)| add(size(k), size(v))).fold((1, 0), add),
    }
}

impl MarkedEventReceiver for TreeBuilder {
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
                self.count((1, text.len()), pos, false);
                let node = Node { value: Value::Scalar { text, quoted: style != TScalarStyle::Plain }, pos };
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.push_value(node);
            }
            Event::SequenceStart(anchor, _) => self.open(Value::Seq(Vec::new()), anchor, pos),
            Event::MappingStart(anchor, _) => self.open(Value::Map(Vec::new()), anchor, pos),
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            Event::Alias(id) => match self.anchors.get(&id) {
                Some(target) => {
                    // Counted before it is copied: a copy past the limit is
                    // never made.
                    self.count(size(target), pos, true);
                    if self.fatal.is_none() {
                        let mut copy = self.anchors[&id].clone();
                        copy.pos = pos;
                        self.push_value(copy);
                    }
                }
                None => self.fail(pos, "alias อ้างถึง anchor ที่ไม่มี".into(), "an alias names an unknown anchor".into()),
            },
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    self.fail(
                        pos,
                        "ไฟล์มีเอกสาร YAML มากกว่าหนึ่งชุด (คั่นด้วย ---)".into(),
                        "the file holds more than one YAML document (separated by ---)".into(),
                    );
                    if let Some(fatal) = &mut self.fatal {
                        fatal.hint = Some(
                            "ไฟล์หนึ่งไฟล์คือเอกสารหนึ่งฉบับ: ลบ --- แล้วรวมเนื้อหา หรือแยกเป็นอีกไฟล์ \
                             (one file is one document: remove the ---, or move what follows to a file of its own)"
                                .into(),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}
