import Foundation
import Testing
import TollgateKit
import TollgateRules

/// Values in policy parameters are checked against each parameter's vocabulary: a misspelt MFA
/// method, taxonomy key, country or licence id is an error where it is written, with the close
/// value when there is one, instead of an entry that matches nothing and weakens the policy.
@Suite("Policy parameter values")
struct PolicyParameterValueTests {
    /// One kind of vocabulary: a parameter, a value it accepts, a misspelling, and what the
    /// error says (`hint` is the hint's start: some continue with the allowed values).
    struct Case: Sendable, CustomTestStringConvertible {
        let rule: String
        let parameter: String
        let valid: String
        let typo: String
        let message: String
        let hint: String
        /// Whether the parameter is a list (written `[…]`) or one string.
        var isList = true

        var testDescription: String { "\(rule) \(parameter): \(typo)" }

        /// A pack setting the parameter to `values`; the values are on line 4.
        func pack(_ values: [String]) -> String {
            let written = isList ? "[" + values.joined(separator: ", ") + "]" : values[0]
            return "version: 1\nname: ours\nrules:\n  \(rule): { params: { \(parameter): \(written) } }\n"
        }
    }

    static let cases: [Case] = [
        // A closed enum of the declaration format.
        Case(
            rule: "ACC-009", parameter: "restricted_methods", valid: "totp", typo: "smss",
            message: "unknown MFA method 'smss' in 'restricted_methods'", hint: "did you mean 'sms'?"),
        Case(
            rule: "PRIV-005", parameter: "ad_system_types", valid: "analytics", typo: "ad_platfrom",
            message: "unknown system type 'ad_platfrom' in 'ad_system_types'", hint: "did you mean 'ad_platform'?"),
        Case(
            rule: "ACC-009", parameter: "phishing_resistant_methods", valid: "piv", typo: "carrier-pigeon",
            message: "unknown MFA method 'carrier-pigeon' in 'phishing_resistant_methods'",
            hint: "use one of webauthn, passkey, fido2, piv, totp, push, sms, voice, email"),
        // The taxonomy, each vocabulary.
        Case(
            rule: "PRIV-019", parameter: "allowed_for_sms", valid: "user.contact", typo: "user.contact.emial",
            message: "unknown data category 'user.contact.emial' in 'allowed_for_sms'",
            hint: "did you mean 'user.contact.email'?"),
        Case(
            rule: "PRIV-019", parameter: "allowed_for_sms", valid: "user.contact",
            typo: "user.provided.identifiable.contact.phone_number",
            message: "unknown data category 'user.provided.identifiable.contact.phone_number' in 'allowed_for_sms'",
            hint: "fideslang 1.x key; in fideslang 2 this is 'user.contact.phone_number'"),
        Case(
            rule: "PRIV-002", parameter: "exempt_uses", valid: "essential",
            typo: "functional.storage.privacy_preferenes",
            message: "unknown data use 'functional.storage.privacy_preferenes' in 'exempt_uses'",
            hint: "did you mean 'functional.storage.privacy_preferences'?"),
        Case(
            rule: "PRIV-026", parameter: "soft_opt_in_subjects", valid: "customer", typo: "custmer",
            message: "unknown data subject 'custmer' in 'soft_opt_in_subjects'", hint: "did you mean 'customer'?"),
        // Countries and regions.
        Case(
            rule: "PRIV-012", parameter: "adequate_countries", valid: "JP", typo: "UK",
            message: "unknown country code 'UK' in 'adequate_countries'",
            hint: "the ISO 3166-1 code of the United Kingdom is GB"),
        Case(
            rule: "PRIV-017", parameter: "swiss_adequate_countries", valid: "GB", typo: "gb",
            message: "unknown country code 'gb' in 'swiss_adequate_countries'",
            hint: "write country codes in upper case: GB"),
        Case(
            rule: "PRIV-022", parameter: "consent_regions", valid: "US-CA", typo: "EAA",
            message: "unknown region 'EAA' in 'consent_regions'", hint: "did you mean 'EEA'?"),
        // SPDX ids, prefixes and exceptions; licence categories.
        Case(
            rule: "LIC-010", parameter: "allow", valid: "gpl-3.0-or-later", typo: "GPL-3.0-or-latr",
            message: "unknown licence id or pattern 'GPL-3.0-or-latr' in 'allow'",
            hint: "did you mean 'GPL-3.0-or-later'?"),
        Case(
            rule: "LIC-011", parameter: "forbidden_licences", valid: "LicenseRef-acme-eula", typo: "GLP-*",
            message: "unknown licence id or pattern 'GLP-*' in 'forbidden_licences'",
            hint: "no SPDX licence id starts with 'GLP-'"),
        Case(
            rule: "LIC-012", parameter: "notice_licences", valid: "Apache-2.0 WITH LLVM-exception",
            typo: "GPL-2.0-only WITH Classpath-exception-2",
            message: "unknown licence id or pattern 'GPL-2.0-only WITH Classpath-exception-2' in 'notice_licences'",
            hint: "after WITH: did you mean 'Classpath-exception-2.0'?"),
        Case(
            rule: "LIC-011", parameter: "copyleft_categories", valid: "restricted", typo: "reciprocol",
            message: "unknown licence category 'reciprocol' in 'copyleft_categories'",
            hint: "did you mean 'reciprocal'?"),
        // Other closed sets and shapes.
        Case(
            rule: "PRIV-025", parameter: "consent_only_purposes", valid: "11", typo: "12",
            message: "unknown TCF purpose '12' in 'consent_only_purposes'", hint: "use one of 1, 2, 3"),
        Case(
            rule: "PRIV-028", parameter: "us_federal_holidays", valid: "2026-12-25", typo: "2026-13-01",
            message: "unknown date '2026-13-01' in 'us_federal_holidays'",
            hint: "there is no month 13; write dates as YYYY-MM-DD"),
        Case(
            rule: "PRIV-035", parameter: "child_consent_age", valid: "DE = 16", typo: "DE=sixteen",
            message: "unknown country=age pair 'DE=sixteen' in 'child_consent_age'",
            hint: "after '=': write a whole number"),
        Case(
            rule: "PRIV-037", parameter: "incompatible_purposes", valid: "essential=marketing",
            typo: "essential=marketting",
            message: "unknown collected=later pair 'essential=marketting' in 'incompatible_purposes'",
            hint: "after '=': did you mean 'marketing'?"),
        Case(
            rule: "PRIV-013", parameter: "repealed_decisions", valid: "Decision 2010/87/EU", typo: "201O/87/EU",
            message: "unknown Commission decision '201O/87/EU' in 'repealed_decisions'",
            hint: "write the decision's year and number"),
        // One-string parameters with a closed set or a shape.
        Case(
            rule: "LIC-010", parameter: "uncategorised", valid: "denied", typo: "reveiw",
            message: "unknown verdict 'reveiw' in 'uncategorised'", hint: "did you mean 'review'?", isList: false),
        Case(
            rule: "PRIV-105", parameter: "credential_severity", valid: "high", typo: "hihg",
            message: "unknown severity 'hihg' in 'credential_severity'", hint: "did you mean 'high'?", isList: false),
        Case(
            rule: "PRIV-030", parameter: "gpc_display_from", valid: "2026-07-01", typo: "2026-7-01",
            message: "unknown date '2026-7-01' in 'gpc_display_from'", hint: "write dates as YYYY-MM-DD",
            isList: false),
        Case(
            rule: "PRIV-025", parameter: "minimum_tcf_version", valid: "2.2", typo: "2.x",
            message: "unknown TCF version '2.x' in 'minimum_tcf_version'", hint: "write the version as numbers",
            isList: false),
    ]

