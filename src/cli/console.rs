//! The console on Windows. Thai is printed as UTF-8 while the program
//! runs: the console's code page is set to UTF-8 (65001), which PowerShell
//! also reads a redirected output by, and put back as it was at the end.
//! Elsewhere, terminals are UTF-8 already, and these do nothing.

#[cfg(windows)]
mod win {
    use std::sync::atomic::{AtomicU32, Ordering};

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleOutputCP() -> u32;
        fn SetConsoleOutputCP(code_page: u32) -> i32;
        fn GetConsoleCP() -> u32;
        fn SetConsoleCP(code_page: u32) -> i32;
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
        fn SetConsoleCtrlHandler(handler: Option<unsafe extern "system" fn(u32) -> i32>, add: i32) -> i32;
    }

    const UTF8: u32 = 65001;
    /// The code pages found, output and input; 0 while not changed.
    static OUTPUT: AtomicU32 = AtomicU32::new(0);
    static INPUT: AtomicU32 = AtomicU32::new(0);

    pub fn utf8() {
        // SAFETY: plain calls, the handler a function that lives as long as
        // the program; without a console they fail, and nothing is changed.
        unsafe {
            OUTPUT.store(GetConsoleOutputCP(), Ordering::Relaxed);
            INPUT.store(GetConsoleCP(), Ordering::Relaxed);
            SetConsoleOutputCP(UTF8);
            SetConsoleCP(UTF8);
            SetConsoleCtrlHandler(Some(on_ctrl), 1);
        }
    }

    /// Ctrl-C, Ctrl-Break or the window closed, where no handler of the
    /// program's own takes it (the editor has one): the code page put
    /// back, then Windows' own handler, which ends the program.
    unsafe extern "system" fn on_ctrl(_event: u32) -> i32 {
        restore();
        0
    }

    pub fn restore() {
        let (output, input) = (OUTPUT.swap(0, Ordering::Relaxed), INPUT.swap(0, Ordering::Relaxed));
        // SAFETY: as above.
        unsafe {
            if output != 0 {
                SetConsoleOutputCP(output);
            }
            if input != 0 {
                SetConsoleCP(input);
            }
        }
    }

    /// Whether the console is this process's alone: Windows made it for a
    /// program opened from Explorer, and closes it when the program ends.
    pub fn own_window() -> bool {
        let mut list = [0u32; 2];
        // SAFETY: the list is as long as the count says.
        unsafe { GetConsoleProcessList(list.as_mut_ptr(), 2) == 1 }
    }
}

#[cfg(windows)]
pub use win::{own_window, restore, utf8};

#[cfg(not(windows))]
pub fn utf8() {}

#[cfg(not(windows))]
pub fn restore() {}

#[cfg(not(windows))]
pub fn own_window() -> bool {
    false
}

/// In a window that closes with the program, the last message stays until
/// the official has read it and pressed Enter.
pub fn keep_open() {
    if own_window() {
        eprintln!("กด Enter เพื่อปิดหน้าต่างนี้ (press Enter to close this window)");
        let _ = std::io::stdin().read_line(&mut String::new());
    }
}
