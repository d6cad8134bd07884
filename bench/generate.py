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

The mix is meant to look like a real enterprise estate that is mostly in order: systems of
every type, grouped into brands of about twenty that each serve one region (EEA, UK or US); data
moving along purpose lanes (e-mail marketing, ad targeting, analytics, customer service) from
collection through a hub (CRM, CDP) to the tools that act on it; accounts, keys, assets and SBOM
components as an audited company declares them. Then one deliberate defect per entity for a
small share of them (DEFECT_RATE, 5%; a quarter of the tools, which have twenty ways to fail).
(An earlier version of this generator failed half of all checks, which made the benchmark
measure report writing rather than checking.)

The web side, drawn from a random stream of its own (seed "SEED-SIZE-web") after the rest, so
that the files above keep every byte they had before it existed:

    size  web properties  GTM containers (tags)  e-mail programmes  web fonts  tag flows
    S     17              8 (58)                 13                 5          7
    M     180             74 (533)               108                50         91
    L     1,845           802 (5,753)            980                500        859

- a web property (`web-properties-NNNN`) for each CMS and shop system: its CMP (TCF 2.3 for
  EEA and UK brands, GPC honoured and shown), CCPA links, a current SBOM reference, the tags it
  declares (placements named like the container's tags, sending to the brand's analytics tool
  and ad platforms) and the brand's web font;
- a GTM container export (`gtm-GTM-XXXXXXX`, one file each, as GTM writes them) for each of the
  brand's tag-manager systems, loaded by its sites: a CMP community template setting Consent
  Mode v2 defaults, the Google tag, GA4 and Google Ads events, the Conversion Linker and, for
  some brands, Meta, LinkedIn, Microsoft UET, Hotjar and a first-party RUM snippet; tags wait for
  consent (consent settings, or on US sites a CMP trigger);
- the brand's web font (`web-fonts-NNNN`, assets), licensed for its sites' domains and pageviews;
- an e-mail programme (`email-programs-NNNN`) for each ESP system, to the brand's region, and
  for two in five US programmes to Canada too (CASL);
- the flows the pixels declare (`tag-flows-NNNN`): the visitor's browser to an ad platform,
  added only where no flow from the site reaches it yet, into tools whose declarations cover
  them and carry no defect a flow inherits; marked `ccpa_share` for Californian audiences.

Their defects (10% of web properties, 20% of the e-mail programmes a rule reads, 5% of tags,
6% of containers; about 6% of the new entities at M) are drawn least-used-rule first, so that
at size M every rule that applies to this kind of stack fails somewhere, except ACC-018 (a
secret in a declaration stops the run). At M that is 2,196 findings from 182,579 checks (74 of
them from the web side; before it, 2,122 from 178,471, as docs/performance.md lists per rule).
Still not applicable: PRIV-035 and PRIV-109 (children in flows, TCF registrations of systems
and a Global Vendor List: see below), and ACC-015, ACC-019, ACC-020, LIC-002, LIC-004, LIC-005
and LIC-006, which read system and account fields this generator does not write.

The web side is 6% of L's bytes. It found a scaling defect: the tag-manager rules looked
through every system and flow for each tag (tags x flows), so PRIV-103 took 35 s of a 48 s check
at L; they now share one lookup built per run (docs/performance.md, fourth round).

What it stays away from, so the Rego peer can be written without a lineage engine:

- every category is a *leaf* of the Fides taxonomy, so the data a flow carries (Lineage) is
  exactly the personal categories it declares;
- no `child` data subject (a child subject is inherited along paths);
- every flow declares `subject_regions`, and a brand's flows all share them, so no EEA data
  reaches a system of a non-EEA brand through a path.

