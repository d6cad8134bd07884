# The six representative Tollgate rules written as Rego, for the benchmark's peer comparison
# (bench/run). Each rule follows its Swift implementation, with the Swift default parameters
# written inline:
#
#   ACC-009  admin MFA                     (Sources/TollgateRules/Accounts/AdminMFA.swift)
#   ACC-001  password minimum length       (Accounts/MinimumPasswordLength.swift)
#   LIC-001  seats within entitlement      (Licensing/SeatsWithinEntitlement.swift)
#   PRIV-018 retention bounded             (Privacy/RetentionBounded.swift)
#   PRIV-012 transfer mechanism for EEA    (Privacy/TransferMechanismPresent.swift)
#   PRIV-005 sensitive data to ad targeting (Privacy/NoSensitiveDataToAdTargeting.swift)
#
# Each rule is an array of violations, one element per Tollgate finding (a finding is one
# violation: a subject and the violation's key), written "kind:id|key" like Tollgate's
# subject and key, so that counts compare one to one and elements can be compared with the
# findings of Tollgate's JSON report.
#
# One simplification: PRIV-012 and PRIV-005 ask what the lineage carries along a flow (Tollgate
# follows every path from collection on). Here they read the flow's own declaration, which gives
# the same findings when
#   - PRIV-012: no data of EEA subjects reaches, through a path, a flow whose own
#     `subject_regions` do not cover the EEA (a flow with EEA regions is judged the same);
#   - PRIV-005: no flow into an ad platform declares a category broader than a sensitive one
#     (`user`, `user.demographic`), which would carry sensitive data on from upstream, and data
#     about a `child` subject is declared as such on the flow into the ad platform.
# bench/generate.py keeps to both (leaf categories only, a brand's flows stay inside the brand
# and share its regions, no child subject). Everything else is evaluated as in Swift.
#
# Written for rego-cpp 1.5.2 (PyPI `regopy`), the engine bench/run uses: a few constructs are
# avoided because that engine gets them wrong or evaluates them in quadratic time; each place
# says which.
package tollgate.bench

import rego.v1

as_of_ns := time.parse_ns("2006-01-02", "2026-10-01")

systems_by_id := {s.id: s | some s in input.systems}

security(system_id) := object.get(object.get(systems_by_id, system_id, {}), "security", {})

# Taxonomy.matches: the key itself or a descendant on a dot boundary.
matches(key, ancestor) if key == ancestor

matches(key, ancestor) if startswith(key, concat("", [ancestor, "."]))

matches_any(key, ancestors) if {
	some ancestor in ancestors
	matches(key, ancestor)
}

personal(category) if matches(category, "user")

# ---------------------------------------------------------------------------------- ACC-009
restricted_methods := {"sms", "voice", "email"}

phishing_resistant_methods := {"webauthn", "passkey", "fido2", "piv"}

# Each enabled admin with the system's security settings, looked up once per admin.
admins := [[a, security(a.system)] |
	some a in input.accounts
	object.get(a, "is_admin", false) == true
	object.get(a, "enabled", true) == true
]

# `mfa_enabled ?? enforced`: the account's own declaration when it has one (an explicit
# `false` wins over enforcement on the system), otherwise enforcement on the system.
has_mfa(a, _) if a.mfa_enabled == true

has_mfa(a, sec) if {
	object.get(a, "mfa_enabled", null) == null
	object.get(sec, "mfa_enforced", "none") in {"admins", "all"}
}

# Or the tool is reached only through SSO, whose identity provider applies MFA (Account+MFA.swift):
# a break-glass account keeps a local login, so only when it says `sso: true`.
has_mfa(a, sec) if {
	object.get(a, "mfa_enabled", null) == null
	object.get(sec, "sso_enforced", false) == true
	object.get(sec, "local_login_disabled", false) == true
	through_sso(a)
}

through_sso(a) if {
	object.get(a, "kind", "human") == "break_glass"
	object.get(a, "sso", null) == true
}

through_sso(a) if {
	object.get(a, "kind", "human") != "break_glass"
	object.get(a, "sso", null) != false
}

methods(a, sec) := a.mfa_methods if {
	count(object.get(a, "mfa_methods", [])) > 0
} else := object.get(sec, "mfa_methods_allowed", [])

only_restricted(m) if {
	count(m) > 0
	every method in m { method in restricted_methods }
}

# Written with `some`, not as `every … { not … in … }`: rego-cpp 1.5.2 holds the latter true
# even when a method is in the set.
phishing_resistant(m) if {
	some method in m
	method in phishing_resistant_methods
}

