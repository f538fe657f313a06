//! Load and check from arbitrary bytes: whatever a file holds, the answer is
//! a report or diagnostics, never a panic, a hang or unbounded memory. A
//! file that checks is composed too, as `build` would.
#![no_main]

use ita_report::files::NoFiles;
use ita_report::{compose, load, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok((loaded, _)) = load::load_bytes(bytes.to_vec()) else { return };
    // Relative logo paths lead nowhere: a file of the corpus names none.
    let checked = validate::check(loaded.root.as_ref(), &NoFiles, None);
    for d in &checked.diagnostics {
        assert!(d.pos.line >= 1 && d.pos.col >= 1, "every diagnostic is located: {d:?}");
        assert!(d.pos.offset <= loaded.text.len(), "the offset is inside the file: {d:?}");
    }
    if let Some(report) = checked.report {
        let _ = compose::compose(&report);
    }
});
