//! The package: the parts docx-rs wrote, each fixed (see [`super::fixes`]),
//! zipped again with fixed times, so the same document gives the same bytes.

use std::io::{Cursor, Read, Write};

use super::DocxError;
use super::fixes::fix_part;
use super::xml::escape;

/// What the package adds to the parts docx-rs wrote.
pub(super) struct Fixes<'a> {
    pub(super) thai_page_numbers: bool,
    /// How many sections number their pages (all but the cover's).
    pub(super) numbered_sections: usize,
    /// The pictures' descriptions, in document order.
    pub(super) alts: &'a [String],
    pub(super) title: &'a str,
    pub(super) author: &'a str,
    /// The family the document is set in: the one font its table lists.
    pub(super) font: &'a str,
    /// Whether the document has a date to give as its creation date.
    pub(super) dated: bool,
}

/// The fix-up pass over the package: each XML part gets what docx-rs cannot
/// write, and the package is zipped again with fixed times.
pub(super) fn finish(package: &[u8], fixes: &Fixes) -> Result<Vec<u8>, DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(package))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    // Paragraph ids must be unique across the parts; they are numbered in
    // order.
    let mut para_ids = 0;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        // Word's own packages have no directory entries.
        if file.is_dir() {
            continue;
        }
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        if name == "word/fontTable.xml" {
            bytes = font_table(fixes.font);
        } else if name.ends_with(".xml") {
            bytes = fix_part(&name, &bytes, fixes, &mut para_ids)?;
        }
        out.start_file(name, options)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

/// The document's font table: docx-rs lists Times New Roman, Symbol and
/// Arial, which the document never uses; Word substitutes a font it lacks
/// by what this table says of it (Thai, proportional).
fn font_table(font: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:font w:name=\"{}\"><w:charset w:val=\"DE\" /><w:family w:val=\"swiss\" /><w:pitch w:val=\"variable\" /></w:font>\
         </w:fonts>",
        escape(font)
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(alts: &[String]) -> Fixes<'_> {
        Fixes { thai_page_numbers: true, numbered_sections: 1, alts, title: "", author: "", font: "F", dated: true }
    }

    #[test]
    fn the_package_is_zipped_again_without_times_or_folders() {
        let mut raw = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let now = zip::DateTime::from_date_and_time(2030, 5, 6, 7, 8, 10).unwrap();
        let options = zip::write::SimpleFileOptions::default().last_modified_time(now);
        raw.add_directory("word/", options).unwrap();
        raw.start_file("word/footer1.xml", options).unwrap();
        raw.write_all(b"<w:p w14:paraId=\"00000099\"></w:p>").unwrap();
        let raw = raw.finish().unwrap().into_inner();
        let out = finish(&raw, &fixes(&[])).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(&out)).unwrap();
        assert_eq!(zip.file_names().collect::<Vec<_>>(), ["word/footer1.xml"]);
        let mut file = zip.by_index(0).unwrap();
        assert_eq!(file.last_modified(), Some(zip::DateTime::default()));
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        assert_eq!(text, "<w:p w14:paraId=\"00000001\"></w:p>");
    }
}
