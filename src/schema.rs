//! Schema: the input format as a JSON Schema (draft-07), for editors.
//!
//! `ita-report schema` prints it and `ita-report init` writes it beside the
//! starter file, whose first line points the YAML language server (the
//! VS Code YAML extension and others) at it:
//! `# yaml-language-server: $schema=./ita-report.schema.json`. The editor
//! then completes keys, shows each key's meaning in Thai and English, and
//! marks unknown keys, blank or out-of-range scores, misspelt codes and
//! choices as they are typed.
//!
//! The schema is written by hand in `data/schema.json`. It says what a
//! schema can: keys, which are required, types, ranges, the form of codes
//! and dates. `validate` remains the truth: what needs the catalog or
//! several values at once (a code that must exist, a period that must not
//! end before it starts) only `ita-report check` says. Every file that
//! `check` accepts is valid against the schema; tests/schema.rs holds the
//! two to that, and the key lists to `validate`'s.

/// The JSON Schema of the input format, format 1.
pub const SCHEMA: &str = include_str!("../data/schema.json");

/// The name `init` gives the schema file it writes beside the starter file,
/// and that the starter file's first line names.
pub const FILE_NAME: &str = "ita-report.schema.json";