No system declares `tcf` (and no Global Vendor List is written), so PRIV-109 has nothing to
compare; adding it would change the systems' bytes.
"""

import argparse
import datetime
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

# A brand's data moves along lanes: one purpose each, collected at a front end, passed through a
# hub and delivered to the tools that act on it. Every lane's categories are what the rules
# allow for its purpose (PRIV-019), so a clean flow is clean for every rule.
LANES = {
    "email": dict(use="marketing.communications.email", basis="consent",
                  categories=["user.contact.email", "user.name.first", "user.name.last", "user.demographic.language",
                              "user.behavior.purchase_history"],
                  collect=["cms", "ecommerce", "survey"], hub=["crm", "cdp"], deliver=["esp"]),
    "ads": dict(use="marketing.advertising.first_party.targeted", basis="consent",
                categories=["user.device.cookie_id", "user.device.device_id", "user.unique_id.pseudonymous",
                            "user.behavior.browsing_history", "user.location.imprecise"],
                collect=["tag_manager", "cms"], hub=["cdp"], deliver=["ad_platform", "social"]),
    "analytics": dict(use="analytics.reporting.content_performance", basis="legitimate_interests",
                      categories=["user.device.cookie_id", "user.device.ip_address", "user.behavior.browsing_history",
                                  "user.unique_id.pseudonymous", "user.location.imprecise"],
                      collect=["tag_manager", "cms"], hub=["analytics"], deliver=["analytics"]),
    "service": dict(use="essential.service.operations.support", basis="contract",
                    categories=["user.contact.email", "user.name.first", "user.name.last",
                                "user.contact.address.city", "user.contact.address.postal_code", "user.payment"],
                    collect=["ecommerce", "cms"], hub=["crm"], deliver=["survey", "other", "dam"]),
}
SUPPRESSION = "user.privacy_preferences"  # opt-outs; travel to every marketing system (PRIV-027)
SENSITIVE = [  # GDPR Art. 9 / Art. 10 leaves (PRIV-005's default set)
    "user.health_and_medical.genetic", "user.health_and_medical.record_id", "user.biometric.fingerprint",
    "user.demographic.religious_belief", "user.demographic.political_opinion", "user.criminal_history",
]
OFF_PURPOSE = ["user.demographic.age_range", "user.job_title", "user.contact.phone_number"]  # PRIV-019 excess
NON_PERSONAL = ["system.operations", "system.authentication"]
SUBJECTS = ["customer", "prospect", "visitor"]
EEA_COUNTRIES = ["IE", "DE", "FR", "NL", "SE", "ES", "IT", "PL", "FI", "AT", "BE", "DK"]
THIRD = ["IN", "BR", "SG", "AU", "ZA", "MX"]
REGIONS = {"EEA": ["EEA"], "EEA+UK": ["EEA", "UK"], "UK": ["UK"], "US": ["US"], "US-CA": ["US", "US-CA"]}
VENDORS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Tyrell", "Cyberdyne",
           "Soylent", "Wonka", "Oscorp", "Massive", "Pied Piper", "Monarch", "Gringotts", "Duff", "Nakatomi", "Virtucon"]
STRONG_MFA = ["webauthn", "passkey"]
WEAK_MFA = ["sms", "email"]
PERMISSIVE = ["MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "BSD-2-Clause"]
COPYLEFT = ["MPL-2.0", "LGPL-2.1-or-later"]
FORBIDDEN = ["AGPL-3.0-only", "GPL-3.0-only"]
AS_OF = "2026-10-01"  # the benchmark passes --as-of 2026-10-01

# Share of entities that carry one deliberate defect. Real estates are mostly in order; a
# benchmark whose every second record fails measures report writing, not checking.
DEFECT_RATE = 0.05
# A tool has twenty ways to fail and there are few tools: a quarter of them carry one finding.
SYSTEM_DEFECT_RATE = 0.25


def day(rng, start_year=2023, end_year=2026, end_month=9):
    year = rng.randint(start_year, end_year)
    month = rng.randint(1, end_month if year == end_year else 12)
    return f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}"


def recent(rng, lo, hi):
    """A date between `lo` and `hi` days before AS_OF (2026-10-01)."""
    import datetime
    as_of = datetime.date(2026, 10, 1)
    return (as_of - datetime.timedelta(days=rng.randint(lo, hi))).isoformat()


def later(rng, lo, hi):
    """A date between `lo` and `hi` days after AS_OF."""
    import datetime
    as_of = datetime.date(2026, 10, 1)
    return (as_of + datetime.timedelta(days=rng.randint(lo, hi))).isoformat()


def taxonomy_keys():
    text = TAXONOMY_FILE.read_text(encoding="utf-8")
    return set(re.findall(r'key: "([^"]+)"', text))


def check_leaves():
    keys = taxonomy_keys() | {"user.privacy_preferences"}
    lane_categories = [c for lane in LANES.values() for c in lane["categories"]]
    for key in lane_categories + SENSITIVE + OFF_PURPOSE + NON_PERSONAL + [SUPPRESSION]:
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

    def defect(self, choices, rate=None):
        """One of `choices` for a `rate` share of calls (DEFECT_RATE by default), otherwise None."""
        return self.rng.choice(choices) if self.rng.random() < (rate or DEFECT_RATE) else None

    def active_person(self):
        while True:
            person = self.people[self.rng.randrange(len(self.people))]
            if person.get("active", True):
                return person["id"]

    # -- people and systems -------------------------------------------------------------------
    def build(self):
        rng = self.rng
        n = self.n
        for i in range(n["people"]):
            person = {"id": f"p{i:06d}", "name": f"Person {i}", "email": f"person{i}@example.com",
                      "kind": rng.choices(["employee", "contractor", "agency"], [8, 1, 1])[0]}
            if rng.random() < 0.03:
                person["active"] = False
                person["left_on"] = recent(rng, 30, 400)
            self.people.append(person)
        # Brands of about 20 systems, each serving one region; every brand has one system of
        # each lane role it needs, the rest drawn by weight.
        brand_count = max(1, n["systems"] // 20)
        self.brand_region = [rng.choice(list(REGIONS)) for _ in range(brand_count)]
        types = [t for t, _ in SYSTEM_TYPES]
        weights = [w for _, w in SYSTEM_TYPES]
        core = ["cms", "tag_manager", "ecommerce", "crm", "cdp", "esp", "ad_platform", "analytics", "survey"]
        self.brand_systems = [[] for _ in range(brand_count)]
        for i in range(n["systems"]):
            brand = i % brand_count
            slot = i // brand_count
            stype = core[slot] if slot < len(core) else rng.choices(types, weights)[0]
            system = self.system(i, brand, stype)
            self.systems.append(system)
            self.brand_systems[brand].append(system)
        self.by_id = {s["id"]: s for s in self.systems}
        self.brand_of = {s["id"]: i for i, members in enumerate(self.brand_systems) for s in members}
        for i in range(n["flows"]):
            self.flows.append(self.flow(i))
        for system in self.systems:
            self.declare(system)
        for i in range(n["accounts"]):
            self.accounts.append(self.account(i))
        for system in self.systems:
            self.seats(system)
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
        eea_brand = region.startswith("EEA")
        us_vendor = rng.random() < 0.5
        # EEA brands mostly buy EEA-hosted tools; US-hosted ones are DPF-certified.
        processing = [rng.choice(EEA_COUNTRIES)] if eea_brand and not us_vendor else ["US"]
        processor = rng.random() < 0.8
        system = {
            "id": sid,
            "name": f"{vendor} {stype.replace('_', ' ').title()} {i}",
            "vendor": vendor,
            "system_type": stype,
            "responsibility": "processor" if processor else "controller",
            "processing_countries": processing,
            "vendor_hq_country": "US" if us_vendor else rng.choice(EEA_COUNTRIES),
            "business_owner": self.active_person(),
            "it_review": {"reviewer": "Security team", "date": recent(rng, 10, 300), "outcome": "approved",
                          "ticket": f"SEC-{rng.randint(1000, 9999)}"},
            "dpia": {"required": True, "ref": f"DPIA-{i:05d}", "date": recent(rng, 30, 900)},
        }
        if processor:
            system["dpa"] = {"signed": True, "signed_date": day(rng, 2021, 2025),
                             "art28_clauses": ["instructions_incl_transfers", "confidentiality", "security_art32",
                                               "subprocessor_conditions", "assist_data_subject_rights",
                                               "assist_art32_36", "delete_or_return", "audit_information"],
                             "subprocessor_list_url": f"https://{vendor.lower().replace(' ', '')}.example/subprocessors",
                             "subprocessor_change_notice_days": 30}
            system["security_evidence"] = [{"kind": rng.choice(["SOC 2 Type II", "ISO 27001 certificate"]),
                                            "report_date": recent(rng, 20, 330)}]
        if us_vendor:
            system["dpf"] = {"certified": True, "entity": f"{vendor} Inc.", "frameworks": ["EU", "UK", "CH"],
                             "covered_data": ["non_hr"], "checked_on": recent(rng, 5, 300)}
        if rng.random() < 0.3:
            system["subprocessors"] = [{"name": f"{vendor} Hosting {k}", "country": rng.choice(EEA_COUNTRIES),
                                        "purpose": "hosting"} for k in range(rng.randint(1, 2))]
        security = {"sso_supported": True, "sso_enforced": True, "local_login_disabled": True,
                    "mfa_supported": True, "mfa_enforced": "all",
                    "mfa_methods_allowed": sorted(rng.sample(STRONG_MFA + ["totp"], 2)),
                    "last_access_review": recent(rng, 5, 80),
                    "password_policy": {"min_length": rng.choice([15, 16, 20]), "max_length": rng.choice([64, 128]),
                                        "composition_rules": False, "max_age_days": 0, "blocklist_enabled": True,
                                        "lockout_threshold": rng.choice([5, 10, 20]), "hints_allowed": False,
                                        "security_questions": False}}
        system["security"] = security
        if rng.random() < 0.7:
            system["subscription"] = {"plan": rng.choice(["Pro", "Enterprise", "Team"]),
                                      "licence_types": ["named-user"], "start": day(rng, 2024, 2025),
                                      "end": "2027-06-30", "auto_renew": False,
                                      "purchase_reference": f"PO-{rng.randint(10000, 99999)}",
                                      "licensee": "Example Group",
                                      "licence_url": f"https://contracts.example.com/{system['id']}"}
        # One deliberate defect for a share of systems: what real audits find.
        policy = security["password_policy"]
        match self.defect(["short-password", "no-min-length", "composition", "no-blocklist", "no-lockout",
                           "mfa-admins", "weak-mfa-only", "sso-open", "stale-review", "no-it-review", "no-dpa",
                           "dpa-clauses", "no-notice", "no-evidence", "dpf-stale", "dpf-uncertified", "no-dpia",
                           "subprocessor-abroad", "no-owner", "remote-access", "max-length", "rotation", "hints",
                           "expired-subscription"], rate=SYSTEM_DEFECT_RATE):
            case "short-password":
                policy["min_length"] = rng.choice([8, 10, 12, 14])
            case "no-min-length":
                del policy["min_length"]
            case "composition":
                policy["composition_rules"] = True
            case "no-blocklist":
                policy["blocklist_enabled"] = False
            case "no-lockout":
                policy["lockout_threshold"] = 0
            case "mfa-admins":
                security["mfa_enforced"] = "admins"
            case "weak-mfa-only":
                security["mfa_methods_allowed"] = WEAK_MFA
            case "sso-open":
                security["sso_enforced"] = False
                security["local_login_disabled"] = False
            case "stale-review":
                security["last_access_review"] = recent(rng, 120, 400)
            case "no-it-review":
                del system["it_review"]
            case "no-dpa" if processor:
                system["dpa"]["signed"] = False
            case "dpa-clauses" if processor:
                system["dpa"]["art28_clauses"] = system["dpa"]["art28_clauses"][3:]
            case "no-notice" if processor:
                del system["dpa"]["subprocessor_change_notice_days"]
            case "no-evidence" if processor:
                del system["security_evidence"]
            case "dpf-stale" if us_vendor:
                system["dpf"]["checked_on"] = recent(rng, 400, 900)
            case "dpf-uncertified" if us_vendor:
                system["dpf"]["certified"] = False
            case "no-dpia":
                del system["dpia"]
            case "subprocessor-abroad":
                system["subprocessors"] = [{"name": f"{vendor} Support", "country": rng.choice(THIRD),
                                            "purpose": "support"}]
            case "no-owner":
                del system["business_owner"]
            case "remote-access":
                system["remote_access_countries"] = [rng.choice(THIRD)]
            case "max-length":
                policy["max_length"] = 32
            case "rotation":
                policy["max_age_days"] = 90
            case "hints":
                policy["security_questions"] = True
            case "expired-subscription" if "subscription" in system:
                system["subscription"]["end"] = recent(rng, 10, 200)
        return system

    def declare(self, system):
        """Privacy declarations that cover what the system's incoming flows carry (Art. 30)."""
        rng = self.rng
        incoming = self.incoming.get(system["id"], {})
        declarations = []
        for use, (categories, basis) in sorted(incoming.items()):
            declaration = {"name": f"{use} processing", "data_categories": sorted(categories), "data_use": use,
                           "data_subjects": ["customer", "prospect"], "legal_basis": basis}
            if basis == "legitimate_interests":
                declaration["impact_assessment_location"] = f"https://wiki.example.com/lia/{system['id']}"
            if not use.startswith("essential"):
                declaration["retention_days"] = rng.choice([90, 180, 365, 395, 730 if use.startswith("analytics")
                                                            else 1000])
            else:
                declaration["retention_days"] = 2555
            declarations.append(declaration)
        if declarations:
            match self.defect(["uncovered", "retention-long", "retention-missing", "no-basis", "no-lia"]):
                case "uncovered":
                    declaration = declarations[0]
                    if len(declaration["data_categories"]) > 1:
                        declaration["data_categories"] = declaration["data_categories"][1:]
                case "retention-long" if not declarations[0]["data_use"].startswith("essential"):
                    declarations[0]["retention_days"] = rng.choice([1200, 1825, 3650])
                case "retention-missing":
                    del declarations[0]["retention_days"]
                case "no-basis":
                    del declarations[0]["legal_basis"]
                case "no-lia":
                    declarations[0]["legal_basis"] = "legitimate_interests"
                    declarations[0].pop("impact_assessment_location", None)
            system["privacy_declarations"] = declarations

    # -- flows ----------------------------------------------------------------------------------
    def member(self, brand, types):
        candidates = [s for s in self.brand_systems[brand] if s["system_type"] in types]
        return self.rng.choice(candidates) if candidates else None

    def flow(self, i):
        """One hop of a lane: collection, collector → hub or hub → delivery."""
        rng = self.rng
        if not hasattr(self, "incoming"):
            self.incoming = {}
        while True:
            brand = rng.randrange(len(self.brand_systems))
            lane_name = rng.choice(sorted(LANES))
            lane = LANES[lane_name]
            hop = rng.choices(["collect", "hub", "deliver"], [2, 3, 5])[0]
            if hop == "collect":
                source, to = "data_subject", self.member(brand, lane["collect"])
            elif hop == "hub":
                source, to = self.member(brand, lane["collect"]), self.member(brand, lane["hub"])
            else:
                source, to = self.member(brand, lane["hub"]), self.member(brand, lane["deliver"])
            if to is None or source is None:
                continue
            source_id = source if source == "data_subject" else source["id"]
            if source_id != to["id"]:
                break
        regions = REGIONS[self.brand_region[brand]]
        categories = sorted(rng.sample(lane["categories"], rng.randint(1, 3)))
        marketing = lane["use"].startswith("marketing")
        if marketing:
            categories.append(SUPPRESSION)
        flow = {
            "id": f"f{i:07d}",
            "from": source_id,
            "to": to["id"],
            "data_categories": categories,
            "data_subjects": rng.sample(SUBJECTS, rng.randint(1, 2)),
            "data_use": lane["use"],
            "legal_basis": lane["basis"],
            "subject_regions": regions,
            "frequency": rng.choice(["realtime", "continuous", "recurring"]),
            "encrypted_in_transit": True,
            "consent_signal_propagated": True,
        }
        if marketing:
            flow["suppression_synced"] = True
        if lane_name == "ads" and "user.contact.email" in categories:
            flow["hashed"] = True
        if rng.random() < 0.25:
            flow["retention_days_at_destination"] = rng.choice([30, 90, 180, 365])
        if rng.random() < 0.5:
            flow["volume_subjects"] = rng.randint(1_000, 90_000)
        eea_data = any(r in ("EEA", "UK") for r in regions)
        if eea_data and "US" in to["processing_countries"]:
            source_processor = source != "data_subject" and source["responsibility"] == "processor"
            target_processor = to["responsibility"] == "processor"
            module = {(False, False): 1, (False, True): 2, (True, True): 3, (True, False): 4}[
                (source_processor, target_processor)]
            # UK data travels on the EU SCCs with the UK Addendum (PRIV-017).
            scc = "uk_addendum" if "UK" in regions else "scc_2021"
            # The DPF only for a certified recipient (the draw is made either way, so the
            # random stream, and every other byte of the stacks, stays as it was).
            use_dpf = rng.random() < 0.6
            flow["transfer_mechanism"] = {"type": "dpf"} if use_dpf and "dpf" in to else \
                {"type": scc, "scc_module": module, "decision_ref": "2021/914"}
        declared = self.incoming.setdefault(to["id"], {}).setdefault(lane["use"], (set(), lane["basis"]))
        match self.defect(["sensitive", "off-purpose", "no-mechanism", "art49", "repealed", "wrong-module",
                           "retention-long", "no-consent-signal", "wrong-basis", "no-suppression",
                           "purpose-creep", "unencrypted", "credentials"]):
            case "sensitive":
                flow["data_categories"] = categories + [rng.choice(SENSITIVE)]
            case "off-purpose":
                flow["data_categories"] = categories + [rng.choice(OFF_PURPOSE)]
            case "no-mechanism" if "transfer_mechanism" in flow:
                del flow["transfer_mechanism"]
            case "art49" if "transfer_mechanism" in flow:
                flow["transfer_mechanism"] = {"type": "art49", "art49_ground": "explicit_consent"}
            case "repealed" if "transfer_mechanism" in flow:
                flow["transfer_mechanism"] = {"type": "scc_repealed", "decision_ref": "2010/87/EU"}
            case "wrong-module" if "transfer_mechanism" in flow:
                flow["transfer_mechanism"] = {"type": scc, "scc_module": 1 if module != 1 else 2,
                                              "decision_ref": "2021/914"}
            case "retention-long":
                flow["retention_days_at_destination"] = rng.choice([1200, 2000])
            case "no-consent-signal" if lane["basis"] == "consent":
                flow["consent_signal_propagated"] = False
            case "wrong-basis" if lane["basis"] == "consent":
                flow["legal_basis"] = "contract"
            case "no-suppression" if marketing:
                flow["data_categories"].remove(SUPPRESSION)
                del flow["suppression_synced"]
            case "purpose-creep" if lane_name == "service" and hop == "deliver":
                flow["data_use"] = "marketing.communications.email"
                flow["legal_basis"] = "consent"
            case "unencrypted":
                flow["encrypted_in_transit"] = False
            case "credentials":
                flow["data_categories"] = categories + ["user.authorization.credentials"]
        declared[0].update(c for c in categories if c.startswith("user"))
        return flow

    # -- access ---------------------------------------------------------------------------------
    def account(self, i):
        rng = self.rng
        system = self.systems[i % len(self.systems)]
        # The first two rounds over the systems are each tool's two administrators (ACC-014).
        admin = i < 2 * len(self.systems)
        kind = "human" if admin else rng.choices(["human", "service", "shared", "break_glass"], [95, 3, 1, 1])[0]
        account = {"id": f"a{i:07d}", "system": system["id"], "kind": kind, "owner": self.active_person(),
                   "is_admin": admin, "enabled": True, "created": day(rng, 2020, 2025),
                   "last_login": recent(rng, 0, 40), "sso": True}
        if admin:
            account["mfa_enabled"] = True
            account["mfa_methods"] = [rng.choice(STRONG_MFA)]
        if kind in ("service", "shared", "break_glass"):
            account["vault_ref"] = f"vault://marketing/{system['id']}/{account['id']}"
            account["purpose"] = "integration" if kind == "service" else "shared social login"
            account["last_reviewed"] = recent(rng, 5, 80)
        if kind == "shared":
            account["holders"] = [self.active_person(), self.active_person()]
            account["mfa_enabled"] = True
        match self.defect(["dormant", "leaver", "mfa-off", "admin-weak-mfa", "admin-no-mfa", "extra-admin",
                           "disabled", "unreviewed-service"]):
            case "dormant":
                account["last_login"] = recent(rng, 60, 400)
            case "leaver":
                leavers = [p["id"] for p in self.people if not p.get("active", True)]
                if leavers:
                    account["owner"] = rng.choice(leavers)
            case "mfa-off" if not admin:
                account["mfa_enabled"] = False
            case "admin-weak-mfa" if admin:
                account["mfa_methods"] = [rng.choice(WEAK_MFA)]
            case "admin-no-mfa" if admin:
                account["mfa_enabled"] = False
                del account["mfa_methods"]
            case "extra-admin" if not admin and kind == "human":
                account["is_admin"] = True
                account["mfa_enabled"] = True
                account["mfa_methods"] = ["webauthn"]
            case "disabled":
                account["enabled"] = False
                account["last_login"] = recent(rng, 100, 600)
            case "unreviewed-service" if kind == "service":
                del account["last_reviewed"]
        return account

    def seats(self, system):
        """Seats for the accounts generated: enough for all, plus a margin; a few tools over."""
        subscription = system.get("subscription")
        if subscription is None:
            return
        if not hasattr(self, "seat_use"):
            self.seat_use = {}
            for account in self.accounts:
                if account["enabled"] and account["kind"] in ("human", "shared"):
                    self.seat_use[account["system"]] = self.seat_use.get(account["system"], 0) + 1
        used = self.seat_use.get(system["id"], 0)
        purchased = used + self.rng.choice([1, 2, 5, 10])
        subscription["seats_purchased"] = purchased
        subscription["seats_assigned"] = used
        if self.defect(["over"]):
            subscription["seats_purchased"] = max(1, used - self.rng.choice([1, 3]))

    def api_key(self, i):
        rng = self.rng
        system = self.systems[rng.randrange(len(self.systems))]
        key = {"id": f"k{i:07d}", "system": system["id"], "owner": self.active_person(),
               "purpose": rng.choice(["sync", "export", "reporting", "webhook"]), "created": day(rng, 2021, 2025),
               "last_rotated": recent(rng, 0, 80), "last_used": recent(rng, 0, 30),
               "scopes": sorted(rng.sample(["read", "write", "contacts", "campaigns"], 2)),
               "expires": later(rng, 30, 300), "secret_ref": f"vault://marketing/{system['id']}/key-{i}"}
        match self.defect(["stale", "unused", "admin-scope", "no-expiry", "no-owner"]):
            case "stale":
                key["last_rotated"] = recent(rng, 100, 700)
            case "unused":
                key["last_used"] = recent(rng, 60, 300)
            case "admin-scope":
                key["scopes"] = ["admin"]
            case "no-expiry":
                del key["expires"]
            case "no-owner":
                del key["owner"]
        return key

    # -- licensed assets ------------------------------------------------------------------------
    def asset(self, i):
        rng = self.rng
        kind = rng.choices(["font", "image", "video", "audio", "music"], [2, 10, 3, 1, 1])[0]
        territories = rng.choice([["EEA"], ["US"], ["EEA", "UK", "US"]])
        countries = {"EEA": EEA_COUNTRIES, "UK": ["GB"], "US": ["US"]}
        asset = {"id": f"asset-{i:07d}", "kind": kind, "name": f"{kind} {i}",
                 "vendor": rng.choice(["Stocky", "Fontworks", "ClipCo", "SoundBank"]),
                 "licence_type": "webfont" if kind == "font" else rng.choice(["royalty_free", "rights_managed"]),
                 "licence_url": f"https://licences.example.com/{i}",
                 "purchase_reference": f"PO-{rng.randint(10000, 99999)}", "licensee": "Example Group",
                 "territories": territories, "valid_from": day(rng, 2021, 2023), "expires": later(rng, 60, 900)}
        if kind in ("image", "video"):
            asset["depicts_people"] = rng.random() < 0.4
            if asset["depicts_people"]:
                asset["model_release"] = True
        if kind == "music":
            asset["platforms_allowed"] = ["instagram", "tiktok", "youtube"]
            asset["paid_media_allowed"] = True
        uses = []
        for _ in range(0 if kind == "font" else rng.randint(0, 2)):
            use = {"channel": rng.choice(["web", "social", "email", "advertising"]), "paid": rng.random() < 0.3,
                   "country": rng.choice(countries[rng.choice(territories)]), "start": day(rng, 2024, 2025)}
            if use["channel"] == "social":
                use["platform"] = rng.choice(["instagram", "tiktok"])
                use["account_kind"] = "business"
            uses.append(use)
        if uses:
            asset["used_in"] = uses
        match self.defect(["expired", "territory", "editorial", "no-release", "no-evidence", "music-paid"]):
            case "expired" if uses:
                asset["expires"] = recent(rng, 10, 300)
            case "territory" if uses:
                uses[0]["country"] = "BR"
            case "editorial" if kind in ("image", "video") and uses:
                asset["licence_type"] = "editorial"
                asset["editorial_only"] = True
            case "no-release" if asset.get("depicts_people"):
                asset["model_release"] = False
            case "no-evidence":
                del asset["purchase_reference"]
                del asset["licence_url"]
            case "music-paid" if kind == "music":
                asset["paid_media_allowed"] = False
                asset["used_in"] = [{"channel": "advertising", "paid": True, "country": "US",
                                     "start": day(rng, 2024, 2025)}]
        return asset

    def component(self, i):
        # An SBOM component, as an asset of kind script/sdk (CycloneDX import is measured separately).
        rng = self.rng
        system = self.systems[rng.randrange(len(self.systems))]
        component = {"id": f"component-{i:07d}", "kind": rng.choice(["script", "sdk"]),
                     "name": f"pkg-{rng.randrange(5000)}", "vendor": rng.choice(VENDORS),
                     "version": f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}",
                     "licence": rng.choice(PERMISSIVE), "delivery": rng.choice(["self_hosted", "third_party_cdn"]),
                     "notices_preserved": True, "system": system["id"]}
        match self.defect(["copyleft", "copyleft-offered", "forbidden", "notices", "deprecated", "invalid"]):
            case "copyleft":
                component["licence"] = rng.choice(COPYLEFT)
            case "copyleft-offered":
                component["licence"] = rng.choice(COPYLEFT)
                component["source_offer_url"] = f"https://example.com/source/{component['name']}"
            case "forbidden":
                component["licence"] = rng.choice(FORBIDDEN)
            case "notices":
                component["notices_preserved"] = False
            case "deprecated":
                component["licence"] = "GPL-2.0+"
            case "invalid":
                component["licence"] = "Apache 2"
        return component

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


