#!/usr/bin/env python3
"""Write a Fides manifest equivalent to a generated stack for the privacy-matching rule.

    python bench/fides_peer.py bench/out/M/json bench/out/M/fides

The rule Fides' own evaluator can express is PRIV-005 on direct flows: sensitive categories
(GDPR Art. 9 and 10) used for advertising. Each Tollgate flow becomes one privacy declaration
(named after the flow) of a Fides system standing for the flow's destination, with the flow's
categories, use and subjects; the policy has one rule: any sensitive category, for any
`marketing.advertising` use, of any subject. On the generated data a flow targets advertising
exactly when its use is under `marketing.advertising` (every ad platform's uses are), so one
Fides violation corresponds to one Tollgate PRIV-005 finding. bench/run times
`fides --local evaluate` over the manifest and counts its violations.
"""

import json
import sys
from pathlib import Path

SENSITIVE = [
    "user.demographic.race_ethnicity", "user.demographic.political_opinion", "user.demographic.religious_belief",
    "user.demographic.sexual_orientation", "user.health_and_medical", "user.biometric",
    "user.authorization.biometric", "user.criminal_history", "user.childrens",
]


def main():
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    flows, subjects = [], set()
    for path in sorted(source.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        flows.extend(document.get("flows", []))
    declarations = {}
    for flow in flows:
        subjects.update(flow.get("data_subjects", []))
        declarations.setdefault(flow["to"], []).append({
            "name": flow["id"], "data_categories": flow["data_categories"],
            "data_use": flow.get("data_use", "essential"), "data_subjects": flow.get("data_subjects", []),
        })
    systems = [{"fides_key": key.replace("-", "_"), "name": key, "organization_fides_key": "default_organization",
                "system_type": "Service", "privacy_declarations": items} for key, items in declarations.items()]
    policy = {"fides_key": "tollgate_bench", "name": "Tollgate bench (PRIV-005, direct)",
              "organization_fides_key": "default_organization",
              "rules": [{"name": "sensitive data to advertising",
                         "data_categories": {"matches": "ANY", "values": SENSITIVE},
                         "data_uses": {"matches": "ANY", "values": ["marketing.advertising"]},
                         "data_subjects": {"matches": "ANY", "values": sorted(subjects)}}]}
    target.mkdir(parents=True, exist_ok=True)
    # JSON is YAML: Fides reads .yml manifests with a YAML parser.
    (target / "manifest.yml").write_text(json.dumps({"system": systems, "policy": [policy]}), encoding="utf-8")


if __name__ == "__main__":
    main()
