//! `ita-report edit [FILE]`: the form in the browser, the document's pages
//! beside it. A FILE that does not exist yet starts as `init` would write
//! it; without a FILE, a start page lists the working folder's files and
//! starts new ones. Ctrl-C ends the editor at once: every file it writes is
//! written whole or not at all, so nothing is left half-written.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::batch::Options;
use crate::edit::server::Editor;
use crate::edit::session::Session;
use crate::edit::start::Start;
use crate::init::Agency;

pub fn run(file: Option<&Path>, port: u16, open: bool, opts: Options) -> ExitCode {
    let stop = Arc::new(AtomicBool::new(false));
    let on_signal = stop.clone();
    let on_ctrl_c = move || {
        on_signal.store(true, Ordering::Relaxed);
        // The editor stops between two requests, but a preview being made
        // may take seconds: it is not waited for; a save being put in
        // place is.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let _settled = crate::output::settled();
        stopped();
    };
    if let Err(e) = ctrlc::set_handler(on_ctrl_c) {
        eprintln!("warning: Ctrl-C will not be caught: {e}");
    }
    let editor = match file {
        Some(file) => on_file(file, port, opts),
        None => from_start_page(port, open, opts, &stop),
    };
    let mut editor = match editor {
        Ok(Some(editor)) => editor,
        Ok(None) => return stopped(),
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    if file.is_some() {
        announce(&editor.url(), open);
    }
    editor.run(&stop);
    stopped()
}

/// The editor over FILE, a starter written first if there is none.
fn on_file(file: &Path, port: u16, opts: Options) -> Result<Option<Editor>, String> {
    let shown = file.display();
    let no_file = || format!("{shown} ไม่ใช่ไฟล์ข้อมูล ({shown} is no ordinary file)");
    if crate::disk::is_device(file) {
        return Err(no_file());
    }
    // A save killed half-way hid the file as a recovery file: it is put
    // back before the file is looked for, so that no starter takes its name
    // (in the folder of a link's target too, where its saves go).
    let target = std::fs::read_link(file).ok().map(|t| crate::disk::Folder::of(file).0.join(t));
    let folders = [Some(file.to_path_buf()), target];
    for folder in folders.iter().flatten().map(|f| crate::disk::Folder::of(f).0) {
        crate::output::recover_in(&folder).map_err(|e| e.to_string())?;
    }
    // Refused before a starter is written: `edit new.pdf -o .`.
    crate::batch::plan(&[file.to_path_buf()], &opts.out_dir, opts.kind.suffix()).map_err(|e| e.to_string())?;
    if !file.exists() {
        crate::disk::write_starter(file, &Agency::default()).map_err(|e| e.to_string())?;
        eprintln!("เขียนไฟล์ตั้งต้น {shown} แล้ว (wrote the starter file {shown})");
    }
    if !file.is_file() {
        return Err(no_file());
    }
    let session = Session::open(file, opts)?;
    Editor::bind(port, session).map(Some).map_err(|e| cannot_listen(port, &e))
}

/// The editor over the file chosen on the start page, at the page's
/// address; None if stopped before a choice.
fn from_start_page(port: u16, open: bool, opts: Options, stop: &AtomicBool) -> Result<Option<Editor>, String> {
    let start = Start::bind(port, std::path::PathBuf::from("."), opts).map_err(|e| cannot_listen(port, &e))?;
    announce(&start.url(), open);
    Ok(start.run(stop))
}

fn announce(url: &str, open: bool) {
    eprintln!("ตัวแก้ไขเปิดที่ (the editor is at) {url}");
    eprintln!("กด Ctrl-C หรือปิดหน้าต่างนี้เพื่อปิด (press Ctrl-C or close this window to stop)");
    if open && webbrowser::open(url).is_err() {
        eprintln!("เปิดเบราว์เซอร์ไม่ได้: เปิดลิงก์ข้างบนเอง (cannot open a browser: open the link above yourself)");
    }
}

fn cannot_listen(port: u16, e: &str) -> String {
    format!("เปิดพอร์ต {port} ไม่ได้ (cannot listen on port {port}): {e}")
}

fn stopped() -> ExitCode {
    eprintln!("ปิดตัวแก้ไขแล้ว (the editor has stopped)");
    super::console::restore();
    // Out at once: the server's threads would wait for the browser's open
    // connections, and there is nothing left to write.
    std::process::exit(0)
}
