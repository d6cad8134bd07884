#!/usr/bin/env python3
"""Generate Sources/TollgateKit/Taxonomy/FidesTaxonomy+Data.swift from fideslang.

The Fides taxonomy (data categories, data uses, data subjects) is published by
Ethyca in several forms. We treat the Python defaults shipped in the `fideslang`
package (`fideslang.default_taxonomy.DEFAULT_TAXONOMY`) as the authority: that
is the copy the library itself loads, it is versioned on PyPI so we can pin it,
and it keeps deprecated keys (e.g. `personalize.profiling`) together with their
replacement instead of dropping them, which Tollgate needs in order to accept
old inventories and point at the new key.

The generated Swift file is committed, so building Tollgate never needs Python.
Run this only when bumping the pinned fideslang version in
scripts/requirements-dev.txt, then review the diff like any other change.

Usage:
    python3 scripts/generate-taxonomy.py           # (re)write the Swift file
    python3 scripts/generate-taxonomy.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import sys
from pathlib import Path

from fideslang.default_taxonomy import DEFAULT_TAXONOMY

REPO_ROOT = Path(__file__).resolve().parent.parent
OUTPUT = REPO_ROOT / "Sources" / "TollgateKit" / "Taxonomy" / "FidesTaxonomy+Data.swift"
REQUIREMENTS = REPO_ROOT / "scripts" / "requirements-dev.txt"

# (taxonomy field on DEFAULT_TAXONOMY, Swift property name, doc comment)
SECTIONS = [
    ("data_category", "dataCategories", "Data categories (`data_category`), sorted by key."),
    ("data_use", "dataUses", "Data uses (`data_use`), sorted by key."),
    ("data_subject", "dataSubjects", "Data subjects (`data_subject`), sorted by key."),
]


def swift_string(value: str) -> str:
    """Return `value` as a Swift string literal.

    Backslashes and double quotes must be escaped; control characters are
    written as \\u{...} so the generated file never contains raw newlines or
    invisible bytes inside a literal. Other non-ASCII text (accents and the
    like) is kept as-is: Swift sources are UTF-8.
    """
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0x80 <= ord(ch) < 0xA0:
            out.append("\\u{%X}" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def warn_if_not_pinned(package: str, version: str) -> None:
    """Warn when the installed package is not the one requirements-dev.txt pins.

    Output from an unpinned version is still written (that is how a bump
    starts), but the header would then name a version nobody else can
    reproduce, so say so loudly.
    """
    if not REQUIREMENTS.exists():
        return
    match = re.search(rf"^{re.escape(package)}==(\S+)", REQUIREMENTS.read_text(encoding="utf-8"), re.M)
    if match and match.group(1) != version:
        print(
            f"warning: {package} {version} is installed but {REQUIREMENTS.name} pins {match.group(1)}",
            file=sys.stderr,
        )


def swift_optional(value: str | None) -> str:
    return "nil" if value is None else swift_string(value)


def collect(field: str) -> list[dict]:
    """Pull the fields Tollgate needs out of one taxonomy list, sorted by key.

    Data subjects are flat in fideslang (their model has no `parent_key`), so
    the parent is read defensively and is nil for them.
    """
    entries = []
    for item in getattr(DEFAULT_TAXONOMY, field):
        entries.append(
            {
                "key": item.fides_key,
                "name": item.name,
                "parent": getattr(item, "parent_key", None),
                "replaced_by": getattr(item, "replaced_by", None),
                # fideslang marks deprecation by the release that deprecated the
                # key; there is no separate boolean.
                "deprecated": bool(getattr(item, "version_deprecated", None)),
            }
        )
    entries.sort(key=lambda e: e["key"])
    return entries


def validate(field: str, entries: list[dict]) -> None:
    """Refuse to write data that the Swift side would misbehave on.

    A new fideslang release could in principle ship a dangling parent or a
    duplicate key; failing here is better than generating a lookup table
    whose tree walk silently stops early.
    """
    keys = [e["key"] for e in entries]
    problems = []
    if len(keys) != len(set(keys)):
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        problems.append(f"duplicate keys: {', '.join(dupes)}")
    known = set(keys)
    for e in entries:
        if not e["name"]:
            problems.append(f"{e['key']}: empty name")
        parent = e["parent"]
        if parent is not None:
            if parent not in known:
                problems.append(f"{e['key']}: parent {parent!r} is not in {field}")
            elif not e["key"].startswith(parent + "."):
                problems.append(f"{e['key']}: parent {parent!r} is not its key prefix")
        elif "." in e["key"]:
            problems.append(f"{e['key']}: dotted key without a parent")
        if e["replaced_by"] is not None and e["replaced_by"] not in known:
            problems.append(f"{e['key']}: replacement {e['replaced_by']!r} is not in {field}")
    if problems:
        raise SystemExit(f"fideslang {field} failed validation:\n  " + "\n  ".join(problems))


def line_limit() -> int:
    """The project's line length from .swift-format (110 if unreadable).

    Generated code should pass `swift format lint` like hand-written code,
    so entries that would not fit on one line are wrapped (see render_entry).
    """
    try:
        return int(json.loads((REPO_ROOT / ".swift-format").read_text(encoding="utf-8"))["lineLength"])
    except (OSError, ValueError, KeyError, TypeError):
        return 110


def render_entry(e: dict, limit: int) -> list[str]:
    args = [
        f"key: {swift_string(e['key'])}",
        f"name: {swift_string(e['name'])}",
        f"parent: {swift_optional(e['parent'])}",
    ]
    # replacedBy/isDeprecated have defaults in TaxonomyEntry.init; leaving them
    # out when unset keeps ordinary lines short and the rare deprecated ones
    # easy to spot in a diff.
    if e["replaced_by"] is not None:
        args.append(f"replacedBy: {swift_string(e['replaced_by'])}")
    if e["deprecated"]:
        args.append("isDeprecated: true")
    one_line = f"        TaxonomyEntry({', '.join(args)}),"
    if len(one_line) <= limit:
        return [one_line]
    # One argument per line: a layout swift-format accepts as-is, and one that
    # keeps a diff of a renamed key or a new deprecation to a single line.
    return ["        TaxonomyEntry("] + [f"            {a}," for a in args[:-1]] + [f"            {args[-1]}", "        ),"]


def render(version: str) -> str:
    lines = [
        f"// Generated by scripts/generate-taxonomy.py from fideslang {version} — do not edit by hand.",
        "// Fides taxonomy © Ethyca, Inc., licensed CC BY 4.0 (see NOTICE).",
        "extension FidesTaxonomy {",
        "    /// The fideslang release these keys were generated from.",
        f"    static let sourceVersion = {swift_string(version)}",
    ]
    limit = line_limit()
    for field, prop, doc in SECTIONS:
        entries = collect(field)
        validate(field, entries)
        lines.append(f"    /// {doc}")
        lines.append(f"    static let {prop}: [TaxonomyEntry] = [")
        for e in entries:
            lines.extend(render_entry(e, limit))
        lines.append("    ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the committed file differs")
    args = parser.parse_args()

    # The distribution metadata is the version pip installed, which is what
    # requirements-dev.txt pins; fideslang.__version__ can lag in dev installs.
    version = importlib.metadata.version("fideslang")
    warn_if_not_pinned("fideslang", version)
    text = render(version)

    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(REPO_ROOT)} is out of date; run scripts/generate-taxonomy.py", file=sys.stderr)
            return 1
        return 0

    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT.relative_to(REPO_ROOT)} (fideslang {version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
