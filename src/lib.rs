//! ita-report: one YAML file in, the official Thai document of an agency's
//! ITA analysis and measures out, as a print-ready PDF and an editable DOCX.
//!
//! The core, one module a stage: [`load`] (YAML with positions) →
//! [`validate`] (against the input format and the year's [`catalog`]) →
//! [`report`] (the checked model) → [`compose`] (wording from templates into a
//! layout-neutral [`document`], with the [`layout`]'s measures) → the [`pdf`]
//! and [`docx`] writers; [`pipeline`] runs them all on an input's bytes, and
//! [`draft`] is an input being edited. [`diag`] says what is wrong with an
//! input, [`thai`] and [`date`] format numbers and dates. The core opens no
//! file (what an input names comes through [`files`]), starts no thread and
//! reads no clock.
//!
//! Around it, the front ends of the `cli` feature: the command line
//! ([`cli`], running [`batch`] over files read from [`disk`] and written by
//! [`output`]) and the local editor ([`edit`]). The web page is the third,
//! in its own crate (web/).

// Typst and krilla allocate and free millions of small objects a document,
// from several threads at once: mimalloc spends less on it than glibc's
// allocator. Its version 2 (the `v2` feature): for a build of the example,
// its CPU time and peak memory are below those of version 3. Here, not in
// main.rs, so that benches and tests measure what the command line runs.
#[cfg(feature = "cli")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod amend;
pub mod catalog;
pub mod check;
pub mod compose;
pub mod coverage;
pub mod date;
pub mod diag;
pub mod document;
pub mod docx;
pub mod draft;
pub mod files;
pub mod fonts;
pub mod init;
pub mod layout;
pub mod limits;
pub mod load;
pub mod pdf;
pub mod pipeline;
pub mod report;
pub mod schema;
pub mod sniff;
pub mod suggest;
pub mod thai;
pub mod validate;
pub mod wordbreak;

#[cfg(feature = "cli")]
pub mod batch;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "cli")]
pub mod disk;
#[cfg(feature = "cli")]
pub mod edit;
#[cfg(feature = "cli")]
pub mod fingerprint;
#[cfg(feature = "cli")]
pub mod output;
#[cfg(feature = "cli")]
pub mod system_fonts;
