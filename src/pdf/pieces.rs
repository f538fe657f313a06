//! `txt`, the one function the templates take from Rust: it turns a text
//! that src/pdf/prepare.rs cut into pieces into Typst content.
//!
//! A closure in the template did this before, at a cost: Typst memoizes
//! every closure call, hashing its arguments and captured scope, and a
//! document has thousands of pieces, all evaluated on one thread before any
//! page is laid out. A native function builds the same content, element for
//! element, without that bookkeeping.

use typst::foundations::{Array, Content, Func, NativeElement, NativeFunc, Str, Value, func};
use typst::layout::BoxElem;
use typst::text::{Lang, LinebreakElem, TextElem};

/// The function as the templates receive it, in `sys.inputs.txt`.
pub(super) fn function() -> Func {
    txt::func()
}

/// A text: a plain string is laid out as usual; an array holds its pieces,
/// where a string is laid out as usual, a one-string array is a unit that
/// never breaks inside (a Thai word, or a name kept whole) and an empty
/// array is a line break. A unit is set as Japanese only so that Typst
/// segments it with its dictionary segmenter, which leaves Thai whole,
/// instead of its Thai LSTM, which would be wasted on a box that never
/// breaks and cost most of the compile; src/pdf/mod.rs tags it Thai again
/// in the PDF.
#[func]
fn txt(pieces: Pieces) -> Value {
    match pieces {
        Pieces::Plain(text) => Value::Str(text),
        Pieces::Cut(pieces) => {
            let mut content = pieces.into_iter().map(piece);
            // As `array.join()` joins content: none for no pieces, the one
            // piece alone, or a sequence of them all.
            match content.next() {
                None => Value::None,
                Some(first) => Value::Content(content.fold(first, |all, next| all + next)),
            }
        }
    }
}

/// What `txt` takes.
enum Pieces {
    Plain(Str),
    Cut(Array),
}

typst::foundations::cast! {
    Pieces,
    v: Str => Self::Plain(v),
    v: Array => Self::Cut(v),
}

fn piece(piece: Value) -> Content {
    match piece {
        Value::Array(unit) => match unit.as_slice().first() {
            Some(Value::Str(word)) => {
                let word = TextElem::packed(word.clone()).set(TextElem::lang, Lang::JAPANESE);
                BoxElem::new().with_body(Some(word)).pack()
            }
            _ => LinebreakElem::new().pack(),
        },
        other => other.display(),
    }
}

#[cfg(test)]
mod tests {
    use typst::foundations::{Dict, IntoValue};
    use typst_as_lib::TypstEngine;
    use typst_layout::PagedDocument;

    use crate::fonts::Fonts;

    /// Texts of every shape, laid out by `txt` or by the closure the
    /// template had before it, with the same Typst functions, whose PDFs
    /// today's outputs are. `typst-th` is that closure with its units in
    /// Thai: what the comparison must tell apart.
    const TEXTS: &str = r#"
#let typst-txt(lang, pieces) = if type(pieces) == str { pieces } else {
  pieces.map(p => if type(p) == str { [#p] } else if p.len() == 0 { linebreak() } else { box(text(lang: lang, p.at(0))) }).join()
}
#let shown = (
  native: sys.inputs.txt,
  typst: typst-txt.with("ja"),
  typst-th: typst-txt.with("th"),
).at(sys.inputs.which)
#set text(font: sys.inputs.font, lang: "th")
#for t in (
  "plain text",
  (),
  ("one string",),
  (("คำ",),),
  ((),),
  ("ข้อ ", ("คำ",), ("ไทย",), (), "end"),
  (("ทุก",), ("คำ",)),
) {
  shown(t)
  parbreak()
}
"#;

    fn pdf(which: &str) -> Vec<u8> {
        let fonts = Fonts::embedded();
        let engine = TypstEngine::builder().main_file(TEXTS).fonts(fonts.data.iter().map(|d| d.as_slice())).build();
        let mut inputs = Dict::new();
        inputs.insert("txt".into(), super::function().into_value());
        inputs.insert("font".into(), fonts.families[0].as_str().into_value());
        inputs.insert("which".into(), which.into_value());
        let pages: PagedDocument = engine.compile_with_input(inputs).output.expect("the texts lay out");
        typst_pdf::pdf(&pages, &typst_pdf::PdfOptions::default()).expect("a PDF")
    }

    #[test]
    fn the_native_txt_gives_the_pdf_the_template_gave() {
        let native = pdf("native");
        assert!(native == pdf("typst"), "the same texts, the same PDF");
        assert!(native != pdf("typst-th"), "the comparison tells Japanese units from Thai ones");
    }
}
