//! The command line: one module a subcommand, the arguments in [`args`].

mod args;
mod build;
mod catalog;
mod check;
mod console;
mod edit;
mod init;
mod schema;
mod watch;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command, native};

pub fn main() -> ExitCode {
    console::utf8();
    let code = run(parsed());
    if code != ExitCode::SUCCESS {
        console::keep_open();
    }
    console::restore();
    code
}

/// The arguments. On Windows, the .exe opened from Explorer without any
/// (a double-click) opens the start page, and with a YAML file alone (a
/// file dropped on it) the editor on that file, where a usage text would
/// flash in a window that closes at once.
fn parsed() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let dropped = |a: &std::ffi::OsString| {
        let path = std::path::Path::new(a);
        path.is_file() && crate::disk::is_yaml(path)
    };
    let parsed = match args.as_slice() {
        [_] if cfg!(windows) => Cli::try_parse_from(["ita-report", "edit"]),
        [_, file] if cfg!(windows) && dropped(file) => {
            Cli::try_parse_from(["ita-report".into(), "edit".into(), file.clone()])
        }
        _ => Cli::try_parse_from(args),
    };
    parsed.unwrap_or_else(|e| {
        let _ = e.print();
        if e.use_stderr() {
            console::keep_open();
        }
        console::restore();
        std::process::exit(e.exit_code())
    })
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check { file, catalog } => check::run(&native(file), catalog.map(native).as_deref()),
        Command::Build { files, out } => build::run(files.into_iter().map(native).collect(), &out.options()),
        Command::Watch { file, out } => watch::run(&native(file), &out.options()),
        Command::Edit { file, port, no_open, out } => {
            edit::run(file.map(native).as_deref(), port, !no_open, out.options())
        }
        Command::Schema => schema::run(),
        Command::Init { path, from: Some(last), .. } => init::next_year(&native(last), path.map(native)),
        Command::Init { path, year, agency, district, province, from: None } => {
            init::run(path.map(native), year, crate::init::Agency { name: agency, district, province })
        }
        Command::Catalog { year } => catalog::run(year),
    }
}

/// Diagnostics on standard error, each with the line of `source` it points
/// at, in colour on a terminal only.
fn eprint(diags: &[crate::diag::Diagnostic], file: &str, source: &str) {
    for d in diags {
        anstream::eprint!("{}", crate::diag::render(d, file, source));
    }
}
