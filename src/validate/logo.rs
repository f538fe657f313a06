//! The cover's logo: the only file the check reads besides the input. It is
//! read here once, whole, and travels in the report to both writers.

use super::Validator;
use crate::diag::{Diagnostic, quoted};
use crate::files::{Files, Unreadable};
use crate::limits;
use crate::load::Node;
use crate::report::Logo;
use crate::sniff::Kind;

impl Validator<'_> {
    pub(super) fn logo(&mut self, node: &Node) -> Option<Logo> {
        let written = self.text(node, "agency.logo")?;
        match read_logo(self.files, &written) {
            Ok(bytes) => Some(Logo { name: written, bytes }),
            Err(Problem { th, en, hint }) => {
                self.diags.push(Diagnostic::error(node.pos, "agency.logo", th, en).with_hint(hint));
                None
            }
        }
    }
}

/// Why a logo cannot be printed, in Thai and English, and what to do.
struct Problem {
    th: String,
    en: String,
    hint: &'static str,
}

const WHERE: &str = "ที่อยู่ของรูปนับจากโฟลเดอร์ของไฟล์นี้ ลบบรรทัด logo ถ้าไม่ใช้รูป \
                     (the path is relative to this file's folder; remove the logo line for a cover without one)";
const SAVE_AS_PNG: &str = "เปิดรูปในโปรแกรมแต่งภาพแล้วบันทึกใหม่เป็น PNG \
                           (open it in an image editor and save it again as PNG)";
const SMALLER: &str = "ย่อรูปให้กว้างไม่เกิน 1000 พิกเซลก็พอสำหรับปก \
                       (shrink it: 1000 pixels wide is plenty for a cover)";

fn problem(th: String, en: String, hint: &'static str) -> Problem {
    Problem { th, en, hint }
}

/// The logo's bytes, when it can be printed: a file no larger than the
/// limit (a device such as /dev/zero is no file), a PNG, JPEG or GIF whose
/// header reads and whose size is within the limit.
fn read_logo(files: &dyn Files, name: &str) -> Result<Vec<u8>, Problem> {
    let written = &quoted(name);
    let open = |e: &dyn std::fmt::Display| {
        problem(format!("เปิดไฟล์รูป {written} ไม่ได้: {e}"), format!("cannot open the logo {written}: {e}"), WHERE)
    };
    let bytes = match files.read(name, limits::LOGO_BYTES) {
        Ok(bytes) => bytes,
        Err(Unreadable::Io(e)) => return Err(open(&e)),
        Err(Unreadable::NotAFile) => {
            return Err(problem(format!("{written} ไม่ใช่ไฟล์รูปภาพ"), format!("{written} is not an image file"), WHERE));
        }
        Err(Unreadable::TooBig) => {
            let mib = limits::LOGO_BYTES / (1024 * 1024);
            return Err(problem(
                format!("ไฟล์รูป {written} ใหญ่เกินขีดจำกัดขนาดรูป {mib} MiB"),
                format!("the logo {written} is larger than the logo size limit of {mib} MiB"),
                SMALLER,
            ));
        }
    };
    let kind = Kind::of(&bytes);
    match kind {
        // The PDF could show an SVG, but the DOCX writer cannot embed one,
        // and `build` writes both: refused here, where the message has a place.
        Some(Kind::Svg) => {
            return Err(problem(
                format!("รูป {written} เป็น SVG ซึ่งใส่ในไฟล์ Word ไม่ได้"),
                format!("the logo {written} is an SVG drawing, which the Word file cannot hold"),
                SAVE_AS_PNG,
            ));
        }
        Some(kind) if kind.is_raster() => {}
        _ => {
            return Err(problem(
                format!("ไฟล์ {written} ไม่ใช่รูปภาพ PNG, JPEG หรือ GIF"),
                format!("{written} is not a PNG, JPEG or GIF image"),
                SAVE_AS_PNG,
            ));
        }
    }
    let reader = image::ImageReader::new(std::io::Cursor::new(&bytes)).with_guessed_format().map_err(|e| open(&e))?;
    match reader.into_dimensions() {
        Err(e) => Err(problem(
            format!("อ่านรูป {written} ไม่ได้ (ไฟล์เสีย): {e}"),
            format!("the logo {written} is a broken image: {e}"),
            SAVE_AS_PNG,
        )),
        Ok((w, h)) if w.max(h) > limits::LOGO_PIXELS => Err(problem(
            format!("รูป {written} ขนาด {w}×{h} พิกเซล เกินขีดจำกัด {0}×{0} พิกเซล", limits::LOGO_PIXELS),
            format!("the logo {written} is {w}×{h} pixels, over the logo limit of {0}×{0}", limits::LOGO_PIXELS),
            SMALLER,
        )),
        Ok(_) if !whole(kind, &bytes) => Err(problem(
            format!("รูป {written} ไม่ครบ ไฟล์ถูกตัดท้าย (คัดลอกหรือดาวน์โหลดไม่ครบ)"),
            format!("the logo {written} is cut short: the file was not copied or downloaded whole"),
            SAVE_AS_PNG,
        )),
        Ok(_) => Ok(bytes),
    }
}

/// Whether an image ends as its format ends, as a file cut short does not:
/// its header reads, but the writers would fail on it. Read from its end
/// alone, as checking runs at every keystroke in the editor.
fn whole(kind: Option<Kind>, bytes: &[u8]) -> bool {
    // Some writers pad a file after its end, which readers ignore.
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let has = |end: &[u8]| tail.windows(end.len()).any(|w| w == end);
    match kind {
        Some(Kind::Png) => has(b"IEND\xAE\x42\x60\x82"),
        Some(Kind::Jpeg) => has(&[0xFF, 0xD9]),
        Some(Kind::Gif) => tail.iter().rev().find(|&&b| b != 0) == Some(&b';'),
        _ => true,
    }
}