# -- web properties, tag-manager containers, e-mail programmes -----------------------------------
# Drawn from their own random stream (seed "SEED-SIZE-web") after the rest of the stack is built,
# so that adding them leaves every byte of the files above unchanged.

# Web properties and e-mail programmes are few and have many ways to fail; tags are many.
WEB_DEFECT_RATE = 0.10
EMAIL_DEFECT_RATE = 0.20  # of the programmes some rule reads (recipients in the US or Canada)
TAG_DEFECT_RATE = DEFECT_RATE
CONTAINER_DEFECT_RATE = 0.06

ALL_PAGES = "2147479553"  # GTM's built-in triggers
CONSENT_INITIALIZATION = "2147479572"
ESSENTIAL_USE = "essential.service"
PREFERENCES_USE = "functional.storage.privacy_preferences"
# (vendor, template name, gallery owner, gallery repository): community templates of consent
# platforms, recognised by Tollgate's catalogue from their names.
CMPS = [
    ("Cookiebot", "Cookiebot CMP", "example-cmp-templates", "cookiebot-cmp-gtm"),
    ("OneTrust", "OneTrust CMP", "example-cmp-templates", "onetrust-cmp-gtm"),
    ("Didomi", "Didomi CMP", "example-cmp-templates", "didomi-cmp-gtm"),
    ("Usercentrics", "Usercentrics CMP", "example-cmp-templates", "usercentrics-cmp-gtm"),
]
GTM_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789"
THIRD_PARTY_SCRIPT_HOSTS = ["cdn.pagepulse.example", "static.quickmetrics.example", "js.fastinsight.example"]
FONT_FOUNDRIES = ["Fontworks", "Typeyard", "Letterhaus"]

