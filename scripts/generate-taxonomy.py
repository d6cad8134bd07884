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

import importlib.metadata
import sys

from swiftgen import REPO_ROOT, line_limit, swift_string, warn_if_not_pinned, write_or_check

from fideslang.default_taxonomy import DEFAULT_TAXONOMY

OUTPUT = REPO_ROOT / "Sources" / "TollgateKit" / "Taxonomy" / "FidesTaxonomy+Data.swift"

# (taxonomy field on DEFAULT_TAXONOMY, Swift property name, doc comment)
SECTIONS = [
    ("data_category", "dataCategories", "Data categories (`data_category`), sorted by key."),
    ("data_use", "dataUses", "Data uses (`data_use`), sorted by key."),
    ("data_subject", "dataSubjects", "Data subjects (`data_subject`), sorted by key."),
]


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
    # The installed distribution's version is what requirements-dev.txt pins.
    version = importlib.metadata.version("fideslang")
    warn_if_not_pinned("fideslang", version)
    return write_or_check(
        __doc__.split("\n\n")[0], OUTPUT, "generate-taxonomy.py", lambda: (render(version), f"fideslang {version}")
    )


if __name__ == "__main__":
    sys.exit(main())
