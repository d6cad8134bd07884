#!/usr/bin/env python3
"""Generate synthetic marketing stacks for Tollgate's benchmark, deterministically from a seed.

    python3 bench/generate.py --size S --out bench/out            # YAML and JSON
    python3 bench/generate.py --size L --format json --seed 7 --out bench/out

Writes `OUT/SIZE/yaml/` and `OUT/SIZE/json/`: one directory per format holding the same stack,
split by entity kind and in chunks (`flows-0003.json`), so that no file comes near the 32 MiB
per-file limit and the loader has several files to work on. The same seed gives the same bytes.

Sizes (rules-reference scale targets; issue 10):

    size  systems  flows    accounts  api keys  assets   SBOM components
    S     100      1,000    2,000     500       1,000    500
    M     1,000    10,000   20,000    5,000     10,000   5,000
    L     10,000   100,000  200,000   50,000    100,000  50,000

SBOM components are written as `assets` of kind `script`/`sdk` with a version and an SPDX
licence, because the SBOM importer lives on another branch; once it lands they can be written
as CycloneDX documents instead.

The mix is meant to look like a real enterprise: systems of every type, grouped into brands
that each serve one region (EEA, UK or US), flows that stay inside their brand, a share of
deliberate violations for every representative rule, and nothing at an ambiguous boundary:

- every category is a *leaf* of the Fides taxonomy, so the data a flow carries (Lineage) is
  exactly the personal categories it declares, and "sensitive data reaching an ad platform"
  is the same question transitively (Tollgate) and directly (the Rego peer);
- no `child` data subject, for the same reason (a child subject is inherited along paths);
- every flow declares `subject_regions`, and a brand's flows all share them, so no EEA data
  reaches a system of a non-EEA brand through a path;
- retention figures, password lengths, seat counts and DPF check dates stay clear of the
  rule thresholds (never exactly at them), so an off-by-one in either implementation would
  not hide behind the data.
"""

import argparse
import json
import os
import random
import re
import sys
from pathlib import Path

SIZES = {
    #        systems  flows    accounts  api_keys assets   sbom    people
    "S": dict(systems=100, flows=1_000, accounts=2_000, api_keys=500, assets=1_000, sbom=500, people=400),
    "M": dict(systems=1_000, flows=10_000, accounts=20_000, api_keys=5_000, assets=10_000, sbom=5_000, people=4_000),
    "L": dict(
        systems=10_000, flows=100_000, accounts=200_000, api_keys=50_000, assets=100_000, sbom=50_000, people=40_000
    ),
}

CHUNK = 5_000  # entities per file

REPO = Path(__file__).resolve().parent.parent
TAXONOMY_FILE = REPO / "Sources/TollgateKit/Taxonomy/FidesTaxonomy+Data.swift"

SYSTEM_TYPES = [  # (type, weight)
    ("crm", 6), ("esp", 8), ("cdp", 4), ("ad_platform", 10), ("analytics", 10), ("tag_manager", 5),
    ("social", 8), ("cms", 8), ("cmp", 3), ("dam", 5), ("ecommerce", 5), ("survey", 5), ("idp", 2),
    ("password_manager", 1), ("other", 5),
]

# Leaf categories only (checked against the taxonomy at start-up).
ORDINARY = [
    "user.contact.email", "user.contact.phone_number", "user.name.first", "user.name.last",
    "user.contact.address.city", "user.contact.address.postal_code", "user.contact.address.country",
    "user.device.cookie_id", "user.device.ip_address", "user.device.device_id", "user.unique_id.pseudonymous",
    "user.behavior.browsing_history", "user.behavior.purchase_history", "user.behavior.search_history",
    "user.demographic.age_range", "user.demographic.language", "user.account.username", "user.job_title",
    "user.location.imprecise", "user.payment",
]
SENSITIVE = [  # GDPR Art. 9 / Art. 10 leaves (PRIV-005's default set)
    "user.health_and_medical.genetic", "user.health_and_medical.record_id", "user.biometric.fingerprint",
    "user.demographic.religious_belief", "user.demographic.political_opinion", "user.criminal_history",
]
NON_PERSONAL = ["system.operations", "system.authentication"]
EXEMPT = "user.privacy_preferences"

