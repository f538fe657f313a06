//! Pages as a typesetter leaves them. A table row split across pages keeps
//! at least two of its lines on each side: no row's first line alone at a
//! page's foot, no last line alone at the next page's head under the
//! repeated header. And no page is left mostly empty but the last of a
//! part, before a new page of another part begins. Judged by poppler, not
//! by the Typst that set the pages: the rules of each page rendered, and
//! its lines of text with their boxes (`pdftotext -bbox-layout`).

use std::path::Path;
use std::process::Command;

use ita_report::document::Block;
use ita_report::thai::arabic_digits;

use crate::pages::Grey;
use crate::support::*;

/// A line of text on a page, its box in points from the page's top.
struct Line {
    x: f32,
    middle: f32,
    text: String,
}

/// One page as poppler reads it.
struct Page {
    height: f32,
    lines: Vec<Line>,
    /// The y of each table rule across the page, top first, in points.
    rules: Vec<f32>,
}

/// An attribute of the element whose text (after its name) begins `text`.
fn attribute(text: &str, name: &str) -> f32 {
    let tag = format!(" {}", &text[..text.find('>').unwrap()]);
    let at = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    tag[at..].split('"').next().unwrap().parse().unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The page's lines, from poppler's XHTML of boxes.
fn lines(xhtml: &str) -> Vec<Line> {
    xhtml
        .split("<line ")
        .skip(1)
        .map(|chunk| {
            let line = &chunk[..chunk.find("</line>").unwrap()];
            let (top, bottom) = (attribute(line, "yMin"), attribute(line, "yMax"));
            let text = line
                .split("<word ")
                .skip(1)
                .map(|w| unescape(&w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()]))
                .collect();
            Line { x: attribute(line, "xMin"), middle: (top + bottom) / 2.0, text }
        })
        .collect()
}

