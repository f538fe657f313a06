//! The DOCX's tables are set as the PDF's: the same columns (a header's
//! word is never cut in either: the owner column of portrait measures is
//! 3.1 cm in the PDF, where the DOCX gave it its bare share, 2.27 cm, and
//! LibreOffice cut its header, ผู้รับผิด|ชอบ), and scores flush right in
//! both (the PDF set them left, the DOCX centred).

use crate::docx::part;
use crate::support::{build, root, stderr};

#[test]
fn the_owner_column_of_portrait_measures_is_as_wide_as_the_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let o = build(&root().join("tests/inputs/docx-signatory.yaml"), dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let xml = part(&std::fs::read(dir.path().join("docx-signatory.docx")).unwrap(), "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let grids: Vec<Vec<f64>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("tblGrid"))
        .map(|g| {
            g.children()
                .filter_map(|c| c.attributes().find(|a| a.name() == "w"))
                .map(|a| a.value().parse::<f64>().unwrap() / 567.0)
                .collect()
        })
        .collect();
    // The measures' tables: five columns, the owner's last.
    let measures: Vec<&Vec<f64>> = grids.iter().filter(|g| g.len() == 5).collect();
    assert!(!measures.is_empty(), "{grids:?}");
    for grid in measures {
        assert!((3.0..3.3).contains(&grid[4]), "the owner column is {:.2} cm: {grid:?}", grid[4]);
        assert!((grid.iter().sum::<f64>() - 16.0).abs() < 0.01, "the text's width: {grid:?}");
    }
}

/// The right edges of the scores on page 3 of the example's PDF, by column.
fn score_edges(pdf: &std::path::Path) -> Vec<Vec<f64>> {
    // The example's page 3: the end of the indicators' table and the first
    // issue's, and prose without a number of this shape.
    let o = std::process::Command::new("pdftotext")
        .args(["-f", "3", "-l", "3", "-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8(o.stdout).unwrap();
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| ('๐'..='๙').contains(&c));
    let score = |w: &str| match w.split_once('.') {
        Some((whole, cents)) => digits(whole) && digits(cents) && cents.chars().count() == 2,
        None => w == "๑๐๐",
    };
    let mut columns: Vec<Vec<f64>> = Vec::new();
    for line in html.lines().filter(|l| l.contains("<word")) {
        let attr = |name: &str| {
            line.split(&format!("{name}=\"")).nth(1).and_then(|r| r.split('"').next()).unwrap().parse::<f64>().unwrap()
        };
        let word = line.rsplit_once("\">").unwrap().1.trim_end_matches("</word>");
        if score(word) {
            // A column's words end within a word's width of each other,
            // however they are aligned; the next column is further on.
            let right = attr("xMax");
            match columns.iter_mut().find(|c| (c[0] - right).abs() < 40.0) {
                Some(column) => column.push(right),
                None => columns.push(vec![right]),
            }
        }
    }
    columns
}

#[test]
fn scores_are_set_flush_right_in_both_documents() {
    if !crate::support::have("pdftotext", "scores_are_set_flush_right_in_both_documents") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let o = build(&root().join("data/hannangam-2568.yaml"), dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // ๑๐๐ and ๙๐.๙๕ end at one edge: flush right, not centred or left.
    let columns = score_edges(&dir.path().join("hannangam-2568.pdf"));
    // Two tables' score columns, several scores in each.
    assert!(columns.len() == 2 && columns.iter().all(|c| c.len() >= 3), "{columns:?}");
    for column in columns.iter().filter(|c| c.len() > 1) {
        let (min, max) = column.iter().fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(*x), b.max(*x)));
        assert!(max - min < 0.5, "right edges {min}..{max} in {column:?}");
    }
    // The DOCX's score paragraphs: right-aligned.
    let xml = part(&std::fs::read(dir.path().join("hannangam-2568.docx")).unwrap(), "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let scores: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("p"))
        .filter(|p| {
            let text: String = p.descendants().filter(|t| t.has_tag_name("t")).filter_map(|t| t.text()).collect();
            text.chars().count() >= 3
                && text.chars().all(|c| ('๐'..='๙').contains(&c) || c == '.')
                && p.ancestors().any(|a| a.has_tag_name("tc"))
        })
        .collect();
    assert!(scores.len() > 20, "{}", scores.len());
    for p in scores {
        let jc = p
            .descendants()
            .find(|n| n.has_tag_name("jc"))
            .and_then(|j| j.attributes().find(|a| a.name() == "val"))
            .map(|a| a.value());
        assert_eq!(jc, Some("right"));
    }
}
