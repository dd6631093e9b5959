//! Lowering of java (being written).