# Deliberate defects, each with the rule it breaks; the least used rule that can apply is drawn
# first, so that at size M every rule fails somewhere.
PROPERTY_DEFECTS = [
    ("PRIV-021", "fires-before-consent"), ("PRIV-021", "not-gated"), ("PRIV-025", "tcf-2.2"),
    ("PRIV-030", "no-opt-out-link"), ("PRIV-030", "gpc-ignored"), ("PRIV-030", "gpc-not-shown"),
    ("PRIV-034", "child-directed"), ("LIC-019", "no-sbom"), ("LIC-019", "stale-sbom"),
    ("LIC-013", "font-domain"), ("LIC-013", "font-pageviews"),
]
TAG_DEFECTS = [
    ("PRIV-101", "not-set"), ("PRIV-101", "not-needed"), ("PRIV-101", "no-types"), ("PRIV-103", "undeclared"),
    ("PRIV-103", "no-flow"), ("PRIV-104", "third-party-html"), ("PRIV-106", "missing-trigger"),
    ("PRIV-107", "paused"), ("PRIV-108", "unknown-type"),
]
CONTAINER_DEFECTS = [("PRIV-102", "consent-mode-v1"), ("PRIV-105", "e-mail-in-variable"),
                     ("PRIV-105", "phone-in-variable")]