fn read(pdf: &Path, page: usize, dir: &Path) -> Page {
    let n = page.to_string();
    let o = Command::new("pdftotext").args(["-bbox-layout", "-f", &n, "-l", &n]).arg(pdf).arg("-").output().unwrap();
    assert!(o.status.success(), "pdftotext: {}", String::from_utf8_lossy(&o.stderr));
    let xhtml = String::from_utf8(o.stdout).unwrap();
    let height = attribute(&xhtml[xhtml.find("<page ").unwrap() + "<page ".len()..], "height");
    // 144 dpi: two pixels a point.
    let prefix = dir.join("rules");
    let o = Command::new("pdftoppm")
        .args(["-gray", "-r", "144", "-singlefile", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(o.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&o.stderr));
    let grey = Grey::read(&std::fs::read(prefix.with_extension("pgm")).unwrap());
    let rules = grey.rules().iter().map(|(y0, y1, _, _)| (*y0 + *y1) as f32 / 4.0).collect();
    Page { height, lines: lines(&xhtml), rules }
}

impl Page {
    /// The lines between two rules.
    fn band(&self, above: f32, below: f32) -> Vec<&Line> {
        self.lines.iter().filter(|l| l.middle > above && l.middle < below).collect()
    }

    /// Text other than the page's number, outside the rules: none when a
    /// table runs on from the page's foot or from its head.
    fn text_beyond(&self, from: f32, to: f32) -> bool {
        self.band(from, to).iter().any(|l| !l.is_number())
    }

    /// How far down the page its text reaches, its number aside.
    fn filled(&self) -> f32 {
        self.lines.iter().filter(|l| !l.is_number()).map(|l| l.middle).fold(0.0, f32::max) / self.height
    }

    /// Whether the page begins with one of these texts (the first heading
    /// of each part).
    fn begins(&self, parts: &[String]) -> bool {
        self.lines.iter().filter(|l| !l.is_number()).take(1).any(|l| {
            let first = squeeze(&l.text);
            parts.iter().any(|p| p.starts_with(&first))
        })
    }
}

impl Line {
    fn is_number(&self) -> bool {
        self.text.chars().all(|c| c.is_numeric() || c == '-')
    }
}

/// Lines of the band's fullest column.
fn depth(band: &[&Line]) -> usize {
    let mut columns: Vec<(f32, Vec<f32>)> = Vec::new();
    for l in band {
        match columns.iter_mut().find(|(x, _)| (x - l.x).abs() < 8.0) {
            Some((_, ys)) => ys.push(l.middle),
            None => columns.push((l.x, vec![l.middle])),
        }
    }
    columns.iter().map(|(_, ys)| ys.len()).max().unwrap_or(0)
}

fn squeeze(s: &str) -> String {
    arabic_digits(&s.split_whitespace().collect::<String>())
}

/// The pages of one input as built; the texts of its tables' cells, and
/// the first heading of each part that begins a new page.
fn built(input: &Path, dir: &Path) -> (Vec<Page>, Vec<String>, Vec<String>) {
    let report = ita_report::disk::check_file(input).report.expect("the input checks");
    let blocks = ita_report::compose::compose(&report).blocks;
    let parts = blocks
        .iter()
        .zip(blocks.iter().skip(1))
        .filter_map(|pair| match pair {
            (Block::Section { .. }, Block::Heading { text, .. }) => Some(squeeze(text)),
            _ => None,
        })
        .collect();
    let cells = blocks
        .iter()
        .filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
        .flat_map(|t| t.rows.iter().flatten())
        .map(|c| squeeze(&c.paras.iter().map(|p| p.plain()).collect::<String>()))
        .collect();
    let o = build(input, dir, &[]);
    assert!(o.status.success(), "{}: {}", input.display(), stderr(&o));
    let pdf = dir.join(input.with_extension("pdf").file_name().unwrap());
    let count = pdf_info(&pdf, "Pages", None).parse::<usize>().unwrap();
    ((1..=count).map(|p| read(&pdf, p, dir)).collect(), cells, parts)
}

/// Every row break across pages; the breaks that leave a lone line of a
/// row, described. A line that is a whole cell is a whole row's, where a
/// row has one line.
fn lone_lines(input: &Path, pages: &[Page], cells: &[String]) -> (usize, Vec<String>) {
    let (mut breaks, mut lone) = (0, Vec::new());
    for (n, pair) in pages.windows(2).enumerate() {
        let (this, next) = (&pair[0], &pair[1]);
        let (Some(&foot), Some(&head)) = (this.rules.last(), next.rules.first()) else { continue };
        if this.rules.len() < 2
            || next.rules.len() < 3
            || this.text_beyond(foot + 2.0, this.height)
            || next.text_beyond(0.0, head - 2.0)
        {
            continue;
        }
        breaks += 1;
        let sides = [
            ("foot", n + 1, this.band(this.rules[this.rules.len() - 2], foot)),
            ("head", n + 2, next.band(next.rules[1], next.rules[2])),
        ];
        for (side, page, band) in sides {
            let whole = band.iter().all(|l| cells.contains(&squeeze(&l.text)));
            if depth(&band) < 2 && !whole {
                let text: Vec<&str> = band.iter().map(|l| l.text.as_str()).collect();
                lone.push(format!("{}: page {page}'s {side}: {text:?}", input.display()));
            }
        }
    }
    (breaks, lone)
}

#[test]
fn a_row_split_across_pages_keeps_two_lines_on_each_side() {
    if !have("pdftotext", "a_row_split_across_pages_keeps_two_lines_on_each_side")
        || !have("pdftoppm", "a_row_split_across_pages_keeps_two_lines_on_each_side")
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inputs = [
        "data/hannangam-2568.yaml",
        "tests/inputs/long-analysis.yaml",
        "tests/inputs/thai-marks.yaml",
        "tests/inputs/docx-signatory.yaml",
        "tests/inputs/followup.yaml",
        "tests/inputs/minimal.yaml",
        "tests/inputs/pdf-markup.yaml",
    ];
    let (mut breaks, mut lone, mut empty) = (0, Vec::new(), Vec::new());
    for input in inputs {
        let input = root().join(input);
        let (pages, cells, parts) = built(&input, dir.path());
        let (b, l) = lone_lines(&input, &pages, &cells);
        breaks += b;
        lone.extend(l);
        // A full page's text reaches some 88% of the way down, one under
        // 60% is mostly empty. The cover is set on its own.
        for (n, pair) in pages.windows(2).enumerate().skip(1) {
            if !pair[1].begins(&parts) && pair[0].filled() < 0.6 {
                empty.push(format!("{}: page {} filled to {:.0}%", input.display(), n + 1, pair[0].filled() * 100.0));
            }
        }
    }
    assert!(breaks > 50, "only {breaks} breaks inside tables found");
    assert!(lone.is_empty(), "a row's line alone across a page:\n{}", lone.join("\n"));
    assert!(empty.is_empty(), "pages left mostly empty inside a part:\n{}", empty.join("\n"));
}