USES_BY_TYPE = {
    "crm": ["marketing.communications.email", "essential.service.operations.support"],
    "esp": ["marketing.communications.email", "marketing.communications.sms"],
    "cdp": ["personalize.content.profiled", "analytics.reporting.campaign_insights"],
    "ad_platform": ["marketing.advertising.first_party.targeted", "marketing.advertising.third_party.targeted",
                    "marketing.advertising.serving"],
    "analytics": ["analytics.reporting.content_performance", "analytics.reporting.ad_performance"],
    "tag_manager": ["analytics.reporting.content_performance", "essential.service.operations"],
    "social": ["marketing.advertising.first_party.contextual", "marketing.communications"],
    "cms": ["essential.service", "personalize.content.limited"],
    "cmp": ["functional.storage.privacy_preferences"],
    "dam": ["essential.service"],
    "ecommerce": ["essential.service.payment_processing", "essential.service.notifications.email"],
    "survey": ["analytics.reporting.campaign_insights", "functional.service.improve"],
    "idp": ["essential.service.authentication"],
    "password_manager": ["essential.service.security"],
    "other": ["essential.service.operations.improve", "functional.service"],
}
SUBJECTS = ["customer", "prospect", "visitor", "employee", "anonymous_user"]
LEGAL_BASES = ["consent", "contract", "legitimate_interests", "legal_obligation"]
EEA_COUNTRIES = ["IE", "DE", "FR", "NL", "SE", "ES", "IT", "PL", "FI", "AT", "BE", "DK"]
THIRD = ["US", "IN", "BR", "JP", "SG", "AU", "CA", "CH", "GB", "ZA", "MX", "KR"]
REGIONS = {"EEA": ["EEA"], "EEA+UK": ["EEA", "UK"], "UK": ["UK"], "US": ["US"], "US-CA": ["US", "US-CA"]}
VENDORS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Tyrell", "Cyberdyne",
           "Soylent", "Wonka", "Oscorp", "Massive", "Pied Piper", "Monarch", "Gringotts", "Duff", "Nakatomi", "Virtucon"]
MFA = ["webauthn", "passkey", "totp", "push", "sms", "voice", "email"]
LICENCES = ["MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "GPL-3.0-only", "LGPL-2.1-or-later", "MPL-2.0",
            "LicenseRef-Proprietary", "AGPL-3.0-only", "BSD-2-Clause"]
AS_OF = "2026-10-01"  # the benchmark passes --as-of 2026-10-01


def day(rng, start_year=2023, end_year=2026, end_month=9):
    year = rng.randint(start_year, end_year)
    month = rng.randint(1, end_month if year == end_year else 12)
    return f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}"


def taxonomy_keys():
    text = TAXONOMY_FILE.read_text(encoding="utf-8")
    return set(re.findall(r'key: "([^"]+)"', text))


def check_leaves():
    keys = taxonomy_keys() | {"user.privacy_preferences"}
    for key in ORDINARY + SENSITIVE + NON_PERSONAL + [EXEMPT]:
        if key not in keys:
            sys.exit(f"generate.py: '{key}' is not in the taxonomy")
        if key.startswith("user") and any(other.startswith(key + ".") for other in keys):
            sys.exit(f"generate.py: '{key}' is not a leaf of the taxonomy; the Rego peer assumes leaves")


