//! Two arbitrary statements through the aligner and the side-by-side diff:
//! every sentence of both appears exactly once in the rows, with its exact
//! text, in each side's order (see tests/invariants). The input is
//! `left NUL right`; without a NUL it is cut in the middle.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|input: &str| {
    let (left, right) = input.split_once('\0').unwrap_or_else(|| {
        let mut mid = input.len() / 2;
        while !input.is_char_boundary(mid) {
            mid += 1;
        }
        input.split_at(mid)
    });
    let d = invariants::diff_of(left, right);
    invariants::check_diff(left, right, &d);
});
