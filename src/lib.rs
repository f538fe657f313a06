//! ita-report: one YAML file in, the official Thai document of an agency's
//! ITA analysis and measures out, as a print-ready PDF and an editable DOCX.
//!
//! The pipeline, one module a stage: [`load`] (YAML with positions) →
//! [`validate`] (against the input format and the year's [`catalog`]) →
//! [`report`] (the checked model) → [`compose`] (wording from templates into a
//! layout-neutral [`document`], with the [`layout`]'s measures) → the [`pdf`]
//! and [`docx`] writers; [`build`] runs them all for the command line
//! ([`cli`]). [`diag`] says what is wrong with an input, [`thai`] and [`date`]
//! format numbers and dates.

// Typst and krilla allocate and free millions of small objects a document,
// from several threads at once: mimalloc spends less on it than glibc's
// allocator. Its version 2 (the `v2` feature): for a build of the example,
// its CPU time and peak memory are below those of version 3. Here, not in
// main.rs, so that benches and tests measure what the command line runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod amend;
pub mod build;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod compose;
pub mod date;
pub mod diag;
pub mod document;
pub mod docx;
pub mod edit;
pub mod fingerprint;
pub mod fonts;
pub mod init;
pub mod layout;
pub mod limits;
pub mod load;
pub mod output;
pub mod pdf;
pub mod report;
pub mod schema;
pub mod sniff;
pub mod suggest;
pub mod thai;
pub mod validate;
pub mod wordbreak;
