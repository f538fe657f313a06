//! The list of what is wrong, opened from the editor's header by a click
//! or by a build refused: every message of the form, errors first, each
//! taking the keyboard to its field.

use fantoccini::Locator;

use crate::chrome::until;
use crate::support::root;

#[tokio::test(flavor = "current_thread")]
async fn the_headers_list_takes_each_error_to_its_field() {
    let test = "the_headers_list_takes_each_error_to_its_field";
    // The example with its first measure's owner left out: an error.
    let example = std::fs::read_to_string(root().join("data/hannangam-2568.yaml")).unwrap();
    let owner = example.lines().find(|l| l.trim_start().starts_with("owner:")).unwrap();
    let Some((_driver, c, _ed)) =
        crate::edit::in_browser(test, (1024, 700), example.replacen(&format!("{owner}\n"), "", 1)).await
    else {
        return;
    };
    until(&c, "the error shown", "return !!document.querySelector('#form .msg.error');").await;

    // Build, refused, opens the list: it names what stands in the way.
    c.find(Locator::Id("build")).await.unwrap().click().await.unwrap();
    until(&c, "the list, errors first, opened by Build", "var b = document.querySelectorAll('#problems .problem'); return b.length >= 1 && b[0].classList.contains('error') && b[0].textContent.indexOf('ยังไม่ได้กรอก') >= 0;").await;
    c.find(Locator::Css("#problems .problem.error")).await.unwrap().click().await.unwrap();
    until(&c, "the owner's box focused, the list closed", "var f = document.activeElement; return !!f && f.getAttribute('data-path') === 'issues[0].measures[0].owner' && document.getElementById('problems').hidden;").await;

    // Typed where the list took the keyboard, the error is gone.
    c.active_element().await.unwrap().send_keys("สำนักปลัด").await.unwrap();
    until(&c, "no error left", "return !document.querySelector('#form .msg.error');").await;
    c.find(Locator::Id("problems-open")).await.unwrap().click().await.unwrap();
    until(
        &c,
        "no error in the list",
        "return !document.getElementById('problems').hidden && !document.querySelector('#problems .problem.error');",
    )
    .await;
    c.close().await.unwrap();
}

/// A score taken out of the list while an issue uses its item: the error
/// is said at the score's row, where it is mended, and typing there mends it.
#[tokio::test(flavor = "current_thread")]
async fn a_missing_score_is_said_at_the_score_list() {
    let test = "a_missing_score_is_said_at_the_score_list";
    let example = std::fs::read_to_string(root().join("data/hannangam-2568.yaml")).unwrap();
    let Some((_driver, c, ed)) =
        crate::edit::in_browser(test, (1024, 700), example.replacen("  i4: 95.71\n", "", 1)).await
    else {
        return;
    };
    let at_row = "var m = document.querySelector('#form .msg.error'); var f = document.querySelector('[data-path=\"scores.i4\"]'); \
                  return !!m && !!f && m.getAttribute('data-for').indexOf('issues[') === 0 && m.parentNode.contains(f);";
    until(&c, "the error at i4's score", at_row).await;
    let field = c.find(Locator::Css("[data-path=\"scores.i4\"]")).await.unwrap();
    field.click().await.unwrap();
    field.send_keys("95.71").await.unwrap();
    until(&c, "no error left", "return !document.querySelector('#form .msg.error');").await;
    ed.saved(&["i4: 95.71"]);
    c.close().await.unwrap();
}
