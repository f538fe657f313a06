//! The file's bytes as text: UTF-8, or a message that says what the file is
//! instead (UTF-16, TIS-620 Thai, a PDF or a Word file chosen by mistake).

use super::at_start;
use crate::diag::{Diagnostic, Pos};
use crate::sniff::Kind;
use crate::thai::is_thai;

/// UTF-8 (a byte-order mark is accepted and dropped; CRLF and lone CR line
/// ends become LF, as YAML reads them). A Thai file saved as TIS-620 /
/// Windows-874 is the common mistake: say so.
pub(super) fn decode(mut bytes: Vec<u8>) -> Result<String, Vec<Diagnostic>> {
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
    if let Some((th, en)) = Kind::of(bytes).and_then(Kind::binary_name) {
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
