//! The name a picture picked as the agency's logo is kept under, beside
//! the input.

use std::path::Path;

use crate::sniff;

/// A file name of letters, digits, `-`, `_` and `.` only, with the
/// extension of what the file is.
fn safe_name(wanted: &str, kind: sniff::Kind) -> String {
    let base = Path::new(wanted).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let base: String =
        base.chars().filter(|c| c.is_alphanumeric() || is_thai_mark(*c) || matches!(c, '-' | '_')).take(60).collect();
    let base = if base.is_empty() { "logo".to_string() } else { base };
    let ext = match kind {
        sniff::Kind::Png => "png",
        sniff::Kind::Gif => "gif",
        _ => "jpg",
    };
    format!("{base}.{ext}")
}

/// Thai vowel and tone marks, which are not alphanumeric but belong to the
/// word (โลโก้).
fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// The name a picture picked as the logo (`wanted`) is kept under, beside
/// the input: `name`, or `name-1`, `name-2`…, the first that is `free`
/// (or holds these very bytes). Refused, in Thai and English, unless it is
/// a picture a logo may be; the rest of the check of a logo (its size,
/// that it decodes) is the check that follows naming it.
pub fn logo_name(wanted: &str, bytes: &[u8], free: impl Fn(&str) -> bool) -> Result<String, (String, String)> {
    let Some(kind) = sniff::Kind::of(bytes).filter(|k| k.is_raster()) else {
        return Err(("ตราต้องเป็นรูปภาพ PNG, JPEG หรือ GIF".into(), "the logo must be a PNG, JPEG or GIF picture".into()));
    };
    let name = safe_name(wanted, kind);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, ""));
    Ok((0..)
        .map(|n| if n == 0 { name.to_string() } else { format!("{stem}-{n}.{ext}") })
        .find(|candidate| free(candidate))
        .expect("a free name"))
}
