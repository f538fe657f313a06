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

/// Reads and parses a file. Errors here (unreadable, too big, not UTF-8,
/// not YAML) stop the check; duplicate keys are reported but the tree is
/// still given.
pub fn load_file(path: &Path) -> Result<(Loaded, Vec<Diagnostic>), Vec<Diagnostic>> {
    load_bytes(read_bounded(path)?)
}

/// Decodes and parses a file's bytes, as [`load_file`] does.
pub fn load_bytes(bytes: Vec<u8>) -> Result<(Loaded, Vec<Diagnostic>), Vec<Diagnostic>> {
    if bytes.len() > limits::INPUT_BYTES {
        return Err(vec![too_big()]);
    }
    let text = decode(bytes)?;
    let (root, diags) = parse(&text)?;
    Ok((Loaded { text, root }, diags))
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

fn read_bounded(path: &Path) -> Result<Vec<u8>, Vec<Diagnostic>> {
    use std::io::Read;
    let open = |e: std::io::Error| {
        vec![Diagnostic::error(at_start(), "", format!("อ่านไฟล์ไม่ได้: {e}"), format!("cannot read the file: {e}"))]
    };
    let file = std::fs::File::open(path).map_err(open)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit, so an oversized file (or a device that
    // never ends) is refused without reading all of it.
    file.take(limits::INPUT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(open)?;
    if bytes.len() > limits::INPUT_BYTES {
        return Err(vec![too_big()]);
    }
    Ok(bytes)
}

/// UTF-8 (a byte-order mark is accepted and dropped; CRLF and lone CR line
/// ends become LF, as YAML reads them). A Thai file saved as TIS-620 /
/// Windows-874 is the common mistake: say so.
fn decode(mut bytes: Vec<u8>) -> Result<String, Vec<Diagnostic>> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if let Some(d) = not_text(&bytes) {
        return Err(vec![d]);
    }
    match String::from_utf8(bytes) {
        Ok(text) if text.contains('\r') => Ok(text.replace("\r\n", "\n").replace('\r', "\n")),
        Ok(text) => Ok(text),
        Err(e) => Err(vec![not_utf8(e.as_bytes(), e.utf8_error().valid_up_to())]),
    }
}

/// A file that is no text at all: UTF-16, a file of another kind, or one
/// holding a NUL (valid UTF-8, but never in text).
fn not_text(bytes: &[u8]) -> Option<Diagnostic> {
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    // UTF-16 has a byte-order mark, or else every other byte of Latin
    // text is a NUL.
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || nuls * 4 > bytes.len() {
        return Some(utf16());
    }
    if let Some((th, en)) = other_format(bytes) {
        let d = Diagnostic::error(
            at_start(),
            "",
            format!("ไฟล์นี้ไม่ใช่ไฟล์ข้อความ YAML แต่เป็น{th}"),
            format!("this is not a YAML text file but {en}"),
        );
        return Some(d.with_hint(
            "ข้อมูลต้องเป็นไฟล์ YAML (UTF-8) ตามที่ `ita-report init` เขียนให้ \
             (the input is a YAML text file in UTF-8, as `ita-report init` writes)",
        ));
    }
    let at = bytes.iter().position(|&b| b == 0)?;
    let d = Diagnostic::error(
        not_utf8(bytes, at).pos,
        "",
        "ไฟล์มีไบต์ NUL: เป็นไฟล์ไบนารี ไม่ใช่ไฟล์ข้อความ",
        "the file holds a NUL byte: it is binary, not text",
    );
    Some(d.with_hint("บันทึกไฟล์ใหม่เป็น UTF-8 (save the file again as UTF-8)"))
}

/// A text file saved as UTF-16 ("Unicode" in Notepad's Save As).
fn utf16() -> Diagnostic {
    let d = Diagnostic::error(at_start(), "", "ไฟล์บันทึกเป็น UTF-16 ไม่ใช่ UTF-8", "the file is saved as UTF-16, not UTF-8");
    d.with_hint(
        "บันทึกใหม่เป็น UTF-8 เช่นใน Notepad: Save As แล้วเลือก Encoding เป็น UTF-8 \
         (save it again as UTF-8: in Notepad, Save As with the encoding UTF-8)",
    )
}

/// A file of another kind, told by its first bytes: one chosen by mistake.
fn other_format(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const KINDS: &[(&[u8], &str, &str)] = &[
        (b"%PDF", "ไฟล์ PDF", "a PDF file"),
        (
            b"PK\x03\x04",
            "ไฟล์ ZIP หรือเอกสาร Word/Excel (.docx, .xlsx)",
            "a ZIP file or a Word or Excel document (.docx, .xlsx)",
        ),
        (b"\xD0\xCF\x11\xE0", "เอกสาร Word/Excel แบบเก่า (.doc, .xls)", "an old Word or Excel document (.doc, .xls)"),
        (b"\x89PNG", "รูปภาพ PNG", "a PNG picture"),
        (b"\xFF\xD8\xFF", "รูปภาพ JPEG", "a JPEG picture"),
    ];
    KINDS.iter().find(|(magic, ..)| bytes.starts_with(magic)).map(|(_, th, en)| (*th, *en))
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Where a file stops being UTF-8, and whether it looks like TIS-620 Thai.
fn not_utf8(bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    // TIS-620 Thai: many bytes in its Thai range, and more of them
    // undecodable than decoded as Thai (unlike UTF-8 with a stray byte).
    let lossy = String::from_utf8_lossy(bytes);
    let thai = lossy.chars().filter(|c| is_thai(*c)).count();
    let thai_8bit = bytes.iter().filter(|&&b| (0xA1..=0xFB).contains(&b)).count() > bytes.len() / 20
        && lossy.matches('\u{FFFD}').count() > thai;
    // Some pairs of TIS-620 letters happen to be valid UTF-8 (อง is
    // U+0367), so step back over what decoded as neither ASCII nor Thai:
    // there the bad text starts.
    let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    let at = valid
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_ascii() && !is_thai(*c))
        .last()
        .map_or(valid_up_to, |(i, _)| i);
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let col = 1 + String::from_utf8_lossy(&bytes[..at]).rsplit('\n').next().map_or(0, |l| l.chars().count());
    let d = Diagnostic::error(Pos { line, col, offset: at }, "", "ไฟล์ไม่ได้บันทึกเป็น UTF-8", "the file is not UTF-8");
    if thai_8bit {
        d.with_hint(
            "ดูเหมือนไฟล์ภาษาไทยที่บันทึกเป็น TIS-620/Windows-874: เปิดในโปรแกรมแก้ไขแล้วบันทึกใหม่เป็น UTF-8 \
             (it looks like Thai saved as TIS-620/Windows-874: re-save it as UTF-8, \
             e.g. `iconv -f WINDOWS-874 -t UTF-8 old.yaml > new.yaml`)",
        )
    } else {
        d.with_hint("บันทึกไฟล์ใหม่เป็น UTF-8 (save the file again as UTF-8)")
    }
}

/// Parses YAML text into a node tree (None when the file holds no document).
///
/// The parser's events are pulled one at a time rather than through its
/// recursive `load`, which would overflow the stack on input nested
/// thousands deep; the pull stops at the first fatal problem, so the work
/// after it is not done either.
pub fn parse(text: &str) -> Result<(Option<Node>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let lines = Lines::new(text);
    let mut builder = Builder::default();
    let mut tabs = TabLines::new(text);
    let mut parser = Parser::new_from_str(text);
    loop {
        let (ev, mark) = match parser.next_token() {
            Ok(event) => event,
            Err(e) => return Err(vec![not_yaml(&e, &tabs, &lines)]),
        };
        tabs.event(&ev, mark.line());
        if ev == Event::StreamEnd {
            break;
        }
        builder.on_event(ev, mark);
        if builder.fatal.is_some() && !builder.fatal_at_key {
            break;
        }
    }
    if let Some(mut fatal) = builder.fatal {
        fatal.pos = lines.at(fatal.pos.line, fatal.pos.col);
        return Err(vec![fatal]);
    }
    // A tab-indented line the parser took in silently: the continuation
    // of a plain text (`- a` then `<tab>- b` reads as the one text
    // "a - b"). Not what the writer meant, so refused all the same.
    if let Some((line, col)) = tabs.misplaced().next() {
        return Err(vec![tab_indent(lines.at(line, col))]);
    }
    let root = builder.root.map(|mut n| {
        fix_positions(&mut n, &lines);
        n
    });
    let mut diags = builder.diags;
    for d in &mut diags {
        d.pos = lines.at(d.pos.line, d.pos.col);
    }
    Ok((root, crate::diag::capped(diags)))
}

fn too_deep(pos: Pos) -> Diagnostic {
    Diagnostic::error(
        pos,
        "",
        format!("ซ้อนกันลึกเกินขีดจำกัด {} ชั้น", limits::NESTING),
        format!("lists and mappings are nested deeper than the limit of {} levels", limits::NESTING),
    )
    .with_hint("ไฟล์ตามรูปแบบซ้อนกันไม่เกิน 6 ชั้น (a file of the input format nests 6 levels at most)")
}

fn tab_indent(pos: Pos) -> Diagnostic {
    Diagnostic::error(
        pos,
        "",
        "ใช้แท็บเยื้องบรรทัด YAML ต้องเยื้องด้วยเว้นวรรค",
        "a tab is used for indentation; YAML indents with spaces",
    )
    .with_hint("แทนแท็บด้วยเว้นวรรค 2 ตัว (replace each tab with two spaces)")
}

/// The parser's error, said plainly. A tab in the indentation is the
/// common cause that its own words hide, so it is named where it is: the
/// parser marks the end of the line before it.
fn not_yaml(e: &yaml_rust2::ScanError, tabs: &TabLines, lines: &Lines) -> Diagnostic {
    let m = e.marker();
    let near = tabs.misplaced().find(|(line, _)| (m.line()..=m.line() + 1).contains(line));
    let info = e.info();
    if let Some((line, col)) = near {
        return tab_indent(lines.at(line, col));
    }
    if info.contains("tab") {
        return tab_indent(pos(m, lines));
    }
    // The scanner reads ahead of the tree being built, and may meet its own
    // limit on nesting (255 levels) before the tree meets ours.
    if info.contains("recursion limit") {
        return too_deep(pos(m, lines));
    }
    let (th, en, hint) = match plain_words(info) {
        Some((th, en)) => (th.to_string(), en.to_string(), format!("YAML parser: {info}")),
        None => (
            info.to_string(),
            info.to_string(),
            "ตรวจการเยื้องบรรทัดและเครื่องหมาย : (check the indentation and the colons)".to_string(),
        ),
    };
    let hint = match looks_like_markup(lines.text) {
        true => "ไฟล์นี้ดูเหมือนหน้าเว็บหรือ XML ไม่ใช่ YAML: เริ่มจากไฟล์ที่ `ita-report init` เขียนให้ \
                 (this looks like a web page or XML, not YAML: start from the file `ita-report init` writes)"
            .to_string(),
        false => hint,
    };
    Diagnostic::error(pos(m, lines), "", format!("ไม่ใช่ YAML ที่ถูกต้อง: {th}"), format!("not valid YAML: {en}"))
        .with_hint(hint)
}

/// The parser's commonest complaints in words a person filling in the file
/// uses, Thai and English.
fn plain_words(info: &str) -> Option<(&'static str, &'static str)> {
    const WORDS: &[(&str, &str, &str)] = &[
        (
            "unknown anchor",
            "alias (*ชื่อ) อ้างถึง anchor (&ชื่อ) ที่ไม่ได้ประกาศไว้ก่อนหน้า",
            "an alias (*name) names an anchor (&name) that is not defined above it",
        ),
        ("duplicated anchor", "ประกาศ anchor (&ชื่อ) ชื่อเดียวกันสองครั้ง", "the same anchor (&name) is defined twice"),
        (
            "flow sequence",
            "รายการใน [ ] ไม่ได้ปิดด้วย ] หรือขาดเครื่องหมาย , ระหว่างรายการ",
            "a list in [ ] is not closed with ], or its items lack a comma between them",
        ),
        (
            "flow mapping",
            "ชุดคีย์ใน { } ไม่ได้ปิดด้วย } หรือขาดเครื่องหมาย , ระหว่างคีย์",
            "a mapping in { } is not closed with }, or its keys lack a comma between them",
        ),
        (
            "quoted scalar, found unexpected end",
            "ข้อความในเครื่องหมายคำพูดไม่ได้ปิด: ขาดเครื่องหมายคำพูดปิด",
            "a quoted text is not closed: its closing quote is missing",
        ),
        (
            "unknown escape character",
            "\\ ในข้อความที่อยู่ใน \" \" ขึ้นต้นรหัสที่ YAML ไม่รู้จัก: เขียน \\\\ หรือใช้ ' ' แทน",
            "a \\ in a \"double-quoted\" text starts an escape YAML does not know: write \\\\, or use 'single quotes'",
        ),
        (
            "mapping values are not allowed",
            "มี \": \" ในที่ที่ขึ้นต้นคีย์ไม่ได้: บรรทัดนี้เยื้องเกินคีย์ของมันหรือไม่ หรือข้อความมี \": \" (ใส่ข้อความในเครื่องหมายคำพูด)",
            "a \": \" where no key can start: is the line indented more than its key, or does a text hold \": \"? (quote such a text)",
        ),
        (
            "did not find expected key",
            "การเยื้องบรรทัดนี้ไม่ตรงกับบรรทัดข้างบน",
            "this line's indentation does not match the lines above it",
        ),
        (
            "did not find expected '-'",
            "การเยื้องบรรทัดนี้ไม่ตรงกับรายการข้างบน",
            "this line's indentation does not match the list above it",
        ),
        ("invalid indentation", "การเยื้องบรรทัดไม่ถูกต้อง", "the indentation is wrong here"),
        (
            "simple key expect",
            "บรรทัดนี้ไม่ใช่ทั้ง \"คีย์: ค่า\" และ \"- รายการ\" (หลังคีย์ต้องมี : และเว้นวรรค)",
            "this line is neither \"key: value\" nor \"- item\" (a key needs a colon and a space after it)",
        ),
        (
            "block sequence entries are not allowed",
            "มี \"- รายการ\" ในที่ที่ควรเป็นค่า: เขียนรายการในบรรทัดถัดจากคีย์ โดยเยื้องเข้าไป",
            "a \"- item\" where a value belongs: write the list on the lines below its key, indented",
        ),
    ];
    WORDS.iter().find(|(said, ..)| info.contains(said)).map(|(_, th, en)| (*th, *en))
}

/// Whether a text starts (after blanks) with `<`: HTML or XML saved under
/// a .yaml name.
fn looks_like_markup(text: &str) -> bool {
    text.trim_start().starts_with('<')
}

/// Lines indented with a tab, and the lines of quoted and block texts,
/// where a tab at the start is part of the text and no indentation.
struct TabLines {
    /// (line, column) of the first tab of each line indented with one.
    indented: Vec<(usize, usize)>,
    /// Lines spanned by quoted and block texts, first to last.
    texts: Vec<(usize, usize)>,
    /// The line a quoted or block text starts on, until the next event.
    open: Option<usize>,
}

impl TabLines {
    fn new(text: &str) -> Self {
        let indented = text
            .lines()
            .enumerate()
            .filter_map(|(i, line)| {
                let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
                let rest = &line[indent..];
                let tab = line[..indent].find('\t')?;
                (!rest.is_empty() && !rest.starts_with('#')).then_some((i + 1, tab + 1))
            })
            .collect();
        TabLines { indented, texts: Vec::new(), open: None }
    }

    /// Follows the parser: a text's lines run from its event to the next.
    fn event(&mut self, ev: &Event, line: usize) {
        if let Some(start) = self.open.take() {
            self.texts.push((start, line));
        }
        if matches!(ev, Event::Scalar(_, style, ..) if *style != TScalarStyle::Plain) {
            self.open = Some(line);
        }
    }

    /// Tab-indented lines outside quoted and block texts. Both lists are in
    /// file order, so one pass over each does.
    fn misplaced(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let mut texts = self.texts.iter().copied().chain(self.open.map(|s| (s, usize::MAX))).peekable();
        self.indented.iter().copied().filter(move |(line, _)| {
            while texts.next_if(|(_, end)| end < line).is_some() {}
            texts.peek().is_none_or(|(start, _)| start > line)
        })
    }
}

fn pos(m: &Marker, lines: &Lines) -> Pos {
    lines.at(m.line(), m.col() + 1)
}

/// Where each line of a text starts, to turn a line and a column (in
/// characters) into a byte offset, for underlining the source line. Every
/// [`Lines::STRIDE`]th character's byte offset is kept, so that finding one
/// costs a few steps, however long the line (a whole file can be one flow
/// mapping on one line).
struct Lines<'t> {
    text: &'t str,
    /// Per line: the byte offset and the character index it starts at.
    starts: Vec<(usize, usize)>,
    /// The byte offset of every STRIDE-th character.
    checkpoints: Vec<usize>,
}

impl<'t> Lines<'t> {
    const STRIDE: usize = 64;

    fn new(text: &'t str) -> Self {
        let mut starts = vec![(0, 0)];
        let mut checkpoints = Vec::new();
        for (i, (byte, c)) in text.char_indices().enumerate() {
            if i % Self::STRIDE == 0 {
                checkpoints.push(byte);
            }
            if c == '\n' {
                starts.push((byte + 1, i + 1));
            }
        }
        Lines { text, starts, checkpoints }
    }

    fn at(&self, line: usize, col: usize) -> Pos {
        let offset = match self.starts.get(line.saturating_sub(1)) {
            Some((_, first)) => self.byte_of(first + col.saturating_sub(1)),
            None => self.text.len(),
        };
        Pos { line, col, offset }
    }

    /// The `-` that only blanks separate from a byte offset, if any.
    fn dash_before(&self, offset: usize) -> Option<Pos> {
        let before = self.text.get(..offset)?.trim_end();
        before.ends_with('-').then(|| self.pos_of(before.len() - 1))
    }

    /// The line and column of a byte offset.
    fn pos_of(&self, offset: usize) -> Pos {
        let line = self.starts.partition_point(|(start, _)| *start <= offset);
        let (start, _) = self.starts[line - 1];
        Pos { line, col: self.text[start..offset].chars().count() + 1, offset }
    }

    /// The byte offset of the `n`th character (the text's length past it).
    fn byte_of(&self, n: usize) -> usize {
        let Some(&from) = self.checkpoints.get(n / Self::STRIDE) else {
            return self.text.len();
        };
        self.text[from..].char_indices().nth(n % Self::STRIDE).map_or(self.text.len(), |(b, _)| from + b)
    }
}

fn fix_positions(node: &mut Node, lines: &Lines) {
    node.pos = lines.at(node.pos.line, node.pos.col);
    match &mut node.value {
        Value::Scalar { .. } => {}
        Value::Seq(items) => items.iter_mut().for_each(|n| {
            fix_positions(n, lines);
            // The parser marks an empty item where the next token starts,
            // often on a line below; its dash is where it is.
            if matches!(&n.value, Value::Scalar { text, quoted: false } if text.is_empty()) {
                n.pos = lines.dash_before(n.pos.offset).unwrap_or(n.pos);
            }
        }),
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
    /// Whether an alias was met: a file past the values limit with them is
    /// most likely an alias bomb.
    aliases: bool,
    /// YAML documents begun: one file holds one.
    documents: usize,
    /// The keys of each open collection (empty for lists), to find a
    /// duplicate key in one step however many keys a mapping has.
    keys: Vec<HashMap<String, usize>>,
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
        self.count(1, pos, false);
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

    fn count(&mut self, n: usize, pos: Pos, alias: bool) {
        self.nodes += n;
        self.aliases |= alias;
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
                self.count(1, pos, false);
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
