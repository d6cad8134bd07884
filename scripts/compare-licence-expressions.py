#!/usr/bin/env python3
"""Parse SPDX licence expressions with the `license-expression` package.

An independent reference for Tollgate's own parser
(Sources/TollgateKit/Licensing/LicenceExpressionParser.swift): the test
LicenceExpressionComparisonTests feeds it a few hundred expressions, valid and
invalid, and compares validity and the normalised text.

Reads a JSON array of strings on stdin and writes a JSON array of the same
length: for each expression {"valid": bool, "normalized": str | null,
"error": str | null}. license-expression's normalised text writes ids in
canonical case, deprecated GNU ids in their -only/-or-later form, upper-case
operators and parentheses around every compound operand.

Usage:
    echo '["mit or apache-2.0"]' | python3 scripts/compare-licence-expressions.py
"""

from __future__ import annotations

import json
import sys

from license_expression import get_spdx_licensing


def main() -> int:
    licensing = get_spdx_licensing()
    expressions = json.load(sys.stdin)
    results = []
    for text in expressions:
        # validate("") reports no error and the text "None"; the specification has no empty expression.
        if not text.strip():
            results.append({"valid": False, "normalized": None, "error": "empty expression"})
            continue
        try:
            info = licensing.validate(text, strict=True)
            valid = not info.errors and info.normalized_expression is not None
            results.append(
                {
                    "valid": valid,
                    "normalized": info.normalized_expression if valid else None,
                    "error": "; ".join(info.errors) or None,
                }
            )
        # The library raises on a few malformed inputs (e.g. "MIT AND", "()") instead of
        # reporting them; for the comparison that is simply "invalid".
        except Exception as error:  # noqa: BLE001
            results.append({"valid": False, "normalized": None, "error": f"{type(error).__name__}: {error}"})
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
