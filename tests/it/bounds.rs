//! Bounded work: what aliases expand to is counted in bytes of text as
//! well as in values, so that a small file cannot repeat a long text into a
//! document that takes minutes and gigabytes to build.

use crate::edit::raw;
use crate::support::{bin, minimal, stderr};

#[test]
fn an_alias_repeating_a_long_text_is_refused_where_it_passes_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    // Made up: 40 copies of a 30,000-letter text, each within the limit of
    // one text, in a file of 90 KB.
    let mut text = format!("long: &long \"{}\"\ncopies:\n", "ก".repeat(30_000));
    text.push_str(&"  - *long\n".repeat(40));
    let file = dir.path().join("aliases.yaml");
    std::fs::write(&file, &text).unwrap();
    let o = bin().arg("check").arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // 90,000 bytes of UTF-8 a copy: the text and 11 copies come to
    // 1,080,000, past 1 MiB: the 11th copy, on line 2 + 11.
    let at = "aliases.yaml:13:5: error: ข้อความในไฟล์รวมกันเกินขีดจำกัด 1 MiB";
    assert!(stderr(&o).contains(at), "{}", stderr(&o));
    assert!(stderr(&o).contains("an alias counts as the text it repeats"), "{}", stderr(&o));

    // Fewer copies, within the limit, check as the file they expand to.
    let within = text.replace(&"  - *long\n".repeat(40), &"  - *long\n".repeat(10));
    std::fs::write(&file, within).unwrap();
    let o = bin().arg("check").arg(&file).output().unwrap();
    assert!(!stderr(&o).contains("an alias counts as the text it repeats"), "{}", stderr(&o));
}

/// Made up: 500 measures of 12 steps, in ten issues (900 KB): a document
/// of some 200 pages, seconds to lay out.
fn heavy() -> String {
    let mut text = minimal().split("issues:\n").next().unwrap().to_string() + "issues:\n";
    for issue in 1..=10 {
        text += &format!("  - title: ประเด็นที่ {issue}\n    items: [i1, i10, o5]\n");
        text += "    analysis: {cause: สาเหตุ, guideline: แนวทาง}\n    measures:\n";
        for measure in 1..=50 {
            text += &format!("      - target: i10\n        name: มาตรการที่ {measure}\n        steps:\n");
            for step in 1..=12 {
                text += &format!("          - จัดประชุมชี้แจงเจ้าหน้าที่ขั้นตอนที่ {step}\n");
            }
            text += "        period: {from: 2568-10-01, to: 2569-09-30}\n        owner: สำนักปลัด\n";
        }
    }
    text
}

/// Ctrl-C stops the editor at once, even while it makes a heavy preview.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_editor_during_a_heavy_preview() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("heavy.yaml");
    std::fs::write(&file, heavy()).unwrap();
    let (child, port, token) = crate::recover::editor(&file, None);
    let mut child = Stopped(child);
    let cookie = format!("ita_token_{port}={token}");
    let preview = std::thread::spawn(move || {
        let host = format!("127.0.0.1:{port}");
        // The editor stopped before its reply: the connection closes empty.
        std::panic::catch_unwind(|| raw(port, "GET", "/api/preview", &[("Host", &host), ("Cookie", &cookie)], b"").0)
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    let interrupt = format!("kill -INT {}", child.0.id());
    assert!(std::process::Command::new("sh").arg("-c").arg(interrupt).status().unwrap().success());
    assert!(child.0.wait().unwrap().success());
    let answered = preview.join().unwrap();
    assert!(answered.is_err(), "the editor waited for its preview before it stopped: {answered:?}");
}

/// A child process killed when the test ends, however it ends.
struct Stopped(std::process::Child);

impl Drop for Stopped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
