//! Untrusted pull requests: everything a pull request can put in the tree is hostile. Each test
//! builds an attack in a temporary directory (a git repository where it needs one) and proves
//! it fails.

#[path = "../support/mod.rs"]
mod support;

mod config;
mod git;
mod output;
#[cfg(unix)]
mod paths;
