#!/usr/bin/env python3
"""Writes src/corpus/iso3166.rs from pycountry's ISO 3166 tables.

    python3 src/corpus/iso3166.py > src/corpus/iso3166.rs

Needs pycountry 26.2.16 (PyPI), the version the committed table was made
from; another version may add, rename or withdraw countries, which is the
point of regenerating. Current entries (ISO 3166-1) sorted by alpha-3 code;
withdrawn ones (ISO 3166-3) by alpha-3 code, without their alpha-2 codes;
a country's common name where pycountry gives one.
"""

import pycountry


def rust(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    print("//! ISO 3166-1 country codes (alpha-3, alpha-2, short name), generated from the")
    print(f"//! ISO 3166 tables as packaged by pycountry {pycountry_version()}, plus withdrawn codes (ISO 3166-3)")
    print("//! that historical corpora such as the UN General Debate Corpus still use.")
    print("//! Regenerate rather than edit by hand (`iso3166.py` beside this file); free codes live in `sides.rs`.")
    print()
    print("/// Current ISO 3166-1 entries: (alpha-3, alpha-2, name).")
    print("pub const CURRENT: &[(&str, &str, &str)] = &[")
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        print(f"    ({rust(c.alpha_3)}, {rust(c.alpha_2)}, {rust(short_name(c))}),")
    print("];")
    print()
    print("/// Withdrawn ISO 3166-1 alpha-3 codes (ISO 3166-3): (alpha-3, name). Their alpha-2")
    print("/// codes were reassigned or are ambiguous, so only the alpha-3 form is accepted.")
    print("pub const WITHDRAWN: &[(&str, &str)] = &[")
    for c in sorted(pycountry.historic_countries, key=lambda c: c.alpha_3):
        print(f"    ({rust(c.alpha_3)}, {rust(c.name)}),")
    print("];")


def short_name(c):
    """The common name where ISO's is formal ("Bolivia", not "Bolivia,
    Plurinational State of")."""
    return getattr(c, "common_name", c.name)


def pycountry_version():
    from importlib.metadata import version

    return version("pycountry")


if __name__ == "__main__":
    import os
    import sys

    # The check in src/corpus/sides.rs asks for the version the table was made from.
    wanted = os.environ.get("ISO3166_PYCOUNTRY")
    if wanted and pycountry_version() != wanted:
        sys.exit(f"pycountry {pycountry_version()} is installed, not {wanted}")
    main()
