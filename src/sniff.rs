//! What kind of file a file is, told by its first bytes: an input that is
//! no YAML text, a logo that is no picture the documents can hold.

/// The kinds of file an official may pick by mistake, or as a logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    /// A ZIP archive: a Word or Excel document among others.
    Zip,
    /// An old Word or Excel document (OLE compound file).
    OldOffice,
    Png,
    Jpeg,
    Gif,
    /// An SVG drawing, or another XML file.
    Svg,
}

const MAGIC: &[(&[u8], Kind)] = &[
    (b"%PDF", Kind::Pdf),
    (b"PK\x03\x04", Kind::Zip),
    (b"\xD0\xCF\x11\xE0", Kind::OldOffice),
    (b"\x89PNG", Kind::Png),
    (b"\xFF\xD8\xFF", Kind::Jpeg),
    (b"GIF8", Kind::Gif),
    (b"<svg", Kind::Svg),
    (b"<?xml", Kind::Svg),
];

impl Kind {
    /// The kind of a file that starts with `head`, if it is one of these.
    pub fn of(head: &[u8]) -> Option<Kind> {
        MAGIC.iter().find(|(magic, _)| head.starts_with(magic)).map(|(_, kind)| *kind)
    }

    /// How many bytes [`Kind::of`] needs to tell.
    pub const HEAD: usize = 8;

    /// A picture both writers can print.
    pub fn is_raster(self) -> bool {
        matches!(self, Kind::Png | Kind::Jpeg | Kind::Gif)
    }

    /// What the kind is called, in Thai and English, for a file that is not
    /// text. XML is text: the YAML reader's own message says what is wrong.
    pub fn binary_name(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Kind::Pdf => ("ไฟล์ PDF", "a PDF file"),
            Kind::Zip => {
                ("ไฟล์ ZIP หรือเอกสาร Word/Excel (.docx, .xlsx)", "a ZIP file or a Word or Excel document (.docx, .xlsx)")
            }
            Kind::OldOffice => ("เอกสาร Word/Excel แบบเก่า (.doc, .xls)", "an old Word or Excel document (.doc, .xls)"),
            Kind::Png => ("รูปภาพ PNG", "a PNG picture"),
            Kind::Jpeg => ("รูปภาพ JPEG", "a JPEG picture"),
            Kind::Gif => ("รูปภาพ GIF", "a GIF picture"),
            Kind::Svg => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_by_their_first_bytes() {
        assert_eq!(Kind::of(b"%PDF-1.7"), Some(Kind::Pdf));
        assert_eq!(Kind::of(b"\x89PNG\r\n\x1a\n"), Some(Kind::Png));
        assert_eq!(Kind::of(b"<?xml version"), Some(Kind::Svg));
        assert_eq!(Kind::of(b"format: 1"), None);
        assert!(Kind::Jpeg.is_raster() && !Kind::Svg.is_raster() && !Kind::Pdf.is_raster());
        assert_eq!(Kind::Svg.binary_name(), None);
    }
}