class Stack:
    def __init__(self, size, seed):
        self.n = SIZES[size]
        self.rng = random.Random(f"{seed}-{size}")
        self.people = []
        self.systems = []
        self.flows = []
        self.accounts = []
        self.api_keys = []
        self.assets = []
        self.sbom = []
        self.build()

    # -- people and systems -------------------------------------------------------------------
    def build(self):
        rng = self.rng
        n = self.n
        for i in range(n["people"]):
            person = {"id": f"p{i:06d}", "name": f"Person {i}", "email": f"person{i}@example.com",
                      "kind": rng.choices(["employee", "contractor", "agency"], [8, 1, 1])[0]}
            if rng.random() < 0.05:
                person["active"] = False
                person["left_on"] = day(rng, 2025)
            self.people.append(person)
        # Brands of about 20 systems, each serving one region.
        brand_count = max(1, n["systems"] // 20)
        self.brand_region = [rng.choice(list(REGIONS)) for _ in range(brand_count)]
        types = [t for t, _ in SYSTEM_TYPES]
        weights = [w for _, w in SYSTEM_TYPES]
        self.brand_systems = [[] for _ in range(brand_count)]
        for i in range(n["systems"]):
            brand = i % brand_count
            stype = rng.choices(types, weights)[0]
            system = self.system(i, brand, stype)
            self.systems.append(system)
            self.brand_systems[brand].append(system)
        self.by_id = {s["id"]: s for s in self.systems}
        for i in range(n["flows"]):
            self.flows.append(self.flow(i))
        for i in range(n["accounts"]):
            self.accounts.append(self.account(i))
        for i in range(n["api_keys"]):
            self.api_keys.append(self.api_key(i))
        for i in range(n["assets"]):
            self.assets.append(self.asset(i))
        for i in range(n["sbom"]):
            self.sbom.append(self.component(i))

    def system(self, i, brand, stype):
        rng = self.rng
        region = self.brand_region[brand]
        sid = f"b{brand:04d}-{stype.replace('_', '-')}-{i:05d}"
        vendor = rng.choice(VENDORS)
        us_vendor = rng.random() < 0.55
        processing = [rng.choice(EEA_COUNTRIES)] if region.startswith("EEA") else []
        if us_vendor or not processing:
            processing.append("US")
        if rng.random() < 0.15:
            processing.append(rng.choice(THIRD))
        processing = sorted(set(processing))
        system = {
            "id": sid,
            "name": f"{vendor} {stype.replace('_', ' ').title()} {i}",
            "vendor": vendor,
            "system_type": stype,
            "responsibility": rng.choices(["processor", "controller", "joint_controller"], [7, 2, 1])[0],
            "processing_countries": processing,
            "vendor_hq_country": "US" if us_vendor else rng.choice(EEA_COUNTRIES),
            "business_owner": f"p{rng.randrange(self.n['people']):06d}",
        }
        if rng.random() < 0.1:
            system["remote_access_countries"] = [rng.choice(["IN", "PH", "US"])]
        if rng.random() < 0.85:
            system["dpa"] = {"signed": rng.random() < 0.9, "signed_date": day(rng, 2021, 2025),
                             "art28_clauses": ["a", "b", "c", "d", "e", "f", "g", "h"]}
        if us_vendor:
            checked = rng.choice([day(rng, 2026, 2026), day(rng, 2023, 2024)])  # recent, or stale by far
            system["dpf"] = {"certified": rng.random() < 0.8, "entity": f"{vendor} Inc.",
                             "frameworks": rng.choice([["EU", "UK", "CH"], ["EU"], ["UK"]]),
                             "covered_data": ["non_hr"], "checked_on": checked}
        if rng.random() < 0.3:
            subs = []
            for k in range(rng.randint(1, 3)):
                sub = {"name": f"{vendor} Sub {k}", "country": rng.choice(EEA_COUNTRIES + THIRD), "purpose": "hosting"}
                r = rng.random()
                if r < 0.5:
                    sub["transfer_mechanism"] = {"type": "scc_2021", "scc_module": 3, "decision_ref": "2021/914"}
                elif r < 0.6:
                    sub["transfer_mechanism"] = {"type": "art49"}
                subs.append(sub)
            system["subprocessors"] = subs
        declarations = []
        uses = USES_BY_TYPE[stype]
        for d in range(rng.randint(1, 3)):
            use = uses[d % len(uses)]
            cats = rng.sample(ORDINARY, rng.randint(1, 4))
            if rng.random() < 0.1:
                cats.append(EXEMPT)
            if rng.random() < 0.05:
                cats = [rng.choice(NON_PERSONAL)]
            declaration = {"name": f"{use} declaration", "data_categories": cats, "data_use": use,
                           "data_subjects": rng.sample(SUBJECTS[:4], rng.randint(1, 2)),
                           "legal_basis": rng.choice(LEGAL_BASES)}
            r = rng.random()
            analytics = use.startswith("analytics")
            if r < 0.85:
                limit = 790 if analytics else 1095
                declaration["retention_days"] = rng.choice([30, 90, 180, 365, 395, 730, limit - 5])
            elif r < 0.95:
                declaration["retention_days"] = rng.choice([1200, 1500, 1825, 3650])
            # else: no retention_days (a finding)
            declarations.append(declaration)
        system["privacy_declarations"] = declarations
        security = {"sso_supported": True, "sso_enforced": rng.random() < 0.3, "mfa_supported": True,
                    "mfa_enforced": rng.choices(["none", "admins", "all"], [3, 4, 3])[0],
                    "mfa_methods_allowed": sorted(rng.sample(MFA, rng.randint(1, 3))),
                    "last_access_review": day(rng, 2025)}
        security["local_login_disabled"] = security["sso_enforced"] and rng.random() < 0.5
        if rng.random() < 0.8:
            policy = {"max_length": rng.choice([64, 128, 32]), "blocklist_enabled": rng.random() < 0.6,
                      "composition_rules": rng.random() < 0.4}
            if rng.random() < 0.92:
                policy["min_length"] = rng.choice([6, 8, 10, 12, 16, 20])
            security["password_policy"] = policy
        system["security"] = security
        if rng.random() < 0.7:
            purchased = rng.choice([5, 10, 25, 50, 100, 250])
            subscription = {"plan": rng.choice(["Pro", "Enterprise", "Team"]), "licence_types": ["named-user"],
                            "seats_purchased": purchased, "start": day(rng, 2024, 2025),
                            "end": "2027-06-30", "auto_renew": rng.random() < 0.7}
            if rng.random() < 0.75:
                subscription["seats_assigned"] = purchased + rng.choice([-20, -3, -1, -1, 2, 7]) if purchased > 20 \
                    else max(0, purchased - rng.choice([1, 2, 3]))
            system["subscription"] = subscription
        return system

    # -- flows ----------------------------------------------------------------------------------
    def flow(self, i):
        rng = self.rng
        brand = rng.randrange(len(self.brand_systems))
        members = self.brand_systems[brand]
        while len(members) < 2:
            brand = rng.randrange(len(self.brand_systems))
            members = self.brand_systems[brand]
        to = rng.choice(members)
        if rng.random() < 0.2:
            source = "data_subject"
        else:
            source = rng.choice(members)["id"]
            while source == to["id"]:
                source = rng.choice(members)["id"]
        regions = REGIONS[self.brand_region[brand]]
        cats = rng.sample(ORDINARY, rng.randint(1, 4))
        if rng.random() < 0.03:
            cats.append(rng.choice(SENSITIVE))
        if rng.random() < 0.02:
            cats = [rng.choice(NON_PERSONAL)]
        use = rng.choice(USES_BY_TYPE[to["system_type"]])
        flow = {
            "id": f"f{i:07d}",
            "from": source,
            "to": to["id"],
            "data_categories": cats,
            "data_subjects": rng.sample(SUBJECTS[:3], rng.randint(1, 2)),
            "data_use": use,
            "legal_basis": rng.choice(LEGAL_BASES),
            "subject_regions": regions,
            "frequency": rng.choice(["realtime", "continuous", "recurring"]),
            "encrypted_in_transit": rng.random() < 0.95,
            "consent_signal_propagated": rng.random() < 0.9,
        }
        if rng.random() < 0.3:
            flow["destination_country"] = rng.choice(to["processing_countries"])
        r = rng.random()
        if r < 0.4:
            flow["transfer_mechanism"] = {"type": "scc_2021", "scc_module": 2, "decision_ref": "2021/914"}
        elif r < 0.5:
            flow["transfer_mechanism"] = {"type": "dpf"}
        elif r < 0.55:
            flow["transfer_mechanism"] = {"type": "art49", "art49_ground": "explicit_consent"}
        elif r < 0.58:
            flow["transfer_mechanism"] = {"type": "art49"}
        elif r < 0.6:
            flow["transfer_mechanism"] = {"type": "scc_repealed"}
        if rng.random() < 0.25:
            analytics = use.startswith("analytics")
            limit = 790 if analytics else 1095
            flow["retention_days_at_destination"] = rng.choice([30, 180, 395, limit - 10, limit + 30, 2000])
        if rng.random() < 0.5:
            flow["volume_subjects"] = rng.randint(1_000, 5_000_000)
        return flow

    # -- access ---------------------------------------------------------------------------------
    def account(self, i):
        rng = self.rng
        system = self.systems[rng.randrange(len(self.systems))]
        kind = rng.choices(["human", "shared", "service", "break_glass"], [85, 6, 8, 1])[0]
        account = {"id": f"a{i:07d}", "system": system["id"], "kind": kind,
                   "owner": f"p{rng.randrange(self.n['people']):06d}",
                   "is_admin": rng.random() < 0.08, "enabled": rng.random() < 0.93,
                   "created": day(rng, 2020, 2025), "last_login": day(rng, 2025)}
        r = rng.random()
        if r < 0.6:
            account["mfa_enabled"] = True
            account["mfa_methods"] = sorted(rng.sample(MFA, rng.randint(1, 2)))
        elif r < 0.8:
            account["mfa_enabled"] = False
        # else: unknown, inherited from the system's enforcement
        if rng.random() < 0.2:
            account["sso"] = True
        return account

    def api_key(self, i):
        rng = self.rng
        system = self.systems[rng.randrange(len(self.systems))]
        key = {"id": f"k{i:07d}", "system": system["id"], "owner": f"p{rng.randrange(self.n['people']):06d}",
               "purpose": rng.choice(["sync", "export", "reporting", "webhook"]), "created": day(rng, 2021, 2025),
               "last_rotated": day(rng, 2024), "scopes": rng.sample(["read", "write", "admin", "contacts"], 2),
               "secret_ref": f"vault://marketing/{system['id']}/key-{i}"}
        if rng.random() < 0.7:
            key["last_used"] = day(rng, 2025)
        if rng.random() < 0.4:
            key["expires"] = day(rng, 2026, 2027)
        return key

    def asset(self, i):
        rng = self.rng
        kind = rng.choices(["font", "image", "video", "audio", "music"], [2, 10, 3, 1, 1])[0]
        asset = {"id": f"asset-{i:07d}", "kind": kind, "name": f"{kind} {i}",
                 "vendor": rng.choice(["Stocky", "Fontworks", "ClipCo", "SoundBank"]),
                 "licence_type": rng.choice(["royalty_free", "rights_managed", "editorial", "webfont"]),
                 "purchase_reference": f"PO-{rng.randint(10000, 99999)}", "licensee": "Example Group",
                 "territories": rng.choice([["EEA"], ["US"], ["EEA", "UK", "US"]]),
                 "valid_from": day(rng, 2022, 2024), "expires": day(rng, 2025, 2028, 12)}
        if kind in ("image", "video"):
            asset["depicts_people"] = rng.random() < 0.4
            if asset["depicts_people"]:
                asset["model_release"] = rng.random() < 0.9
        uses = []
        for _ in range(rng.randint(0, 2)):
            uses.append({"channel": rng.choice(["web", "social", "email", "advertising"]),
                         "paid": rng.random() < 0.3, "country": rng.choice(EEA_COUNTRIES + ["US", "GB"]),
                         "start": day(rng, 2024, 2025)})
        if uses:
            asset["used_in"] = uses
        return asset

    def component(self, i):
        # An SBOM component, as an asset of kind script/sdk until the SBOM importer lands.
        rng = self.rng
        system = self.systems[rng.randrange(len(self.systems))]
        return {"id": f"component-{i:07d}", "kind": rng.choice(["script", "sdk"]),
                "name": f"pkg-{rng.randrange(5000)}", "vendor": rng.choice(VENDORS),
                "version": f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}",
                "licence": rng.choice(LICENCES), "delivery": rng.choice(["self_hosted", "third_party_cdn"]),
                "system": system["id"]}

    def organization(self):
        return {"name": "Example Group", "establishments": ["IE", "DE", "US", "GB"], "employee_count": 25000,
                "annual_gross_revenue_usd": 4_000_000_000, "dpo": "dpo@example.com",
                "corporate_domains": ["example.com"]}

    def documents(self):
        """(file stem, top-level key, entities) for every file of the stack, in order."""
        yield "organization", "organization", self.organization()
        for key, stem, items in [
            ("people", "people", self.people), ("systems", "systems", self.systems), ("flows", "flows", self.flows),
            ("accounts", "accounts", self.accounts), ("api_keys", "api-keys", self.api_keys),
            ("assets", "assets", self.assets), ("assets", "sbom-components", self.sbom),
        ]:
            for start in range(0, len(items), CHUNK):
                yield f"{stem}-{start // CHUNK + 1:04d}", key, items[start:start + CHUNK]


