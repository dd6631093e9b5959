//! Lowering of csharp (being written).