    static func load(_ text: String, file: String = "ours.yaml") -> (policy: Policy?, diagnostics: [Diagnostic]) {
        PolicyLoader(catalog: BuiltInRules.catalog).load(packs: [(Data(text.utf8), file)])
    }

    @Test(arguments: cases)
    func aValidValueLoads(_ test: Case) throws {
        let loaded = Self.load(test.pack([test.valid]))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let setting = try #require(loaded.policy?.settings[test.rule])
        let expected: ParameterValue = test.isList ? .strings([test.valid]) : .string(test.valid)
        #expect(setting.parameters[test.parameter] == expected)
    }

    /// The misspelt value, after a valid one so its index is 1, is the only error; it is
    /// reported at its own line and column with a hint.
    @Test(arguments: cases)
    func aTypoIsAnErrorWhereItIsWritten(_ test: Case) throws {
        let text = test.pack(test.isList ? [test.valid, test.typo] : [test.typo])
        let loaded = Self.load(text)
        #expect(loaded.policy == nil)
        #expect(loaded.diagnostics.count == 1, "\(loaded.diagnostics)")
        let error = try #require(loaded.diagnostics.first)
        #expect(error.level == .error)
        #expect(error.message == test.message)
        #expect(error.hint?.hasPrefix(test.hint) == true, "\(error.hint ?? "no hint")")
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)[3]
        let column = try #require(line.range(of: test.typo)).lowerBound.utf16Offset(in: line) + 1
        #expect(error.location.file == "ours.yaml" && error.location.line == 4 && error.location.column == column)
        let pointer = "/rules/\(test.rule)/params/\(test.parameter)" + (test.isList ? "/1" : "")
        #expect(error.location.pointer == pointer)
    }

    /// A parameter name that is not close to any the rule reads is an error that lists the
    /// names it does read: removing it, as the generic hint said, would leave the default.
    @Test func anUnknownParameterNameListsTheRulesNames() throws {
        let loaded = Self.load("version: 1\nname: ours\nrules:\n  ACC-001: { params: { minlength: 12 } }\n")
        let names = try #require(BuiltInRules.catalog.first { $0.id == "ACC-001" }).parameters.map(\.name)
        #expect(names.count > 1)
        #expect(
            loaded.diagnostics.map(\.description) == [
                "ours.yaml:4:24: error: unknown key 'minlength' in parameters of ACC-001; ACC-001 reads "
                    + names.joined(separator: ", ") + " (`tollgate rules ACC-001` describes them)"
            ])
        let none = try #require(BuiltInRules.catalog.first { $0.parameters.isEmpty })
        let refused = Self.load("version: 1\nname: ours\nrules:\n  \(none.id): { params: { minimum: 12 } }\n")
        #expect(refused.diagnostics.first?.hint == "\(none.id) takes no parameters; remove it")
    }

    /// Every list parameter decided what it takes (free text is a decision, made explicitly),
    /// and every default is inside its own vocabulary, so a pack repeating the defaults loads.
    @Test func everyParameterDefaultIsInItsVocabulary() {
        for rule in BuiltInRules.catalog {
            for parameter in rule.parameters {
                let defaults: [String]
                switch parameter.defaultValue {
                case .strings(let values):
                    #expect(parameter.vocabulary != nil, "\(rule.id) \(parameter.name) declares no vocabulary")
                    defaults = values
                case .string(let value): defaults = [value]
                default:
                    #expect(parameter.vocabulary == nil, "\(rule.id) \(parameter.name) is not a string")
                    defaults = []
                }
                for value in defaults {
                    let rejection = parameter.vocabulary?.rejection(of: value)
                    #expect(rejection == nil, "\(rule.id) \(parameter.name) default '\(value)': \(rejection ?? "")")
                }
            }
        }
    }

    /// The parameters left free-form are the ones matched against free text in declarations
    /// (domains, vendor names, scopes, channels, clause names, trigger and evidence words), and
    /// they take any value.
    @Test func freeTextTakesAnything() throws {
        let free = Set(
            BuiltInRules.catalog.flatMap { rule in
                rule.parameters.filter { $0.vocabulary?.isFreeText == true }.map(\.name)
            })
        #expect(
            free == [
                "broad_scopes", "corporate_domains", "accepted_kinds", "commercial_channels", "required_clauses",
                "google_vendors", "consent_trigger_markers", "first_party_domains",
            ])
        let loaded = Self.load(
            "version: 1\nname: ours\nrules:\n  ACC-019: { params: { corporate_domains: [mail.acme-group.example] } }\n")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(
            loaded.policy?.settings["ACC-019"]?.parameters["corporate_domains"] == .strings(["mail.acme-group.example"])
        )
    }

    /// An empty consent-trigger marker is refused where it is written (as every empty string in
    /// a pack is): it would match every trigger or none, depending on how the text is searched.
    @Test func anEmptyConsentTriggerMarkerIsRefused() throws {
        let loaded = Self.load(
            "version: 1\nname: ours\nrules:\n  PRIV-101: { params: { consent_trigger_markers: [cmp, \"\"] } }\n")
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(loaded.diagnostics.count == 1, "\(loaded.diagnostics)")
        #expect(diagnostic.message == "'consent_trigger_markers' is empty", "\(diagnostic)")
        #expect(diagnostic.location.pointer.hasSuffix("consent_trigger_markers/1"), "\(diagnostic.location)")
    }

    /// A marker of blanks only is refused where it is written, as an empty one is: `" "` would
    /// gate every trigger with a space in its name. So is a blank item of any other parameter.
    @Test func aWhitespaceOnlyValueIsRefused() throws {
        let loaded = Self.load(
            "version: 1\nname: ours\nrules:\n  PRIV-101:\n    params:\n      consent_trigger_markers: [cmp, \" \", \"\\t\"]\n"
                + "  ACC-019: { params: { corporate_domains: [\"  \"] } }\n")
        #expect(loaded.diagnostics.count == 3, "\(loaded.diagnostics)")
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(diagnostic.message == "'consent_trigger_markers' is only whitespace", "\(diagnostic)")
        #expect(diagnostic.location.pointer == "/rules/PRIV-101/params/consent_trigger_markers/1")
        #expect((diagnostic.location.line, diagnostic.location.column) == (6, 38), "\(diagnostic.location)")
        #expect(loaded.diagnostics[1].location.pointer == "/rules/PRIV-101/params/consent_trigger_markers/2")
        #expect(loaded.diagnostics[2].location.pointer == "/rules/ACC-019/params/corporate_domains/0")
        #expect(loaded.policy == nil)
    }

    /// The shipped packs use only known values (the licensing pack repeats every default).
    @Test func shippedPacksLoad() throws {
        let folder = TestSupport.packageRoot.appendingPathComponent("policies")
        let packs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(packs.count >= 7)
        for pack in packs.sorted() {
            let loaded = PolicyLoader(catalog: BuiltInRules.catalog).load(paths: [
                folder.appendingPathComponent(pack).path
            ])
            #expect(loaded.policy != nil && loaded.diagnostics.isEmpty, "\(pack): \(loaded.diagnostics)")
        }
    }

    /// `tollgate rules ID` shows short closed sets in full and names the larger ones.
    @Test func ruleTextShowsTheValues() throws {
        let mfa = try #require(BuiltInRules.catalog.first { $0.id == "ACC-009" })
        #expect(
            RuleDocumentation.text(mfa).contains(
                "      values: one of webauthn, passkey, fido2, piv, totp, push, sms, voice, email\n"))
        let minimisation = try #require(BuiltInRules.catalog.first { $0.id == "PRIV-019" })
        #expect(
            RuleDocumentation.text(minimisation).contains("values: data category keys (`tollgate taxonomy` lists them)")
        )
    }
}
