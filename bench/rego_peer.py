#!/usr/bin/env python3
"""Evaluate bench/rego/tollgate_bench.rego over a generated stack with rego-cpp (PyPI `regopy`).

    python bench/rego_peer.py bench/out/M/json ACC-009,LIC-001
    python bench/rego_peer.py bench/out/S/json ACC-009 --elements   # the violations themselves

Prints one JSON object: the number of violations per rule id, the seconds spent building the
interpreter's input from the stack (what `opa eval -i stack.json` pays to read its input) and
the seconds spent in each query; a rule rego-cpp fails to evaluate is listed under `errors`. Run by bench/run in its own process, so a crash or the
memory of the Rego engine never touches the benchmark itself.

The stack's JSON files are merged into one input document first (every entity list
concatenated, in file order), outside the timed part: that is the `input.json` a Rego user
would hand to the engine.

With `--elements`, each rule's violations ("kind:id|key", one per Tollgate finding) are
printed under `elements` instead of only counted, to compare them with Tollgate's findings.
"""

import json
import sys
import time
from pathlib import Path

from regopy import Input, Interpreter

RULE_NAMES = {
    "ACC-009": "acc009", "ACC-001": "acc001", "LIC-001": "lic001",
    "PRIV-018": "priv018", "PRIV-012": "priv012", "PRIV-005": "priv005",
}
POLICY = Path(__file__).resolve().parent / "rego" / "tollgate_bench.rego"


def merged_stack(directory):
    merged = {}
    for path in sorted(Path(directory).glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for key, value in document.items():
            if key == "version":
                continue
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged[key] = value
    return merged


def main():
    arguments = [a for a in sys.argv[1:] if a != "--elements"]
    elements = "--elements" in sys.argv[1:]
    directory, rules = arguments[0], [r for r in arguments[1].split(",") if r]
    stack = merged_stack(directory)
    interpreter = Interpreter()
    interpreter.add_module("tollgate_bench", POLICY.read_text(encoding="utf-8"))
    start = time.perf_counter()
    interpreter.set_input(Input(stack))
    input_seconds = time.perf_counter() - start
    counts, query_seconds, errors, listed = {}, {}, {}, {}
    for rule in rules:
        start = time.perf_counter()
        name = f"data.tollgate.bench.{RULE_NAMES[rule]}"
        output = interpreter.query(name if elements else f"count({name})")
        query_seconds[rule] = time.perf_counter() - start
        text = str(output)
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            # rego-cpp answers `<error>` when a query exceeds what it can evaluate.
            errors[rule] = text[:200]
            continue
        result = value["expressions"][0] if "expressions" in value else None
        if elements:
            listed[rule] = result
            result = None if result is None else len(result)
        counts[rule] = result
    report = {"counts": counts, "input_seconds": input_seconds, "query_seconds": query_seconds, "errors": errors}
    if elements:
        report["elements"] = listed
    print(json.dumps(report))


if __name__ == "__main__":
    main()
