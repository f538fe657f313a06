//! `ita-report catalog [YEAR]`: a built-in framework year as a catalog file.

use std::io::Write;
use std::process::ExitCode;

use crate::catalog;

pub fn run(year: Option<i32>) -> ExitCode {
    let years = catalog::years();
    let year = year.unwrap_or(*years.last().expect("a built-in year"));
    if !years.contains(&year) {
        let list: Vec<String> = years.iter().map(i32::to_string).collect();
        let list = list.join(", ");
        eprintln!(
            "error: ไม่มีกรอบการประเมินของปี {year} ในโปรแกรม มีของปี {list} \
             (no built-in catalog for {year}; the built-in years are {list})"
        );
        return ExitCode::from(2);
    }
    let text = catalog::to_yaml(&catalog::for_year(year).0);
    match std::io::stdout().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
