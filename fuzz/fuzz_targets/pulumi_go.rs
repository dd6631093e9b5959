#![no_main]

use irlint_fuzz::Target;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| Target::PulumiGo.run(data));
