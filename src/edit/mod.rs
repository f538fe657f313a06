//! The editor: a form in the browser over one input file, with the
//! finished document's pages beside it as they are typed.

pub mod ops;
pub mod server;
pub mod session;
pub mod tree;
pub mod yaml_text;
