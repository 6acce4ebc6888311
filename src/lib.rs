//! `readouts`: a corpus of paired diplomatic readouts and the analyses that
//! compare them. The pipeline runs corpus → text → index → analyses → render;
//! `cmd` wires each subcommand to it. See ARCHITECTURE.md for the map.

pub mod analysis;
pub mod cmd;
pub mod corpus;
pub mod hash;
pub mod index;
pub mod par;
pub mod progress;
pub mod render;
pub mod text;
