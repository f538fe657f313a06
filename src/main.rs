fn main() -> std::process::ExitCode {
    ita_report::cli::main()
}
