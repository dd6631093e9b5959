//! Lowering of go (being written).
