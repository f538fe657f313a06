//! Fonts: the embedded default family, a family the front end found
//! installed, and which characters the fonts in use can print.

use crate::suggest::Suggestion;

/// The embedded default family: Laksaman, whose PDFs copy out as the text
/// they show (see fonts/README.md).
pub const DEFAULT_FAMILY: &str = "Laksaman";
const EMBEDDED: [&[u8]; 2] = [include_bytes!("../fonts/Laksaman.ttf"), include_bytes!("../fonts/Laksaman-Bold.ttf")];

/// The fonts a document is set in: font files and the family names, first
/// choice first.
#[derive(Clone)]
pub struct Fonts {
    pub families: Vec<String>,
    pub data: Vec<Vec<u8>>,
}

/// A font family asked for that this machine does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotInstalled {
    pub family: String,
    pub near: Option<String>,
}

impl std::error::Error for NotInstalled {}

impl std::fmt::Display for NotInstalled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let family = &self.family;
        write!(f, "ไม่พบฟอนต์ \"{family}\" ในเครื่องนี้ (the font family \"{family}\" is not installed on this machine)")?;
        if let Some(near) = &self.near {
            write!(f, "; {}", Suggestion(near))?;
        }
        Ok(())
    }
}

impl Fonts {
    /// The embedded family alone.
    pub fn embedded() -> Fonts {
        Fonts { families: vec![DEFAULT_FAMILY.into()], data: EMBEDDED.iter().map(|d| d.to_vec()).collect() }
    }

    /// An installed family first (its font files), the embedded one behind
    /// it for anything it lacks.
    pub fn with_family(family: String, files: Vec<Vec<u8>>) -> Fonts {
        let mut fonts = Fonts::embedded();
        fonts.families.insert(0, family);
        fonts.data.extend(files);
        fonts
    }

    /// No installed family: the core looks up none itself (the web page has
    /// the embedded fonts alone; the command line looks in the system's).
    pub fn none_installed(family: &str) -> Result<Fonts, NotInstalled> {
        Err(NotInstalled { family: family.into(), near: None })
    }

    /// The fonts parsed once, to measure many texts.
    pub fn measure(&self) -> Measure<'_> {
        let faces: Vec<ttf_parser::Face<'_>> =
            self.data.iter().filter_map(|d| ttf_parser::Face::parse(d, 0).ok()).collect();
        // Bold text takes its glyphs from bold faces where they have them.
        let mut bold = faces.clone();
        bold.sort_by_key(|f| !f.is_bold());
        Measure { faces, bold }
    }
}

/// The fonts in use, parsed: how wide a text is, and which characters none
/// of them has.
pub struct Measure<'a> {
    faces: Vec<ttf_parser::Face<'a>>,
    /// The same faces, bold ones first.
    bold: Vec<ttf_parser::Face<'a>>,
}

impl Measure<'_> {
    /// About how wide `text` is at `size` points: the sum of its glyphs'
    /// advances, each from the first font that has it (shaping aside).
    pub fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let faces = if bold { &self.bold } else { &self.faces };
        text.chars()
            .filter_map(|c| {
                faces.iter().find_map(|f| {
                    let glyph = f.glyph_index(c)?;
                    Some(f64::from(f.glyph_hor_advance(glyph)?) / f64::from(f.units_per_em()))
                })
            })
            .sum::<f64>()
            * size
    }

    /// How far Thai marks reach, in ems: above the capital height (where
    /// Typst puts the top of a line: a tone mark stacked on an upper vowel)
    /// and below the baseline (a lower vowel, ฎ's and ฐ's tails), from the
    /// bounds of the glyphs of the Thai block in the font that sets them.
    pub fn thai_reach(&self) -> Reach {
        let mut reach = Reach::default();
        for c in '\u{E01}'..='\u{E5B}' {
            let Some((face, glyph)) = self.faces.iter().find_map(|f| Some((f, f.glyph_index(c)?))) else { continue };
            let Some(bounds) = face.glyph_bounding_box(glyph) else { continue };
            let em = f64::from(face.units_per_em());
            // A font without a capital height: Typst's own guess, 70% of the em.
            let cap = face.capital_height().map_or(0.7, |h| f64::from(h) / em);
            reach.above = reach.above.max(f64::from(bounds.y_max) / em - cap);
            reach.below = reach.below.max(-f64::from(bounds.y_min) / em);
        }
        reach
    }

    /// The characters of `text` that no font in use has a glyph for.
    /// Spaces, line breaks and invisible format characters need none.
    pub fn uncovered(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !is_invisible(*c))
            .filter(|c| !self.faces.iter().any(|f| f.glyph_index(*c).is_some()))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        missing
    }
}

/// How far marks reach past a line's top and bottom, in ems.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Reach {
    pub above: f64,
    pub below: f64,
}

/// Zero-width and other format characters that print nothing.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_marks_reach_past_the_capital_height_and_below_the_baseline() {
        let reach = Fonts::embedded().measure().thai_reach();
        // Laksaman: glyphs from -0.369 to 1.254 em, capital height 0.716.
        assert!((reach.above - 0.538).abs() < 0.01 && (reach.below - 0.369).abs() < 0.01, "{reach:?}");
    }

    #[test]
    fn the_embedded_font_covers_thai_latin_and_thai_digits() {
        let fonts = Fonts::embedded();
        assert!(
            fonts.measure().uncovered("องค์การบริหารส่วนตำบล ๐๑๒๓๔๕๖๗๘๙ ITA 81.90% (i10) #*_$@<>[]`\\=/-+~").is_empty()
        );
    }

    #[test]
    fn characters_no_font_has_are_listed_once() {
        let fonts = Fonts::embedded();
        let missing = fonts.measure().uncovered("ສະບາຍດີ 😀😀 ไทย");
        assert!(missing.contains(&'ສ') && missing.contains(&'😀'), "{missing:?}");
        assert_eq!(missing.iter().filter(|c| **c == '😀').count(), 1);
        assert!(!missing.iter().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(c)), "Thai is covered: {missing:?}");
        assert!(fonts.measure().uncovered("a\u{200B}b").is_empty());
    }

    #[test]
    fn widths_grow_with_the_text_and_the_size() {
        let fonts = Fonts::embedded();
        let m = fonts.measure();
        let w = m.width("องค์การ", 16.0, false);
        assert!(w > 30.0 && w < 80.0, "{w}");
        assert!((m.width("องค์การ", 32.0, false) - 2.0 * w).abs() < 1e-9);
        assert!(m.width("องค์การองค์การ", 16.0, false) > w * 1.9);
        assert!(m.width("องค์การ", 16.0, true) > w, "bold is wider");
    }
}
