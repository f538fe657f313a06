//! The command line: one module a subcommand, the arguments in [`args`].

mod args;
mod build;
mod check;
mod init;
mod schema;
mod watch;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

pub fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { file } => check::run(&file),
        Command::Build { files, out } => build::run(files, &out.options()),
        Command::Watch { file, out } => watch::run(&file, &out.options()),
        Command::Schema => schema::run(),
        Command::Init { path, agency, district, province } => {
            init::run(path, crate::init::Agency { name: agency, district, province })
        }
    }
}
