//! libFuzzer target: `tlsrpt_lint::fuzzing::arm_expression` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tlsrpt_lint::fuzzing::arm_expression(data));
