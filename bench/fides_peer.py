#!/usr/bin/env python3
"""Write a Fides manifest equivalent to a generated stack for the privacy-matching rule.

    python bench/fides_peer.py bench/out/M/json bench/out/M/fides

The rule Fides' own evaluator can express is PRIV-005 on direct flows: sensitive categories
(GDPR Art. 9 and 10) reaching advertising. Tollgate's PRIV-005 reports a flow into a system of
type `ad_platform` that carries such data; on the generated data (leaf categories only, no
child subjects) what a flow carries is what it declares. So each flow into an ad platform
becomes one privacy declaration (named after the flow) of a Fides system standing for the
platform, with the flow's categories and subjects and an advertising use (the flow's own when
it is one, else `marketing.advertising`); the policy has one rule: any sensitive category, for
any `marketing.advertising` use, of any subject. One Fides violation then corresponds to one
Tollgate PRIV-005 finding. bench/run times `fides --local evaluate` over the manifest and
counts its violations.
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
    flows, subjects, types = [], set(), {}
    for path in sorted(source.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        flows.extend(document.get("flows", []))
        types.update({system["id"]: system.get("system_type") for system in document.get("systems", [])})
    declarations = {}
    for flow in flows:
        subjects.update(flow.get("data_subjects", []))
        if types.get(flow["to"]) != "ad_platform":
            continue
        use = flow.get("data_use") or ""
        declarations.setdefault(flow["to"], []).append({
            "name": flow["id"], "data_categories": flow["data_categories"],
            "data_use": use if use.startswith("marketing.advertising") else "marketing.advertising",
            "data_subjects": flow.get("data_subjects", []),
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
