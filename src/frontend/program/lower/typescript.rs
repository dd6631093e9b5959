//! Lowering of typescript (being written).
