//! hold FILE UNTIL: opens FILE as Word opens a document it shows (others
//! may read it, not write, rename or delete it), says "held", and keeps it
//! so until the file UNTIL is gone, or for a minute at most.

use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, file, until] = args.as_slice() else {
        eprintln!("usage: hold FILE UNTIL");
        std::process::exit(2);
    };
    let _file = open(file);
    println!("held");
    let start = Instant::now();
    while Path::new(until).exists() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[cfg(windows)]
fn open(file: &str) -> std::fs::File {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_SHARE_READ: u32 = 1;
    std::fs::OpenOptions::new().read(true).share_mode(FILE_SHARE_READ).open(file).expect("the file opens")
}

#[cfg(not(windows))]
fn open(_: &str) -> std::fs::File {
    panic!("hold is a Windows program")
}
