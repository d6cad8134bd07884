# The six representative Tollgate rules written as Rego, for the benchmark's peer comparison
# (bench/run). Semantics follow the Swift rules on the data bench/generate.py writes (see the
# generator's docstring for the edge cases it stays away from):
#
#   ACC-009  admin MFA                     (Sources/TollgateRules/Accounts/AdminMFA.swift)
#   ACC-001  password minimum length       (Accounts/MinimumPasswordLength.swift)
#   LIC-001  seats within entitlement      (Licensing/SeatsWithinEntitlement.swift)
#   PRIV-018 retention bounded             (Privacy/RetentionBounded.swift)
#   PRIV-012 transfer mechanism for EEA    (Privacy/TransferMechanismPresent.swift)
#   PRIV-005 sensitive data to ad targeting, direct flows only
#            (Privacy/NoSensitiveDataToAdTargeting.swift follows paths; on leaf-only
#            categories without child subjects the two agree)
#
# Each rule is a list of violations ("subject|key"), one element per Tollgate finding, so
# that counts compare one to one. Default parameters of the Swift rules are written inline.
package tollgate.bench

import rego.v1

as_of_ns := time.parse_ns("2006-01-02", "2026-10-01")


systems_by_id := {s.id: s | some s in input.systems}

security(system_id) := object.get(systems_by_id[system_id], "security", {})

matches(key, ancestor) if key == ancestor

matches(key, ancestor) if startswith(key, concat("", [ancestor, "."]))

personal(category) if matches(category, "user")

# ---------------------------------------------------------------------------------- ACC-009
restricted_methods := {"sms", "voice", "email"}

admins := [a | some a in input.accounts; object.get(a, "is_admin", false) == true; object.get(a, "enabled", true) == true]

mfa_enforced(system_id) if security(system_id).mfa_enforced in {"admins", "all"}

has_mfa(a) if mfa_enforced(a.system)

has_mfa(a) if object.get(a, "mfa_enabled", false) == true

methods(a) := a.mfa_methods if {
	count(object.get(a, "mfa_methods", [])) > 0
} else := object.get(security(a.system), "mfa_methods_allowed", [])

acc009 := array.concat(
	[concat("|", [a.id, "mfa"]) | some a in admins; not has_mfa(a)],
	[concat("|", [a.id, "mfa_methods"]) |
		some a in admins
		has_mfa(a)
		m := methods(a)
		count(m) > 0
		every method in m { method in restricted_methods }
	],
)

# ---------------------------------------------------------------------------------- ACC-001
sso_only(sec) if {
	sec.sso_enforced == true
	sec.local_login_disabled == true
}

required_length(sec) := 8 if { sec.mfa_enforced == "all" } else := 15

long_enough(policy, required) if policy.min_length >= required

acc001 := [concat("|", [s.id, "min_length"]) |
	some s in input.systems
	sec := s.security
	policy := sec.password_policy
	not sso_only(sec)
	not long_enough(policy, required_length(sec))
]

# ---------------------------------------------------------------------------------- LIC-001
seat_counted(a) if {
	object.get(a, "enabled", true) == true
	a.kind in {"human", "shared"}
}

counted_seats := {s.id: n |
	some s in input.systems
	s.subscription.seats_purchased
	not s.subscription.seats_assigned
	n := count([a | some a in input.accounts; a.system == s.id; seat_counted(a)])
}

assigned_seats(s) := s.subscription.seats_assigned if {
	s.subscription.seats_assigned
} else := counted_seats[s.id]

lic001 := [concat("|", [s.id, "subscription/seats"]) |
	some s in input.systems
	purchased := s.subscription.seats_purchased
	assigned_seats(s) > purchased
]

# --------------------------------------------------------------------------------- PRIV-018
exempt_categories := ["user.privacy_preferences"]

relevant(categories) if {
	some c in categories
	personal(c)
	not exempt(c)
}