# The violation key of an admin account, as in AdminMFA.swift (at most one per account).
admin_problem(a, sec) := "mfa" if {
	not has_mfa(a, sec)
} else := "mfa_methods" if {
	only_restricted(methods(a, sec))
} else := "phishing_resistant" if {
	m := methods(a, sec)
	count(m) > 0
	not phishing_resistant(m)
}

acc009 := [concat("", ["account:", a.id, "|", problem]) |
	some admin in admins
	a := admin[0]
	problem := admin_problem(a, admin[1])
]

# ---------------------------------------------------------------------------------- ACC-001
# Every system with a declared password policy, SSO or not.
# 8 only where every sign-in needs MFA: enforced for all, and local login not declared open.
required_length(sec) := 8 if {
	sec.mfa_enforced == "all"
	object.get(sec, "local_login_disabled", true) != false
} else := 15

long_enough(policy, required) if policy.min_length >= required

acc001 := [concat("", ["system:", s.id, "|min_length"]) |
	some s in input.systems
	sec := s.security
	policy := sec.password_policy
	not long_enough(policy, required_length(sec))
]

# ---------------------------------------------------------------------------------- LIC-001
tolerance_seats := 0

seat_counted(a) if {
	object.get(a, "enabled", true) == true
	a.kind in {"human", "shared"}
}

# Accounts that take a seat, counted per system. The natural grouping (a multi-value rule
# `seat_accounts[system] contains i`, counted once per system) takes 12 s at size M in
# rego-cpp 1.5.2, which builds such rules in quadratic time, and counting the accounts again
# for each system fails there (`<error>`). So the systems of the seat-taking accounts are
# listed once, each framed by line breaks, and each system's frame is counted in that text.
seat_systems_text := concat("", [concat("", ["\n", a.system, "\n"]) | some a in input.accounts; seat_counted(a)])

counted_seats(system_id) := strings.count(seat_systems_text, concat("", ["\n", system_id, "\n"]))

# The larger of the declared seats_assigned and the counted accounts (not with `max()`, which
# rego-cpp 1.5.2 compares as text, as it does `min()`).
assigned_seats(s) := n if {
	s.subscription.seats_assigned != null
	n := counted_seats(s.id)
	n > s.subscription.seats_assigned
} else := s.subscription.seats_assigned if {
	s.subscription.seats_assigned != null
} else := counted_seats(s.id)

lic001 := [concat("", ["system:", s.id, "|subscription/seats"]) |
	some s in input.systems
	purchased := s.subscription.seats_purchased
	purchased != null
	assigned_seats(s) - purchased > tolerance_seats
]

# --------------------------------------------------------------------------------- PRIV-018
max_retention_days := 1095

max_retention_days_analytics := 790

bounded_uses := [
	"marketing", "personalize", "analytics", "sales", "functional", "collect", "train_ai_system",
	"third_party_sharing",
]

exempt_categories := ["user.privacy_preferences"]

relevant(categories) if {
	some c in categories
	personal(c)
	not matches_any(c, exempt_categories)
}

# Undefined for uses without a limit (essential, legal obligations, none declared).
retention_limit(use) := max_retention_days_analytics if {
	matches_any(use, bounded_uses)
	matches(use, "analytics")
} else := max_retention_days if {
	matches_any(use, bounded_uses)
}

over_limit(days, use) if days > retention_limit(use)

declaration_problem(d) if object.get(d, "retention_days", null) == null

declaration_problem(d) if {
	days := object.get(d, "retention_days", null)
	days != null
	over_limit(days, object.get(d, "data_use", ""))
}

priv018 := array.concat(
	[concat("", ["system:", s.id, "|retention/", object.get(d, "data_use", "")]) |
		some s in input.systems
		some d in object.get(s, "privacy_declarations", [])
		relevant(d.data_categories)
		declaration_problem(d)
	],
	[concat("", ["flow:", f.id, "|retention"]) |
		some f in input.flows
		days := object.get(f, "retention_days_at_destination", null)
		days != null
		relevant(f.data_categories)
		over_limit(days, object.get(f, "data_use", ""))
	],
)

# --------------------------------------------------------------------------------- PRIV-012
# Reference data as in Sources/TollgateKit/Reference/EEA.swift and AdequacyDecisions.swift.
eea_members := {
	"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
	"MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
}