EMAIL_DEFECTS = [
    ("PRIV-028", "no-postal-address"), ("PRIV-028", "no-ad-notice"), ("PRIV-028", "short-unsubscribe"),
    ("PRIV-028", "slow-opt-out"), ("PRIV-028", "late-opt-out-test"), ("PRIV-028", "no-unsubscribe"),
    ("PRIV-029", "no-consent"), ("PRIV-029", "ebr-lapsed"), ("PRIV-029", "inquiry-lapsed"),
    ("PRIV-029", "no-sender-id"), ("PRIV-029", "no-consent-records"), ("PRIV-029", "casl-unsubscribe"),
]


def parameter(key, value, kind="TEMPLATE"):
    return {"type": kind, "key": key, "value": value}


def consent_settings(status, types=()):
    settings = {"consentStatus": status}
    if types:
        settings["consentType"] = {"type": "LIST", "list": [{"type": "TEMPLATE", "value": t} for t in types]}
    return settings


def equals_event(event):
    return [{"type": "EQUALS", "parameter": [parameter("arg0", "{{_event}}"), parameter("arg1", event)]}]


class WebStack:
    """The web side of a generated stack: web properties (one per CMS or shop), the GTM container
    each loads (one per tag-manager system), the brand's web font, the e-mail programmes (one
    per ESP) and the flows the tags declare (a pixel sending to an ad platform directly)."""

    def __init__(self, stack, size, seed):
        self.stack = stack
        self.rng = random.Random(f"{seed}-{size}-web")
        self.web_properties = []
        self.containers = []  # (public id, GTM export)
        self.fonts = []
        self.email_programs = []
        self.tag_flows = []
        self.defects = {}  # rule -> count, and (rule, kind) -> count
        self.defective = 0
        self.public_ids = set()
        tag_managers = {s["id"] for s in stack.systems if s["system_type"] == "tag_manager"}
        # Systems a tag may send to as declared: a flow comes in from people or a tag manager.
        self.inbound = {f["to"] for f in stack.flows if f["from"] == "data_subject" or f["from"] in tag_managers}
        for brand, members in enumerate(stack.brand_systems):
            self.brand(brand, members)

    # -- helpers ---------------------------------------------------------------------------------
    def defect(self, catalogue, rate, usable):
        """A (rule, kind) of `catalogue` for a `rate` share of calls: the least used rule with a
        kind `usable` here, then its least used kind; None otherwise."""
        if self.rng.random() >= rate:
            return None
        options = [(rule, kind) for rule, kind in catalogue if usable(kind)]
        if not options:
            return None
        order = {item: index for index, item in enumerate(catalogue)}
        chosen = min(options, key=lambda o: (self.defects.get(o[0], 0), self.defects.get(o, 0), order[o]))
        self.defects[chosen[0]] = self.defects.get(chosen[0], 0) + 1
        self.defects[chosen] = self.defects.get(chosen, 0) + 1
        self.defective += 1
        return chosen[1]

    def public_id(self):
        while True:
            public_id = "GTM-" + "".join(self.rng.choice(GTM_ALPHABET) for _ in range(7))
            if public_id not in self.public_ids:
                self.public_ids.add(public_id)
                return public_id

    def digits(self, count):
        return str(self.rng.randint(1, 9)) + "".join(str(self.rng.randint(0, 9)) for _ in range(count - 1))

    @staticmethod
    def declaration(system, use):
        return next((d for d in system.get("privacy_declarations", []) if d["data_use"] == use), None)

    def clean_target(self, system, lane_name):
        """Whether a flow for `lane_name` into `system` would be clean for every flow rule: the
        system declares the lane's purpose as generated and carries no defect a flow inherits."""
        lane = LANES[lane_name]
        declaration = self.declaration(system, lane["use"])
        if declaration is None or declaration.get("legal_basis") != lane["basis"]:
            return False
        if not 0 < declaration.get("retention_days", 0) <= 1000:
            return False
        if not any(c in lane["categories"] for c in declaration["data_categories"]):
            return False
        if lane["use"].startswith("marketing") and SUPPRESSION not in declaration["data_categories"]:
            return False
        if any(key not in system for key in ("dpia", "it_review", "business_owner")):
            return False
        if system.get("remote_access_countries") or any(
                sub["country"] in THIRD for sub in system.get("subprocessors", [])):
            return False
        if system["responsibility"] == "processor":
            dpa = system.get("dpa", {})
            if not dpa.get("signed") or len(dpa.get("art28_clauses", [])) != 8 \
                    or "subprocessor_change_notice_days" not in dpa or "security_evidence" not in system:
                return False
        if "dpf" in system:
            checked = datetime.date.fromisoformat(system["dpf"]["checked_on"])
            if not system["dpf"]["certified"] or (datetime.date(2026, 10, 1) - checked).days > 330:
                return False
        return True

    def tag_flow(self, brand, target, lane_name):
        """The declared flow of what a pixel sends from the visitor's browser to `target`."""
        rng = self.rng
        lane = LANES[lane_name]
        regions = REGIONS[self.stack.brand_region[brand]]
        declared = [c for c in self.declaration(target, lane["use"])["data_categories"] if c in lane["categories"]]
        categories = sorted(rng.sample(declared, min(len(declared), rng.randint(1, 3))))
        marketing = lane["use"].startswith("marketing")
        if marketing:
            categories.append(SUPPRESSION)
        flow = {"id": f"tf{len(self.tag_flows) + 1:06d}", "from": "data_subject", "to": target["id"],
                "data_categories": categories, "data_subjects": ["visitor"], "data_use": lane["use"],
                "legal_basis": lane["basis"], "subject_regions": regions, "frequency": "realtime",
                "encrypted_in_transit": True, "consent_signal_propagated": True}
        if marketing:
            flow["suppression_synced"] = True
        if any(r in ("EEA", "UK") for r in regions) and "US" in target["processing_countries"]:
            flow["transfer_mechanism"] = {"type": "dpf"} if "dpf" in target else \
                {"type": "uk_addendum" if "UK" in regions else "scc_2021",
                 "scc_module": 2 if target["responsibility"] == "processor" else 1,
                 "decision_ref": "2021/914"}
        if "US-CA" in regions and marketing:
            flow["ccpa_share"] = True  # cross-context behavioural advertising (§1798.140(ah))
        self.tag_flows.append(flow)
        self.inbound.add(target["id"])

    # -- one brand -------------------------------------------------------------------------------
    def brand(self, brand, members):
        rng = self.rng
        regions = REGIONS[self.stack.brand_region[brand]]
        eea = any(r in ("EEA", "UK") for r in regions)
        sites = [s for s in members if s["system_type"] in ("cms", "ecommerce")]
        managers = [s for s in members if s["system_type"] == "tag_manager"][:len(sites)]
        cmp_vendor = rng.choice(CMPS)
        cmp_system = next((s for s in members if s["system_type"] == "cmp"), None)
        # Where the brand's tags send data: its analytics tool with data already flowing in
        # from the site, and ad platforms clean enough to take a pixel's flow.
        analytics = next((s for s in members if s["system_type"] == "analytics" and s["id"] in self.inbound), None)
        ads = [s for s in members if s["system_type"] == "ad_platform" and self.clean_target(s, "ads")]
        social = [s for s in members if s["system_type"] == "social" and self.clean_target(s, "ads")]
        esp = next((s for s in members if s["system_type"] == "esp"), None)
        targets = {"analytics": analytics, "ads": rng.choice(ads) if ads else None,
                   "meta": rng.choice(social or ads) if social or ads else None,
                   "linkedin": rng.choice(ads) if ads else None, "esp": esp}

        plans = []
        for site in sites:
            shop = site["system_type"] == "ecommerce"
            number = int(site["id"].rsplit("-", 1)[1])
            plans.append({"system": site, "shop": shop,
                          "domain": f"{'shop' if shop else 'www'}{number}.brand{brand:04d}.example",
                          "pageviews": rng.choice([1, 2, 3, 5, 8]) * 10 ** rng.randint(4, 6)})
        placements = {}  # property index -> the tags it declares
        for index, manager in enumerate(managers):
            linked = [k for k in range(len(plans)) if k % len(managers) == index]
            public_id, tag_placements = self.container(brand, manager, [plans[k] for k in linked], eea, cmp_vendor,
                                                       cmp_system, targets)
            for k in linked:
                plans[k]["container"] = public_id
                placements[k] = tag_placements
        # The flows the placed tags need, once per target.
        for k in sorted(placements):
            for placement in placements[k]:
                target = self.stack.by_id[placement["system"]] if "system" in placement else None
                if target is not None and target["id"] not in self.inbound and target["system_type"] in (
                        "ad_platform", "social"):
                    self.tag_flow(brand, target, "ads")

        font_id = f"webfont-b{brand:04d}"
        font_name = f"Brand {brand} Sans"
        for k, plan in enumerate(plans):
            tags = [dict(p) for p in placements.get(k, [])]
            tags.append({"name": f"{font_name} (web font)", "asset": font_id, "purpose": ESSENTIAL_USE,
                         "fires_before_consent": True, "consent_gated": False})
            self.web_property(plan, regions, eea, cmp_vendor, tags)
        self.web_font(brand, font_id, font_name, plans)
        for system in members:
            if system["system_type"] == "esp":
                self.email_program(brand, system, regions)

    # -- web properties --------------------------------------------------------------------------
    def web_property(self, plan, regions, eea, cmp_vendor, tags):
        rng = self.rng
        domain = plan["domain"]
        cmp = {"vendor": cmp_vendor[0]}
        if eea:
            cmp["tcf_version"] = "2.3"
            cmp["reject_first_layer"] = True
            cmp["prechecked"] = False
            cmp["withdrawal_link"] = True
            cmp["consent_max_age_days"] = rng.choice([180, 365, 395])
        cmp["gpc_honoured"] = True
        cmp["gpc_status_displayed"] = True
        prop = {"id": f"web-{plan['system']['id']}", "domain": domain, "monthly_pageviews": plan["pageviews"],
                "audience_regions": regions, "privacy_notice_url": f"https://{domain}/privacy",
                "third_party_notices_url": f"https://{domain}/legal/third-party-notices",
                "sbom": {"format": "CycloneDX 1.6", "generated_on": recent(rng, 2, 85)},
                "cmp": cmp, "ccpa_links": {"do_not_sell_or_share": True, "limit_spi": False}}
        if "container" in plan:
            prop["tag_manager_containers"] = [plan["container"]]
        prop["tags"] = tags
        gated = [t for t in tags if t.get("consent_gated")]

        def usable(kind):
            match kind:
                case "fires-before-consent" | "not-gated":
                    return bool(gated)
                case "tcf-2.2":
                    return "tcf_version" in cmp
                case "child-directed":
                    return self.defects.get(("PRIV-034", "child-directed"), 0) == 0
            return True

        match self.defect(PROPERTY_DEFECTS, WEB_DEFECT_RATE, usable):
            case "fires-before-consent":
                rng.choice(gated)["fires_before_consent"] = True
            case "not-gated":
                del rng.choice(gated)["consent_gated"]
            case "tcf-2.2":
                cmp["tcf_version"] = "2.2"
            case "no-opt-out-link":
                del prop["ccpa_links"]
            case "gpc-ignored":
                cmp["gpc_honoured"] = False
                del cmp["gpc_status_displayed"]
            case "gpc-not-shown":
                cmp["gpc_status_displayed"] = False
            case "child-directed":
                prop["child_directed"] = True  # a kids' section; the organisation has no COPPA programme
            case "no-sbom":
                del prop["sbom"]
            case "stale-sbom":
                prop["sbom"]["generated_on"] = recent(rng, 120, 400)
            case "font-domain":
                plan["font_defect"] = "domain"
            case "font-pageviews":
                plan["font_defect"] = "pageviews"
        self.web_properties.append(prop)

    def web_font(self, brand, font_id, font_name, plans):
        """The brand's web font, licensed for its sites' domains and pageviews."""
        rng = self.rng
        domains = [p["domain"] for p in plans]
        total = sum(p["pageviews"] for p in plans)
        licensed = next(tier for tier in [100_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000,
                                          25_000_000, 50_000_000, 10 ** 12] if tier >= total)
        uses = [{"channel": "web", "domain": p["domain"], "monthly_pageviews": p["pageviews"],
                 "start": day(rng, 2024, 2025)} for p in plans]
        for plan in plans:
            match plan.get("font_defect"):
                case "domain":  # the site moved to a domain the licence does not name
                    domains.remove(plan["domain"])
                    domains.append("old-" + plan["domain"])
                case "pageviews":  # traffic outgrew the licence
                    licensed = max(10_000, total - plan["pageviews"] // 2)
        self.fonts.append({"id": font_id, "kind": "font", "name": font_name, "vendor": rng.choice(FONT_FOUNDRIES),
                           "licence_type": "webfont", "licence_url": f"https://licences.example.com/fonts/b{brand:04d}",
                           "purchase_reference": f"PO-{rng.randint(10000, 99999)}", "licensee": "Example Group",
                           "valid_from": day(rng, 2021, 2023), "expires": later(rng, 60, 900),
                           "licensed_domains": domains, "licensed_pageviews_month": licensed, "used_in": uses})

    # -- tag-manager containers ------------------------------------------------------------------
    def container(self, brand, manager, plans, eea, cmp_vendor, cmp_system, targets):
        """A GTM container export (exportFormatVersion 2) for the sites in `plans`; returns its
        public id and the tag placements its web properties declare."""
        rng = self.rng
        account = str(4_000_000 + brand)
        container_id = str(6_000_000 + len(self.containers))
        public_id = self.public_id()
        domain = plans[0]["domain"]
        shop = any(p["shop"] for p in plans)
        measurement_id = "G-" + "".join(rng.choice(GTM_ALPHABET) for _ in range(10))
        variables = [
            {"variableId": "1", "name": "GA4 Measurement ID", "type": "c",
             "parameter": [parameter("value", measurement_id)]},
            {"variableId": "2", "name": "DLV - value", "type": "v",
             "parameter": [parameter("dataLayerVersion", "2", "INTEGER"), parameter("name", "ecommerce.value")]},
            {"variableId": "3", "name": "Page Path", "type": "u", "parameter": [parameter("component", "PATH")]},
        ]
        event = "purchase" if shop else "generate_lead"
        triggers = [{"triggerId": "10", "name": f"CE - {event}", "type": "CUSTOM_EVENT",
                     "customEventFilter": equals_event(event)}]
        if not eea:
            # US sites fire marketing tags only once the CMP reports an opt-in (trigger-gated).
            triggers.append({"triggerId": "12", "name": "CMP - marketing consent granted", "type": "CUSTOM_EVENT",
                             "customEventFilter": equals_event("cmp_marketing_granted")})
        templates = [{"templateId": "1", "name": cmp_vendor[1],
                      "galleryReference": {"host": "github.com", "owner": cmp_vendor[2],
                                           "repository": cmp_vendor[3]}}]
        tags = []  # [GTM tag, placement or None, facts]

        def add(name, type_, parameters, firing, consent, placement=None, **facts):
            tag = {"accountId": account, "containerId": container_id, "tagId": str(len(tags) + 1), "name": name,
                   "type": type_, "parameter": parameters, "firingTriggerId": firing,
                   "tagFiringOption": "ONCE_PER_EVENT", "consentSettings": consent}
            if placement is not None:
                placement = {"name": name, **placement}
            tags.append([tag, placement, facts])

        def vendor_consent(types, google=False):
            """Consent for a tag that sends data: waits for `types`; Google tags may rely on
            their built-in checks; US tags may wait for the CMP's trigger instead."""
            if google and rng.random() < 0.4:
                return consent_settings("NOT_SET"), None
            if not eea and not google and rng.random() < 0.5:
                return consent_settings("NOT_SET"), ["12"]
            return consent_settings("NEEDED", types), None

        def placed(system, use):
            return {"system": system["id"], "purpose": use, "fires_before_consent": False, "consent_gated": True}

        defaults = [parameter("defaultAdStorage", "denied"), parameter("defaultAnalyticsStorage", "denied"),
                    parameter("defaultAdUserData", "denied"), parameter("defaultAdPersonalization", "denied"),
                    parameter("waitForUpdate", "500")]
        add(f"{cmp_vendor[0]} CMP", f"cvt_{container_id}_1", defaults, [CONSENT_INITIALIZATION],
            consent_settings("NOT_NEEDED"),
            {"system": cmp_system["id"], "purpose": PREFERENCES_USE, "fires_before_consent": True,
             "consent_gated": False} if cmp_system else None, cmp=True)
        analytics_use, ads_use = LANES["analytics"]["use"], LANES["ads"]["use"]
        if targets["analytics"]:
            consent, gate = vendor_consent(["analytics_storage"], google=True)
            add("Google tag", "googtag", [parameter("tagId", "{{GA4 Measurement ID}}")], gate or [ALL_PAGES],
                consent, placed(targets["analytics"], analytics_use), google=True, vendor=True)
            consent, gate = vendor_consent(["analytics_storage"], google=True)
            add(f"GA4 - {event}", "gaawe", [parameter("eventName", event),
                                            parameter("measurementIdOverride", "{{GA4 Measurement ID}}")],
                gate or ["10"], consent, placed(targets["analytics"], analytics_use), google=True, vendor=True)
        if targets["ads"]:
            consent, gate = vendor_consent(["ad_storage", "ad_user_data", "ad_personalization"], google=True)
            add(f"Google Ads - {event}", "awct",
                [parameter("conversionId", self.digits(10)), parameter("conversionLabel", self.digits(6)),
                 parameter("conversionValue", "{{DLV - value}}")],
                gate or ["10"], consent, placed(targets["ads"], ads_use), google=True, vendor=True)
            consent, gate = vendor_consent(["ad_storage"], google=True)
            add("Conversion Linker", "gclidw", [parameter("enableCrossDomain", "false", "BOOLEAN")],
                gate or [ALL_PAGES], consent, placed(targets["ads"], ads_use), google=True, vendor=True)
        if targets["meta"] and rng.random() < 0.7:
            templates.append({"templateId": "2", "name": "Facebook Pixel",
                              "galleryReference": {"host": "github.com", "owner": "facebookarchive",
                                                   "repository": "GoogleTagManager-WebTemplate-For-FacebookPixel"}})
            consent, gate = vendor_consent(["ad_storage"])
            add("Meta Pixel", f"cvt_{container_id}_2",
                [parameter("pixelId", self.digits(15)), parameter("eventName", "PageView")],
                gate or [ALL_PAGES], consent, placed(targets["meta"], ads_use), vendor=True)
        if targets["linkedin"] and rng.random() < 0.4:
            consent, gate = vendor_consent(["ad_storage"])
            add("LinkedIn Insight", "bzi", [parameter("partnerId", self.digits(7))], gate or [ALL_PAGES], consent,
                placed(targets["linkedin"], ads_use), vendor=True)
        if targets["ads"] and rng.random() < 0.3:
            consent, gate = vendor_consent(["ad_storage"])
            add("Microsoft UET", "baut", [parameter("tagId", self.digits(8))], gate or [ALL_PAGES], consent,
                placed(targets["ads"], ads_use), vendor=True)
        if targets["analytics"] and rng.random() < 0.3:
            consent, gate = vendor_consent(["analytics_storage"])
            add("Hotjar", "hjtc", [parameter("hotjar_site_id", self.digits(7))], gate or [ALL_PAGES], consent,
                placed(targets["analytics"], analytics_use), vendor=True)
        if rng.random() < 0.6:
            html = f'<script src="https://{domain}/assets/rum.js" async></script>'
            add("RUM snippet", "html", [parameter("html", html), parameter("supportDocumentWrite", "false", "BOOLEAN")],
                [ALL_PAGES], consent_settings("NEEDED", ["analytics_storage"]),
                placed(targets["analytics"], analytics_use) if targets["analytics"] else None, html=True)

        # One deliberate defect for a share of the tags, on a tag it can apply to.
        for _ in range(len(tags)):
            def candidates(kind):
                found = []
                for item in tags:
                    tag, placement, facts = item
                    if facts.get("defect"):
                        continue
                    status = tag["consentSettings"]["consentStatus"]
                    gated_by_trigger = tag["firingTriggerId"] == ["12"]
                    vendor = facts.get("vendor", False)
                    ok = {
                        "not-set": vendor and not facts.get("google") and status == "NEEDED",
                        "not-needed": vendor and not facts.get("google") and status == "NEEDED",
                        "no-types": vendor and status == "NEEDED",
                        "undeclared": vendor and placement is not None,
                        "no-flow": vendor and placement is not None and targets["esp"] is not None,
                        "third-party-html": facts.get("html") and placement is not None,
                        "missing-trigger": not gated_by_trigger and (status == "NEEDED" or facts.get("google")
                                                                     or facts.get("cmp")),
                        "paused": not facts.get("cmp"),
                        "unknown-type": vendor and not facts.get("google"),
                    }[kind]
                    if ok:
                        found.append(item)
                return found

            kind = self.defect(TAG_DEFECTS, TAG_DEFECT_RATE, lambda k: bool(candidates(k)))
            if kind is None:
                continue
            item = rng.choice(candidates(kind))
            tag, placement, facts = item
            facts["defect"] = kind
            match kind:
                case "not-set":
                    tag["consentSettings"] = consent_settings("NOT_SET")
                case "not-needed":
                    tag["consentSettings"] = consent_settings("NOT_NEEDED")
                case "no-types":
                    tag["consentSettings"] = consent_settings("NEEDED")
                case "undeclared":  # added in the tag manager, never declared
                    item[1] = None
                case "no-flow":  # declared as sending to a tool no flow from the site reaches
                    placement["system"] = targets["esp"]["id"]
                case "third-party-html":
                    host = rng.choice(THIRD_PARTY_SCRIPT_HOSTS)
                    tag["parameter"][0]["value"] = f'<script src="https://{host}/rum.js" async></script>'
                case "missing-trigger":  # fires on a trigger deleted from the container
                    tag["firingTriggerId"] = tag["firingTriggerId"] + ["99"]
                case "paused":
                    tag["paused"] = True
                case "unknown-type":  # a community template whose template is not in the export
                    tag["type"] = f"cvt_{container_id}_{90 + int(tag['tagId'])}"
                    if tag["consentSettings"]["consentStatus"] != "NEEDED":
                        tag["consentSettings"] = consent_settings("NEEDED", ["ad_storage"])
                    item[1] = None

        has_google = any(facts.get("google") and not tag.get("paused") for tag, _, facts in tags)
        match self.defect(CONTAINER_DEFECTS, CONTAINER_DEFECT_RATE,
                          lambda kind: kind != "consent-mode-v1" or (eea and has_google)):
            case "consent-mode-v1":  # defaults written before Consent Mode v2: no ad_user_data, ad_personalization
                cmp_tag = tags[0][0]
                cmp_tag["parameter"] = [p for p in cmp_tag["parameter"]
                                        if p["key"] not in ("defaultAdUserData", "defaultAdPersonalization")]
                for tag, _, facts in tags:
                    settings = tag["consentSettings"]
                    if facts.get("google") and settings["consentStatus"] == "NEEDED" and "consentType" in settings:
                        types = [item["value"] for item in settings["consentType"]["list"]
                                 if item["value"] in ("ad_storage", "analytics_storage")]
                        tag["consentSettings"] = consent_settings("NEEDED", types)
            case "e-mail-in-variable":
                variables.append({"variableId": "4", "name": "Support contact", "type": "c",
                                  "parameter": [parameter("value", f"webteam@{domain}")]})
            case "phone-in-variable":
                variables.append({"variableId": "4", "name": "Hotline", "type": "c",
                                  "parameter": [parameter("value", f"+44 20 7946 {rng.randint(0, 999):03d}")]})

        for trigger in triggers:
            trigger["accountId"] = account
            trigger["containerId"] = container_id
        version = str(rng.randint(20, 400))
        export = {"exportFormatVersion": 2, "exportTime": f"{recent(rng, 1, 60)} 09:{rng.randint(0, 59):02d}:00",
                  "containerVersion": {
                      "path": f"accounts/{account}/containers/{container_id}/versions/{version}",
                      "accountId": account, "containerId": container_id, "containerVersionId": version,
                      "container": {"path": f"accounts/{account}/containers/{container_id}", "accountId": account,
                                    "containerId": container_id, "name": domain, "publicId": public_id,
                                    "usageContext": ["WEB"]},
                      "tag": [tag for tag, _, _ in tags], "trigger": triggers,
                      "variable": [dict(v, accountId=account, containerId=container_id) for v in variables],
                      "customTemplate": [dict(t, accountId=account, containerId=container_id) for t in templates]}}
        self.containers.append((public_id, export))
        return public_id, [placement for _, placement, _ in tags if placement is not None]

    # -- e-mail programmes -----------------------------------------------------------------------
    def email_program(self, brand, system, regions):
        rng = self.rng
        recipients = list(regions)
        if "US" in recipients and rng.random() < 0.4:
            recipients.append("CA")  # Canadian subscribers of a US brand: CASL applies too
        us, canada = "US" in recipients, "CA" in recipients
        program = {"id": f"email-{system['id']}", "system": system["id"],
                   "name": f"Brand {brand} {rng.choice(['newsletter', 'offers', 'product news'])}",
                   "recipient_regions": recipients, "data_subjects": ["customer", "prospect"],
                   "consent_basis": "express", "consent_obtained_on": day(rng, 2021, 2025)}
        if canada:
            basis = rng.choices(["express", "implied_ebr", "implied_inquiry"], [6, 3, 1])[0]
            if basis == "implied_ebr":
                program["consent_basis"] = basis
                del program["consent_obtained_on"]
                program["last_purchase_or_contract"] = recent(rng, 20, 700)
            elif basis == "implied_inquiry":
                program["consent_basis"] = basis
                del program["consent_obtained_on"]
                program["last_inquiry"] = recent(rng, 10, 170)
        program.update({"unsubscribe_link": True, "unsubscribe_valid_days": rng.choice([60, 90, 365]),
                        "unsubscribe_processing_business_days": rng.choice([1, 2, 3, 5]),
                        "sender_identification": True, "physical_postal_address": True, "ad_identification": True,
                        "consent_records_kept": True, "opt_out_at_collection": True, "opt_out_in_each_message": True})
        if rng.random() < 0.3:
            requested = recent(rng, 20, 200)
            honoured = datetime.date.fromisoformat(requested) + datetime.timedelta(days=rng.randint(0, 4))
            program["opt_out_test"] = {"requested_on": requested, "honoured_on": honoured.isoformat()}

        def usable(kind):
            if kind in ("no-consent", "ebr-lapsed", "inquiry-lapsed", "no-sender-id", "no-consent-records",
                        "casl-unsubscribe"):
                return canada
            return us

        match self.defect(EMAIL_DEFECTS, EMAIL_DEFECT_RATE if us or canada else 0, usable):
            case "no-postal-address":
                program["physical_postal_address"] = False
            case "no-ad-notice":
                program["ad_identification"] = False
            case "short-unsubscribe":
                program["unsubscribe_valid_days"] = rng.choice([14, 21, 29])
            case "slow-opt-out":
                program["unsubscribe_processing_business_days"] = rng.choice([12, 15, 20])
            case "late-opt-out-test":
                requested = recent(rng, 40, 200)
                honoured = datetime.date.fromisoformat(requested) + datetime.timedelta(days=rng.randint(21, 35))
                program["opt_out_test"] = {"requested_on": requested, "honoured_on": honoured.isoformat()}
            case "no-unsubscribe":
                program["unsubscribe_link"] = False
            case "no-consent":
                program["consent_basis"] = "none"
                program.pop("consent_obtained_on", None)
            case "ebr-lapsed":
                program["consent_basis"] = "implied_ebr"
                program.pop("consent_obtained_on", None)
                program.pop("last_inquiry", None)
                program["last_purchase_or_contract"] = recent(rng, 760, 1100)
            case "inquiry-lapsed":
                program["consent_basis"] = "implied_inquiry"
                program.pop("consent_obtained_on", None)
                program.pop("last_purchase_or_contract", None)
                program["last_inquiry"] = recent(rng, 200, 400)
            case "no-sender-id":
                program["sender_identification"] = False
            case "no-consent-records":
                program["consent_records_kept"] = False
            case "casl-unsubscribe":  # enough for CAN-SPAM (30 days), not for CASL (60)
                program["unsubscribe_valid_days"] = 45
        self.email_programs.append(program)

    def documents(self):
        """(file stem, top-level key, entities) for the declaration files of the web side."""
        for key, stem, items in [
            ("web_properties", "web-properties", self.web_properties), ("assets", "web-fonts", self.fonts),
            ("email_programs", "email-programs", self.email_programs), ("flows", "tag-flows", self.tag_flows),
        ]:
            for start in range(0, len(items), CHUNK):
                yield f"{stem}-{start // CHUNK + 1:04d}", key, items[start:start + CHUNK]

    def exports(self):
        """(file stem, document) for the GTM container exports, one file each as GTM writes them."""
        for public_id, export in self.containers:
            yield f"gtm-{public_id}", export


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


def write_export(path, fmt, document):
    """A tool's own export (a GTM container), as that tool writes it: no `version` key."""
    if fmt == "json":
        path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        return
    out = []
    yaml_block(document, 0, out)
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
    web = WebStack(stack, args.size, args.seed)
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
        for stem, key, entities in web.documents():
            path = directory / f"{stem}.{fmt}"
            (write_yaml if fmt == "yaml" else write_json)(path, key, entities)
        for stem, document in web.exports():
            write_export(directory / f"{stem}.{fmt}", fmt, document)
        total = sum(p.stat().st_size for p in directory.iterdir())
        print(f"{directory}: {len(list(directory.iterdir()))} files, {total / 1048576:.1f} MiB", file=sys.stderr)


if __name__ == "__main__":
    main()
