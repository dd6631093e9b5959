//! What irlint prints: no forged workflow commands, no terminal escapes, no secrets.