exempt(c) if {
	some e in exempt_categories
	matches(c, e)
}

retention_limit(use) := 790 if { matches(use, "analytics") } else := 1095

within_limit(days, use) if days <= retention_limit(use)

priv018 := array.concat(
	[concat("|", [s.id, d.data_use]) |
		some s in input.systems
		some d in object.get(s, "privacy_declarations", [])
		relevant(d.data_categories)
		not within_limit(d.retention_days, d.data_use)
	],
	[f.id |
		some f in input.flows
		days := f.retention_days_at_destination
		relevant(f.data_categories)
		not within_limit(days, object.get(f, "data_use", ""))
	],
)

# --------------------------------------------------------------------------------- PRIV-012
# Reference data as in Sources/TollgateKit/Reference/EEA.swift and AdequacyDecisions.swift.
eea_members := {
	"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
	"MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
}

adequate := {"AD", "AR", "BR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "US", "UY"}

dpf_only := {"US"}

eea_regions(regions) if {
	some r in regions
	r in {"EEA", "EU"}
}

eea_regions(regions) if {
	some r in regions
	r in eea_members
}

adequate_without_dpf(country) if {
	country in adequate
	not dpf_only[country]
}

dpf_current(country, dpf) if {
	country in dpf_only
	dpf.certified == true
	"EU" in dpf.frameworks
	checked_ns := time.parse_ns("2006-01-02", dpf.checked_on)
	age_ns := as_of_ns - checked_ns
	age_ns <= 365 * 86400000000000
}

mechanism_suffices(mechanism) if mechanism.type in {"scc_2021", "bcr"}

mechanism_suffices(mechanism) if {
	mechanism.type == "art49"
	mechanism.art49_ground
}

transfer_problem(country, mechanism, dpf) if {
	not adequate_without_dpf(country)
	not dpf_current(country, dpf)
	not mechanism_suffices(mechanism)
}

receiving_countries(f, dest) := [f.destination_country] if {
	f.destination_country
} else := object.get(dest, "processing_countries", [])

destination_countries(f, dest) := array.concat(receiving_countries(f, dest), object.get(dest, "remote_access_countries", []))

outside_eea(country) if not country in eea_members

priv012_flows := [f |
	some f in input.flows
	personal_flow(f)
	eea_regions(object.get(f, "subject_regions", []))
]

personal_flow(f) if {
	some c in f.data_categories
	personal(c)
}

priv012 := array.concat(
	[concat("|", [f.id, country]) |
		some f in priv012_flows
		dest := systems_by_id[f.to]
		countries := {c | some c in destination_countries(f, dest); outside_eea(c)}
		some country in countries
		transfer_problem(country, object.get(f, "transfer_mechanism", {}), object.get(dest, "dpf", {}))
	],
	[concat("|", [f.id, sub.name]) |
		some f in priv012_flows
		dest := systems_by_id[f.to]
		some sub in object.get(dest, "subprocessors", [])
		outside_eea(sub.country)
		transfer_problem(sub.country, object.get(sub, "transfer_mechanism", {}), {})
	],
)

# --------------------------------------------------------------------------------- PRIV-005
sensitive_categories := [
	"user.demographic.race_ethnicity", "user.demographic.political_opinion", "user.demographic.religious_belief",
	"user.demographic.sexual_orientation", "user.demographic.trade_union_membership",
	"user.demographic.philosophical_belief", "user.health_and_medical", "user.biometric",
	"user.authorization.biometric", "user.criminal_history", "user.childrens",
]

ad_target(f) if systems_by_id[f.to].system_type == "ad_platform"

ad_target(f) if matches(object.get(f, "data_use", ""), "marketing.advertising")

sensitive_flow(f) if {
	some c in f.data_categories
	some s in sensitive_categories
	matches(c, s)
}

priv005 := [f.id | some f in input.flows; ad_target(f); sensitive_flow(f)]
