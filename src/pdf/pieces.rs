//! `txt`, the one function the templates take from Rust: it turns a text
//! that src/pdf/prepare.rs cut into pieces into Typst content.
//!
//! A closure in the template did this before, at a cost: Typst memoizes
//! every closure call, hashing its arguments and captured scope, and a
//! document has thousands of pieces, all evaluated on one thread before any
//! page is laid out. A native function builds the same content, element for
//! element, without that bookkeeping.

use typst::diag::{StrResult, bail};
use typst::foundations::{Content, Func, NativeElement, NativeFunc, Repr, Value, func};
use typst::layout::{BoxElem, Em, HElem};
use typst::text::{Lang, LinebreakElem, TextElem};

/// The function as the templates receive it, in `sys.inputs.txt`.
pub(super) fn function() -> Func {
    txt::func()
}

/// A text, plain or in the pieces src/pdf/prepare.rs cuts it into. A unit
/// is set as Japanese only so that Typst segments it with its dictionary
/// segmenter, which leaves Thai whole, instead of its Thai LSTM, which
/// would be wasted on a box that never breaks and cost most of the
/// compile; src/pdf/mod.rs tags it Thai again in the PDF.
#[func]
fn txt(text: Value) -> StrResult<Value> {
    let pieces = match text {
        Value::Str(_) => return Ok(text),
        Value::Array(pieces) => pieces,
        other => bail!("a text is a string or an array of pieces, not {}", other.ty()),
    };
    // Joined as `array.join()` joins content: none for no pieces, else what
    // `Content::sequence` makes, the one piece alone or a sequence of all.
    let pieces = pieces.into_iter().map(piece).collect::<StrResult<Vec<_>>>()?;
    Ok(if pieces.is_empty() { Value::None } else { Value::Content(Content::sequence(pieces)) })
}

/// A piece: a string laid out as usual, a one-string array a unit that
/// never breaks inside (a Thai word, or a name kept whole), an empty array
/// a line break, a number a gap of that many ems.
fn piece(piece: Value) -> StrResult<Content> {
    Ok(match piece {
        Value::Str(text) => TextElem::packed(text),
        Value::Array(unit) => match unit.as_slice() {
            [] => LinebreakElem::new().pack(),
            [Value::Str(word)] => {
                let word = TextElem::packed(word.clone()).set(TextElem::lang, Lang::JAPANESE);
                BoxElem::new().with_body(Some(word)).pack()
            }
            _ => bail!("a piece of text is a string, a one-string array or an empty array, not {}", unit.repr()),
        },
        Value::Float(em) => HElem::new(Em::new(em).into()).pack(),
        other => bail!("a piece of text is a string, an array or a number, not {}", other.ty()),
    })
}

#[cfg(test)]
mod tests {
    use typst::foundations::IntoValue;
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

    #[test]
    fn the_native_txt_gives_the_pdf_the_template_gave() {
        let fonts = Fonts::embedded();
        let engine = TypstEngine::builder().main_file(TEXTS).fonts(fonts.data.iter().map(|d| d.as_slice())).build();
        let pdf = |which: &str| {
            let mut inputs = crate::pdf::inputs(&fonts);
            inputs.insert("which".into(), which.into_value());
            let pages: PagedDocument = engine.compile_with_input(inputs).output.expect("the texts lay out");
            typst_pdf::pdf(&pages, &typst_pdf::PdfOptions::default()).expect("a PDF")
        };
        let native = pdf("native");
        assert!(native == pdf("typst"), "the same texts, the same PDF");
        assert!(native != pdf("typst-th"), "the comparison tells Japanese units from Thai ones");
    }

    #[test]
    fn a_text_or_piece_of_another_shape_is_an_error_that_says_what_it_must_be() {
        let inputs = crate::pdf::inputs(&Fonts::embedded());
        let error = |source: &str| {
            let engine = TypstEngine::builder().main_file(source.to_owned()).build();
            let error = engine.compile_with_input::<_, PagedDocument>(inputs.clone()).output.expect_err(source);
            format!("{error:?}")
        };
        let piece = error(r#"#(sys.inputs.txt)(("a", ("b", "c")))"#);
        assert!(piece.contains("a string, a one-string array or an empty array, not ("), "{piece}");
        let text = error("#(sys.inputs.txt)(1)");
        assert!(text.contains("a text is a string or an array of pieces, not integer"), "{text}");
    }
}