# -- writers ------------------------------------------------------------------------------------
PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./@+-]*( [A-Za-z0-9_./@+()-]+)*$")
YAML_SPECIAL = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}


def yaml_scalar(value):
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if re.match(r"^\d{4}-\d\d-\d\d$", text):
        return text  # a plain date; the day field reads it as written
    if PLAIN.match(text) and text.lower() not in YAML_SPECIAL and not re.match(r"^[0-9.+-]+$", text) \
            and ": " not in text and " #" not in text:
        return text
    return json.dumps(text)


def yaml_block(value, indent, out):
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict):
                out.append(f"{pad}{key}:\n")
                yaml_block(item, indent + 2, out)
            elif isinstance(item, list) and item and isinstance(item[0], dict):
                out.append(f"{pad}{key}:\n")
                yaml_block(item, indent + 2, out)
            elif isinstance(item, list):
                out.append(f"{pad}{key}: [{', '.join(yaml_scalar(x) for x in item)}]\n")
            else:
                out.append(f"{pad}{key}: {yaml_scalar(item)}\n")
    elif isinstance(value, list):
        for item in value:
            lines = []
            yaml_block(item, indent + 2, lines)
            first = lines[0]
            lines[0] = pad + "- " + first[indent + 2:]
            out.extend(lines)


