"""Helpers shared by the data generators in scripts/: Swift literal escaping, the
project's line length, the pinned-version check, and writing (or --check-ing) the
generated Swift file. Kept beside its three users; not a general library."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Callable

REPO_ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = REPO_ROOT / "scripts" / "requirements-dev.txt"


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


def line_limit() -> int:
    """The project's line length from .swift-format (110 if unreadable), so that
    generated code passes `swift format lint` like hand-written code."""
    try:
        return int(json.loads((REPO_ROOT / ".swift-format").read_text(encoding="utf-8"))["lineLength"])
    except (OSError, ValueError, KeyError, TypeError):
        return 110


def write_or_check(description: str, output: Path, script: str, render: Callable[[], tuple[str, str]]) -> int:
    """Parse `--check`, render the file, and write it or compare it with the committed one.

    `render` returns the file's text and a short summary for the "wrote" line.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the committed file differs")
    args = parser.parse_args()
    text, summary = render()
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            print(f"{output.relative_to(REPO_ROOT)} is out of date; run scripts/{script}", file=sys.stderr)
            return 1
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {output.relative_to(REPO_ROOT)} ({summary})")
    return 0
