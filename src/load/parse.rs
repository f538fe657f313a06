//! YAML text into a node tree, with the parser's complaints said plainly.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::Node;
use super::lines::{Lines, fix_positions};
use super::tree::TreeBuilder;
use crate::diag::{Diagnostic, Pos};
use crate::limits;

/// Parses YAML text into a node tree (None when the file holds no document).
///
/// The parser's events are pulled one at a time rather than through its
/// recursive `load`, which would overflow the stack on input nested
/// thousands deep; the pull stops at the first fatal problem, so the work
/// after it is not done either.
pub fn parse(text: &str) -> Result<(Option<Node>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let lines = Lines::new(text);
    let mut builder = TreeBuilder::default();
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
    Ok((root, diags))
}

pub(super) fn too_deep(pos: Pos) -> Diagnostic {
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