def write_yaml(path, key, entities):
    out = ["version: 1\n", f"{key}:\n"]
    if isinstance(entities, dict):
        yaml_block(entities, 2, out)
    else:
        yaml_block(entities, 2, out)
    path.write_text("".join(out), encoding="utf-8")


def write_json(path, key, entities):
    # One entity per line: readable, diffable, and line numbers mean something in findings.
    if isinstance(entities, dict):
        body = json.dumps(entities, separators=(", ", ": "))
        path.write_text(f'{{"version": 1, "{key}": {body}}}\n', encoding="utf-8")
        return
    lines = ",\n".join("  " + json.dumps(e, separators=(", ", ": ")) for e in entities)
    path.write_text(f'{{"version": 1, "{key}": [\n{lines}\n]}}\n', encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), required=True)
    parser.add_argument("--format", choices=["yaml", "json", "both"], default="both")
    parser.add_argument("--seed", default="10")
    parser.add_argument("--out", default=str(REPO / "bench/out"))
    args = parser.parse_args()
    check_leaves()
    stack = Stack(args.size, args.seed)
    formats = ["yaml", "json"] if args.format == "both" else [args.format]
    for fmt in formats:
        directory = Path(args.out) / args.size / fmt
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.iterdir():
            if old.suffix in (".yaml", ".json"):
                old.unlink()
        for stem, key, entities in stack.documents():
            path = directory / f"{stem}.{fmt}"
            (write_yaml if fmt == "yaml" else write_json)(path, key, entities)
        total = sum(p.stat().st_size for p in directory.iterdir())
        print(f"{directory}: {len(list(directory.iterdir()))} files, {total / 1048576:.1f} MiB", file=sys.stderr)


if __name__ == "__main__":
    main()
