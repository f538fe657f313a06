//! The DOCX's tables have the PDF's columns: a header's word is never cut
//! in either. The owner column of portrait measures is 3.1 cm in the PDF;
//! the DOCX gave it its bare share, 2.27 cm, and LibreOffice cut its header
//! (ผู้รับผิด|ชอบ, ยุทธศาส|ตร์).

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
