//! The local editor: the form in the browser over one input file on this
//! computer, with the finished document's pages beside it as they are
//! typed. The page is the web page's too (page/); here a server on
//! 127.0.0.1 answers it, and the draft is kept in the file.

pub mod http;
pub mod server;
pub mod session;
pub mod start;
