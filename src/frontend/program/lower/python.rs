//! Lowering of python (being written).