adequate_countries := {"AD", "AR", "BR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "US", "UY"}

dpf_only_countries := {"US"}

dpf_check_max_age_days := 365

eea_regions(regions) if {
	some r in regions
	r in {"EEA", "EU"}
}

eea_regions(regions) if {
	some r in regions
	r in eea_members
}

# Adequate, and the decision does not depend on the recipient's DPF certification.
adequate_without_dpf(country) if {
	country in adequate_countries
	not country in dpf_only_countries
}

# A DPF-only adequate country, and the recipient's certification (EU framework) was checked
# within the maximum age.
dpf_current(country, dpf) if {
	country in adequate_countries
	country in dpf_only_countries
	dpf.certified == true
	"EU" in dpf.frameworks
	checked_ns := time.parse_ns("2006-01-02", dpf.checked_on)
	as_of_ns - checked_ns <= dpf_check_max_age_days * 86400000000000
}

# SCCs (alone or with the UK Addendum or Swiss adaptation, which amend them) and BCRs always
# suffice; Art. 49 when its ground is named. (A `dpf` mechanism adds nothing: it suffices only
# where the certification is already current.)
mechanism_suffices(mechanism) if mechanism.type in {"scc_2021", "uk_addendum", "swiss_scc", "bcr"}

mechanism_suffices(mechanism) if {
	mechanism.type == "art49"
	object.get(mechanism, "art49_ground", null) != null
}

transfer_problem(country, mechanism, dpf) if {
	not adequate_without_dpf(country)
	not dpf_current(country, dpf)
	not mechanism_suffices(mechanism)
}

receiving_countries(f, dest) := [f.destination_country] if {
	object.get(f, "destination_country", null) != null
} else := object.get(dest, "processing_countries", [])

outside_eea(country) if not country in eea_members

personal_flow(f) if {
	some c in f.data_categories
	personal(c)
}

# The flows the rule judges, with their index and destination: personal data of EEA subjects
# into a declared system.
priv012_flows := [[i, f, dest] |
	f := input.flows[i]
	personal_flow(f)
	eea_regions(object.get(f, "subject_regions", []))
	dest := systems_by_id[f.to]
]

# A recipient's sub-processors are judged once, on the first judged flow into it (the flows
# are in the order Tollgate loads them: files sorted by name, entities in file order).
judged_flows_into[to] contains i if {
	some judged in priv012_flows
	i := judged[0]
	to := judged[1].to
}

# The first of them per recipient. Written without min(…): rego-cpp 1.5.2's min compares
# numbers as text (min({29, 162}) is 162).
first_flow_into := {to: i |
	some to, indexes in judged_flows_into
	some i in indexes
	not smaller_in(indexes, i)
}

smaller_in(indexes, i) if {
	some j in indexes
	j < i
}

priv012 := array.concat(
	[concat("", ["flow:", f.id, "|transfer/", country]) |
		some judged in priv012_flows
		f := judged[1]
		dest := judged[2]
		countries := {c |
			some c in array.concat(receiving_countries(f, dest), object.get(dest, "remote_access_countries", []))
			outside_eea(c)
		}
		some country in countries
		transfer_problem(country, object.get(f, "transfer_mechanism", {}), object.get(dest, "dpf", {}))
	],
	[concat("", ["flow:", f.id, "|onward/", sub.name]) |
		some judged in priv012_flows
		f := judged[1]
		count(object.get(judged[2], "subprocessors", [])) > 0
		first_flow_into[f.to] == judged[0]
		some sub in judged[2].subprocessors
		country := sub.country
		outside_eea(country)
		transfer_problem(country, object.get(sub, "transfer_mechanism", {}), {})
	],
)

# --------------------------------------------------------------------------------- PRIV-005
# Defaults: GDPR Art. 9 and Art. 10 categories and children's data (PrivacyCategorySets).
sensitive_categories := [
	"user.demographic.race_ethnicity", "user.demographic.political_opinion", "user.demographic.religious_belief",
	"user.demographic.sexual_orientation", "user.demographic.trade_union_membership",
	"user.demographic.philosophical_belief", "user.health_and_medical", "user.biometric",
	"user.authorization.biometric", "user.criminal_history", "user.childrens",
]

ad_system_types := {"ad_platform"}

# Into a system of an advertising type (the flow's data use does not matter).
ad_target(f) if systems_by_id[f.to].system_type in ad_system_types

# matches_any(c, sensitive_categories) as one regular expression, built once: a third of the
# time at size M in rego-cpp.
sensitive_pattern := concat("", ["^(", concat("|", [replace(c, ".", "\\.") | some c in sensitive_categories]), ")([.]|$)"])

sensitive_flow(f) if {
	some c in f.data_categories
	regex.match(sensitive_pattern, c)
}

sensitive_flow(f) if {
	"child" in object.get(f, "data_subjects", [])
	personal_flow(f)
}

priv005 := [concat("", ["flow:", f.id, "|sensitive-to-ads"]) | some f in input.flows; sensitive_flow(f); ad_target(f)]
