//! Integration tests: build fixture sites under `tests/fixtures/` and the bundled portal.
//! One test binary, one module per feature; see tests/README.md.

mod common;

mod authoring;
mod bundled;
mod collections;
mod corpus;
mod errors;
mod faults;
mod hostile;
mod output;
mod serve;
mod session;
