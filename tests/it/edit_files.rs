//! The editor over files that are not plain UTF-8 files, and over links:
//! one that `check` refuses for its encoding (Windows-874 Thai, UTF-16) is
//! shown and never written, and a Windows-874 one is converted to a new
//! UTF-8 file on request; one with a byte-order mark, or reached through a
//! link, edits like any file, its mark and its link kept. A logo or catalog
//! named through a link that leads out of the folder is refused.

use std::fs;

use serde_json::json;

use crate::edit::{Running, set};
use crate::support::{bin, minimal, stderr};

fn rename_agency() -> serde_json::Value {
    set(json!(["agency", "name"]), json!("องค์การบริหารส่วนตำบลแก้ไข"))
}

/// Every request that would write is refused, and the file stays as it was.
fn nothing_written(ed: &Running, bytes: &[u8]) {
    assert_eq!(ed.json("POST", "/api/edit", rename_agency()).0, 422);
    for path in ["/api/save", "/api/build"] {
        let (status, reply) = ed.json("POST", path, json!({}));
        assert_eq!(status, 422, "{path}: {reply}");
        assert!(reply["error"]["en"].as_str().unwrap().contains("cannot be edited"), "{reply}");
    }
    assert_eq!(fs::read(&ed.file).unwrap(), bytes);
    assert!(!ed.dir.path().join("output").exists(), "nothing built");
}

#[test]
fn a_windows_874_file_is_shown_not_written_and_converted_to_a_new_file_on_request() {
    let text = minimal();
    let (bytes, _, lossy) = encoding_rs::WINDOWS_874.encode(&text);
    let bytes = bytes.into_owned();
    assert!(!lossy);
    let ed = Running::start(&bytes);
    let (_, state) = ed.json("GET", "/api/state", json!(null));
    assert!(state["read_only"]["hint"].as_str().unwrap().contains("TIS-620"), "{}", state["read_only"]);
    assert_eq!(state["read_only"]["convertible"], true);
    nothing_written(&ed, &bytes);

    let (status, state) = ed.json("POST", "/api/convert", json!({}));
    assert_eq!(status, 200, "{state}");
    assert_eq!(state["file"], "ita-utf8.yaml");
    assert!(state["read_only"].is_null());
    let converted = ed.dir.path().join("ita-utf8.yaml");
    assert_eq!(fs::read_to_string(&converted).unwrap(), minimal());
    assert_eq!(fs::read(&ed.file).unwrap(), bytes, "the original kept");
    // The new file is the one edited now.
    assert_eq!(ed.json("POST", "/api/edit", rename_agency()).0, 200);
    assert_eq!(ed.json("POST", "/api/save", json!({})).0, 200);
    assert!(fs::read_to_string(&converted).unwrap().contains("ตำบลแก้ไข"));
    let o = bin().arg("check").arg(&converted).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_utf16_file_is_shown_and_never_written() {
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(minimal().encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let ed = Running::start(&utf16);
    let (_, state) = ed.json("GET", "/api/state", json!(null));
    assert!(state["read_only"]["en"].as_str().unwrap().contains("UTF-16"), "{}", state["read_only"]);
    assert_eq!(state["read_only"]["convertible"], false);
    nothing_written(&ed, &utf16);
    assert_eq!(ed.json("POST", "/api/convert", json!({})).0, 422);
}

#[test]
fn a_file_with_a_byte_order_mark_edits_and_keeps_it() {
    let ed = Running::start(format!("\u{FEFF}{}", minimal()));
    assert_eq!(ed.json("POST", "/api/edit", rename_agency()).0, 200);
    assert_eq!(ed.json("POST", "/api/save", json!({})).0, 200);
    let saved = ed.text();
    assert!(saved.starts_with('\u{FEFF}') && saved.contains("ตำบลแก้ไข"), "{saved}");
    assert_eq!(saved.matches('\u{FEFF}').count(), 1);
    let o = bin().arg("check").arg(&ed.file).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_linked_file_is_saved_through_its_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.yaml");
    fs::write(&real, minimal()).unwrap();
    let link = dir.path().join("ita.yaml");
    std::os::unix::fs::symlink("real.yaml", &link).unwrap();
    let ed = Running::over(dir, link.clone());
    assert_eq!(ed.json("POST", "/api/edit", rename_agency()).0, 200);
    let (status, reply) = ed.json("POST", "/api/save", json!({}));
    assert_eq!(status, 200, "{reply}");
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link kept");
    assert!(fs::read_to_string(&real).unwrap().contains("ตำบลแก้ไข"));
    assert_eq!(ed.json("GET", "/api/state", json!(null)).1["dirty"], false);
}

#[cfg(unix)]
#[test]
fn a_logo_or_catalog_reached_through_a_link_out_of_the_folder_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.png"), b"not for the editor").unwrap();
    let ed = Running::start(minimal());
    std::os::unix::fs::symlink(outside.path().join("secret.png"), ed.dir.path().join("link.png")).unwrap();
    std::os::unix::fs::symlink(outside.path(), ed.dir.path().join("away")).unwrap();
    let before = ed.text();
    for (path, name) in [(json!(["agency", "logo"]), "link.png"), (json!(["document", "catalog"]), "away/secret.png")] {
        let (status, reply) = ed.json("POST", "/api/edit", set(path, json!(name)));
        assert_eq!(status, 422, "{name}: {reply}");
        assert!(reply["refused"].as_str().unwrap().contains("outside the file's folder"), "{reply}");
        assert_eq!(ed.json("POST", "/api/save", json!({})).0, 200);
        assert_eq!(ed.text(), before, "{name}");
    }
    // A file of the folder is named as before.
    fs::write(ed.dir.path().join("own.png"), b"").unwrap();
    assert_eq!(ed.json("POST", "/api/edit", set(json!(["agency", "logo"]), json!("own.png"))).0, 200);
}
