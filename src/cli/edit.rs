//! `ita-report edit FILE`: the form in the browser, the document's pages
//! beside it. A FILE that does not exist yet starts as `init` would write
//! it. Ctrl-C ends the editor at once: every file it writes is written
//! whole or not at all, so nothing is left half-written.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::batch::Options;
use crate::edit::server::Editor;
use crate::edit::session::Session;
use crate::init::Agency;

pub fn run(file: &Path, port: u16, open: bool, opts: Options) -> ExitCode {
    if !file.exists() {
        if let Err(e) = crate::disk::write_starter(file, &Agency::default()) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        eprintln!("เขียนไฟล์ตั้งต้น {0} แล้ว (wrote the starter file {0})", file.display());
    }
    if !file.is_file() {
        let shown = file.display();
        eprintln!("error: {shown} ไม่ใช่ไฟล์ข้อมูล ({shown} is no ordinary file)");
        return ExitCode::from(2);
    }
    let session = match Session::open(file, opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let mut editor = match Editor::bind(port, session) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: เปิดพอร์ต {port} ไม่ได้ (cannot listen on port {port}): {e}");
            return ExitCode::from(2);
        }
    };
    let stop = Arc::new(AtomicBool::new(false));
    let on_signal = stop.clone();
    if let Err(e) = ctrlc::set_handler(move || on_signal.store(true, Ordering::Relaxed)) {
        eprintln!("warning: Ctrl-C will not be caught: {e}");
    }
    let url = editor.url();
    eprintln!("ตัวแก้ไขเปิดที่ (the editor is at) {url}");
    eprintln!("กด Ctrl-C เพื่อปิด (press Ctrl-C to stop)");
    if open && webbrowser::open(&url).is_err() {
        eprintln!("เปิดเบราว์เซอร์ไม่ได้: เปิดลิงก์ข้างบนเอง (cannot open a browser: open the link above yourself)");
    }
    editor.run(&stop);
    eprintln!("ปิดตัวแก้ไขแล้ว (the editor has stopped)");
    // Out at once: the server's threads would wait for the browser's open
    // connections, and there is nothing left to write.
    std::process::exit(0)
}
