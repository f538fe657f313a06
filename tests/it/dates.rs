//! Dates in the editor, typed key by key in Chromium as Thai officials
//! write them: what the page shows, what the file holds and what the
//! document prints are one date, and a half-typed or impossible one never
//! reaches the file.

use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};

use crate::chrome::until;
use crate::support::{self, root};

/// Types `keys` into the field at `path` after emptying it, then leaves it
/// with Tab, as a person does.
async fn type_and_leave(c: &Client, path: &str, keys: &str) {
    let field = emptied(c, path).await;
    field.send_keys(&format!("{keys}{}", char::from(Key::Tab))).await.unwrap();
}

/// The field at `path`, scrolled to the middle of its pane, clicked and
/// emptied with Ctrl-A and Backspace.
async fn emptied(c: &Client, path: &str) -> fantoccini::elements::Element {
    let css = format!("input[data-path=\"{path}\"]");
    c.execute(
        &format!("document.querySelector('{}').scrollIntoView({{block: 'center'}});", css.replace('\'', "\\'")),
        vec![],
    )
    .await
    .unwrap();
    let field = c.find(Locator::Css(&css)).await.unwrap();
    field.click().await.unwrap();
    field.send_keys(&format!("{}a{}", char::from(Key::Control), char::from(Key::Backspace))).await.unwrap();
    field
}

/// The note beside the field at `path`.
fn note(path: &str) -> String {
    format!("document.querySelector('[data-path=\"{path}\"]').parentNode.querySelector('.derived')")
}

#[tokio::test(flavor = "current_thread")]
async fn dates_are_typed_as_thai_officials_write_them_and_written_only_whole() {
    let test = "dates_are_typed_as_thai_officials_write_them_and_written_only_whole";
    let example = std::fs::read_to_string(root().join("data/hannangam-2568.yaml")).unwrap();
    let Some((_driver, c, ed)) = crate::edit::in_browser(
        test,
        (1024, 700),
        example.replacen(
            "document:\n",
            "document:\n  signatory:\n    name: นายทดสอบ ใจดี\n    position: นายกองค์การบริหารส่วนตำบลหันนางาม\n",
            1,
        ),
    )
    .await
    else {
        return;
    };
    until(&c, "the pages", "return document.querySelectorAll('#pages img').length > 10;").await;
    let path = "document.signatory.date";

    // Arabic digits, a two-digit year.
    type_and_leave(&c, path, "1/10/68").await;
    ed.saved(&["date: 2568-10-01"]);
    until(&c, "the date as printed", &format!("return {}.textContent.indexOf('๑ ตุลาคม ๒๕๖๘') >= 0;", note(path))).await;

    // A day February has not: said beside the box, and the file keeps its date.
    type_and_leave(&c, path, "31/2/2568").await;
    until(
        &c,
        "the impossible date refused",
        &format!(
            "var n = {}; return n.classList.contains('wrong') && n.textContent.indexOf('๒๘ วัน') >= 0;",
            note(path)
        ),
    )
    .await;
    assert!(ed.text().contains("date: 2568-10-01") && !ed.text().contains("2568-02-31"), "{}", ed.text());

    // Half typed, in Thai digits: "๒๕" would be the year 2525, a real
    // date, but nothing is written while the box is still being typed in.
    let field = emptied(&c, path).await;
    field.send_keys("๑๕ ธ.ค. ๒๕").await.unwrap();
    std::thread::sleep(Duration::from_millis(2000));
    assert!(ed.text().contains("date: 2568-10-01") && !ed.text().contains("2525"), "{}", ed.text());
    field.send_keys(&format!("๖๘{}", char::from(Key::Tab))).await.unwrap();
    let text = ed.saved(&["date: 2568-12-15"]);
    assert_eq!(text.matches("date:").count(), 1, "{text}");
    let shown: String =
        serde_json::from_value(c.execute(&format!("return {}.textContent;", note(path)), vec![]).await.unwrap())
            .unwrap();
    assert!(shown.contains("๑๕ ธันวาคม ๒๕๖๘"), "{shown}");
    c.close().await.unwrap();

    // What the document prints is the date the page showed.
    let out = ed.dir.path().join("cli");
    let o = support::bin().args(["build", "-o"]).arg(&out).arg(&ed.file).output().unwrap();
    assert!(o.status.success(), "{}", support::stderr(&o));
    if support::have("pdftotext", test) {
        let printed = support::pdf_text(&out.join("ita.pdf"));
        assert!(printed.contains("๑๕ ธันวาคม ๒๕๖๘"), "the PDF does not print the date shown");
    }
}
