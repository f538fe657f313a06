//! The integration tests, in one binary (one link of Typst, one shared
//! harness in `support`): the check of every rule, the PDF and the DOCX
//! as their readers see them (the PDF's text in five extractors), hostile input, the JSON Schema, and the
//! everyday workflow of the command line, and the framework's years.

mod bounds;
mod browser;
mod check;
mod check_builds;
mod chrome;
mod clerk;
mod clients;
mod columns;
mod dates;
mod docx;
mod docx_order;
mod edit;
mod edit_files;
mod extract;
mod followup;
mod history;
mod hostile;
mod lost;
mod pages;
mod paste;
mod pdf;
mod problems;
mod recode;
#[cfg(unix)]
mod recover;
mod rows;
mod schema;
mod sketch;
mod start;
mod support;
mod tabs;
mod web;
mod workflow;
mod years;
