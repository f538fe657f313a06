//! The command line: one module a subcommand, the arguments in [`args`].

mod args;
mod build;
mod catalog;
mod check;
mod edit;
mod init;
mod schema;
mod watch;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

pub fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { file, catalog } => check::run(&file, catalog.as_deref()),
        Command::Build { files, out } => build::run(files, &out.options()),
        Command::Watch { file, out } => watch::run(&file, &out.options()),
        Command::Edit { file, port, no_open, out } => edit::run(&file, port, !no_open, out.options()),
        Command::Schema => schema::run(),
        Command::Init { path, from: Some(last), .. } => init::next_year(&last, path),
        Command::Init { path, year, agency, district, province, from: None } => {
            init::run(path, year, crate::init::Agency { name: agency, district, province })
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
