import Foundation
import Testing
import TollgateKit
import TollgateRules

/// Fields whose documented meaning the decoders must enforce: a value the format reference
/// forbids is an error at the field, with a hint, rather than a silent pass.
@Suite("Declaration fields as documented")
struct DeclarationFieldTests {
    /// Errors of one load as `line:column message | hint`.
    private func errors(_ yaml: String, name: String = "d.yaml") -> [String] {
        InventoryLoader().load(text: yaml, name: name).errors.map {
            "\($0.location.line):\($0.location.column) \($0.message) | \($0.hint ?? "")"
        }
    }

    private static let twoSystems = """
        version: 1
        systems:
          - {id: a, name: A, system_type: crm, processing_countries: [DE]}
          - {id: ads, name: Ads, system_type: ad_platform, processing_countries: [US]}
        flows:

        """

    /// A flow's `data_categories` is required: `~`/`null`/nothing counts as absent (Value
    /// types), and `[]` declares no category either. Either way the flow would otherwise escape
    /// every category-based rule (PRIV-012's transfer check among them).
    @Test func flowDataCategoriesNullOrEmptyIsAnError() {
        let flow = "  - {id: f, from: a, to: ads, data_categories: %@, subject_regions: [EEA]}\n"
        for (value, column) in [("~", 48), ("null", 48)] {
            let found = errors(Self.twoSystems + flow.replacingOccurrences(of: "%@", with: value))
            #expect(
                found == [
                    "6:\(column) flow 'f' declares no data_categories | a null value counts as absent; list the data categories that move along this flow"
                ], "\(value): \(found)")
        }
        let empty = errors(Self.twoSystems + flow.replacingOccurrences(of: "%@", with: "[]"))
        #expect(
            empty == [
                "6:48 flow 'f' declares no data_categories (the list is empty) | data_categories is required; list at least one data category that moves along this flow"
            ], "\(empty)")
        // Nothing at all after the colon, in block style.
        let bare = errors(Self.twoSystems + "  - id: f\n    from: a\n    to: ads\n    data_categories:\n")
        #expect(bare.count == 1 && bare[0].contains("flow 'f' declares no data_categories |"), "\(bare)")
        // Missing, as before: at the flow.
        let missing = errors(Self.twoSystems + "  - {id: f, from: a, to: ads}\n")
        #expect(
            missing == [
                "6:5 flow 'f' declares no data_categories | list the data categories that move along this flow"
            ],
            "\(missing)")
        // JSON null, too.
        let json = InventoryLoader().load(
            text: #"""
                {"version": 1, "systems": [{"id": "a", "name": "A", "system_type": "crm"},
                  {"id": "b", "name": "B", "system_type": "crm"}],
                 "flows": [{"id": "f", "from": "a", "to": "b", "data_categories": null}]}
                """#, name: "d.json")
        #expect(json.errors.map(\.message) == ["flow 'f' declares no data_categories"])
        // A wrong type is reported once, as a type error.
        let scalar = errors(Self.twoSystems + flow.replacingOccurrences(of: "%@", with: "user.contact.email"))
        #expect(scalar.count == 1 && scalar[0].contains("expected a list for 'data_categories'"), "\(scalar)")
        // One category is enough.
        #expect(errors(Self.twoSystems + flow.replacingOccurrences(of: "%@", with: "[user.contact.email]")).isEmpty)
    }

    /// `holders` of a shared account are person ids, checked like `owner` once people are
    /// declared: ACC-011 looks each one up, and an unknown id would read as "has not left".
    @Test func accountHoldersMustBeDeclaredPeople() {
        let stack = """
            version: 1
            people:
              - {id: ana}
              - {id: bob, active: false, left_on: 2026-06-30}
            systems:
              - {id: ig, name: Tool, system_type: other}
            accounts:
              - {id: shared-login, system: ig, kind: shared, owner: ana, holders: [ana, bobb, zed], mfa_enabled: true}

            """
        #expect(
            errors(stack) == [
                "8:77 'holders/1' refers to undeclared person 'bobb' | did you mean 'bob'?",
                "8:83 'holders/2' refers to undeclared person 'zed' | add them to `people`",
            ], "\(errors(stack))")
        #expect(errors(stack.replacingOccurrences(of: "bobb, zed", with: "bob")).isEmpty)
        // Without any people, holders are names, like owners.
        let noPeople = stack.replacingOccurrences(
            of: "people:\n  - {id: ana}\n  - {id: bob, active: false, left_on: 2026-06-30}\n", with: "")
        #expect(!noPeople.contains("people:"))
        #expect(errors(noPeople).isEmpty, "\(errors(noPeople))")
    }

    /// `dpf.frameworks` (EU, UK, CH) and `dpf.covered_data` (hr, non_hr) are closed sets: a
    /// lower-case `eu` made PRIV-012 say "not certified" of a certified recipient, and nothing
    /// pointed at the spelling.
    @Test func dpfFrameworksAndCoveredDataAreEnums() throws {
        let stack = """
            version: 1
            systems:
              - id: us
                name: US tool
                system_type: crm
                dpf: {certified: true, frameworks: [eu, UK, Swiss], covered_data: [non-hr, HR, other]}

            """
        #expect(
            errors(stack) == [
                "6:41 unknown value 'eu' for 'frameworks' | did you mean 'EU'?",
                "6:49 unknown value 'Swiss' for 'frameworks' | use one of EU, UK, CH",
                "6:72 unknown value 'non-hr' for 'covered_data' | did you mean 'non_hr'?",
                "6:80 unknown value 'HR' for 'covered_data' | did you mean 'hr'?",
                "6:84 unknown value 'other' for 'covered_data' | use one of hr, non_hr",
            ], "\(errors(stack))")
        let valid = stack.replacingOccurrences(of: "[eu, UK, Swiss]", with: "[EU, UK, CH]")
            .replacingOccurrences(of: "[non-hr, HR, other]", with: "[hr, non_hr]")
        let outcome = InventoryLoader().load(text: valid, name: "d.yaml")
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        let dpf = try #require(outcome.inventory.systems.first?.dpf)
        #expect(dpf.frameworks == ["EU", "UK", "CH"] && dpf.coveredData == ["hr", "non_hr"])
    }

    /// What declarations.md says of `purl` and `sbom.path`: the SBOM is found relative to the
    /// file that declares the property and read without being named, and a declared asset with
    /// the component's package URL is that component.
    @Test func sbomPathIsRelativeToTheDeclaringFileAndPurlMatchesComponents() throws {
        let root = try TestSupport.temporaryDirectory()
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(
            at: site.appendingPathComponent("sbom"), withIntermediateDirectories: true)
        try Data(
            """
            version: 1
            web_properties:
              - {id: shop, domain: shop.example, sbom: {path: sbom/shop.cdx.json, format: CycloneDX 1.6}}
            assets:
              - {id: jq, kind: script, name: jQuery, licence: MIT, purl: "pkg:npm/jquery@3.7.1"}
            """.utf8
        ).write(to: site.appendingPathComponent("web.yaml"))
        try Data(
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [
              {"type": "library", "name": "jquery", "version": "3.7.1", "purl": "pkg:npm/jquery@3.7.1",
               "licenses": [{"license": {"id": "MIT"}}]},
              {"type": "library", "name": "swiper", "version": "11.1.14", "purl": "pkg:npm/swiper@11.1.14",
               "licenses": [{"license": {"id": "MIT"}}]}]}
            """.utf8
        ).write(to: site.appendingPathComponent("sbom/shop.cdx.json"))
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(
            paths: [site.appendingPathComponent("web.yaml").path])
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.inventory.assets.map(\.id).sorted() == ["jq", "pkg:npm/swiper@11.1.14"])
        let index = InventoryIndex(outcome.inventory)
        #expect(index.webPropertiesByAsset["jq"]?.map(\.id) == ["shop"])
        #expect(index.webPropertiesByAsset["pkg:npm/swiper@11.1.14"]?.map(\.id) == ["shop"])
        // The format reference says both.
        let guide = try String(
            contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/declarations.md"), encoding: .utf8)
        #expect(guide.contains("| `purl` | string | package URL"))
        #expect(guide.contains("relative to the file that declares the property"))
    }

    /// An assessment's `ref` left empty is an error like any empty string, so the guide says
    /// "absent means not done", not "empty means not done".
    @Test func assessmentRefAbsentMeansNotDoneAndEmptyIsAnError() throws {
        let stack = """
            version: 1
            systems:
              - {id: s, name: S, system_type: crm, dpia: {required: true, ref: ""}}

            """
        #expect(errors(stack) == ["3:68 'ref' is empty | remove the key or give it a value"], "\(errors(stack))")
        let absent = InventoryLoader().load(
            text: stack.replacingOccurrences(of: ", ref: \"\"", with: ""), name: "d.yaml")
        #expect(absent.errors.isEmpty && absent.inventory.systems.first?.dpia?.ref == nil)
        let guide = try String(
            contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/declarations.md"), encoding: .utf8)
        #expect(guide.contains("| `ref` | string | document reference; absent (or only spaces) means not done."))
        #expect(!guide.contains("empty means not done"))
    }

    /// `pct_revenue_from_selling_sharing` is a decimal from 0 to 100: Swift's `Double(String)`
    /// read `0x1A` as 26, and `1e2`, `.5`, `-5.0` and `250` passed into CCPA scope.
    @Test func pctRevenueIsADecimalFrom0To100() {
        func found(_ value: String) -> [String] {
            errors("version: 1\norganization:\n  name: Acme\n  pct_revenue_from_selling_sharing: \(value)\n")
        }
        let notDecimal =
            "write digits with an optional sign and decimal point, e.g. 12.5; no exponent, hex, inf or nan, and a digit on each side of the point"
        for value in ["0x1A", "1e2", ".5", "5.", "inf", ".inf", "nan", "1_000", "12,5", "5 %", "1.2.3", "++5"] {
            #expect(
                found(value) == [
                    "4:37 expected a decimal number for 'pct_revenue_from_selling_sharing', found a number | \(notDecimal)"
                ]
                    || found(value) == [
                        "4:37 expected a decimal number for 'pct_revenue_from_selling_sharing', found a string | \(notDecimal)"
                    ], "\(value): \(found(value))")
        }
        #expect(
            found("\"12.5\"") == [
                "4:37 expected a decimal number for 'pct_revenue_from_selling_sharing', found a string | remove the quotes around 12.5"
            ], "\(found("\"12.5\""))")
        for value in ["-5.0", "-0.01", "100.01", "250"] {
            #expect(
                found(value) == [
                    "4:37 'pct_revenue_from_selling_sharing' must be from 0.0 to 100.0, found \(value) | write a value from 0.0 to 100.0"
                ], "\(value): \(found(value))")
        }
        // The boundaries and ordinary values, signed or not.
        for (value, number) in [("0", 0.0), ("0.0", 0), ("100", 100), ("100.0", 100), ("49.9", 49.9), ("+7.25", 7.25)] {
            let outcome = InventoryLoader().load(
                text: "version: 1\norganization:\n  name: Acme\n  pct_revenue_from_selling_sharing: \(value)\n",
                name: "d.yaml")
            #expect(outcome.errors.isEmpty, "\(value): \(outcome.errors)")
            #expect(outcome.inventory.organization?.pctRevenueFromSellingSharing == number, "\(value)")
        }
    }

    /// Policy parameters with a decimal default share the accessor, so they are strict too.
    @Test func decimalPolicyParametersAreStrict() {
        func load(_ value: String) -> [String] {
            PolicyLoader(catalog: BuiltInRules.catalog).load(packs: [
                (
                    Data(
                        "version: 1\nname: ours\nrules:\n  ACC-018: { params: { high_entropy_min_bits: \(value) } }\n"
                            .utf8),
                    "ours.yaml"
                )
            ]).diagnostics.filter { $0.level == .error }.map(\.message)
        }
        #expect(load("4.5").isEmpty)
        #expect(
            load("0x4") == ["expected a decimal number for 'high_entropy_min_bits', found a number"], "\(load("0x4"))")
        #expect(load("4e0") == ["expected a decimal number for 'high_entropy_min_bits', found a number"])
    }

    /// `data_subject` where only a system may stand: the hint points to a flow `from:
    /// data_subject` instead of asking for a system of that name (declarations.md, ingress).
    @Test func dataSubjectWhereASystemIsExpectedPointsToAFlow() {
        let stack = """
            version: 1
            systems:
              - id: crm
                name: CRM
                system_type: crm
                privacy_declarations:
                  - {data_use: marketing, data_categories: [user.contact.email], egress: [data_subject], ingress: [data_subject]}
            flows:
              - {id: f, from: crm, to: data_subject, data_categories: [user.contact.email]}
            accounts:
              - {id: a, system: data_subject, kind: human}

            """
        func hint(_ field: String) -> String {
            "`data_subject` stands for people, not a system: declare collection from people as a flow with `from: data_subject`, and name only declared systems in '\(field)'"
        }
        #expect(
            errors(stack) == [
                "7:79 'egress/0' refers to undeclared system 'data_subject' | \(hint("egress/0"))",
                "7:104 'ingress/0' refers to undeclared system 'data_subject' | \(hint("ingress/0"))",
                "9:28 'to' refers to undeclared system 'data_subject' | \(hint("to"))",
                "11:21 'system' refers to undeclared system 'data_subject' | \(hint("system"))",
            ], "\(errors(stack))")
        // Other unknown systems keep their hints.
        let typo = errors(stack.replacingOccurrences(of: "egress: [data_subject]", with: "egress: [crn]"))
        #expect(typo.contains("7:79 'egress/0' refers to undeclared system 'crn' | did you mean 'crm'?"), "\(typo)")
    }

    /// A plain number that is not a whole number Tollgate can hold says how to write one.
    @Test func wholeNumberErrorsSayHowToWriteOne() {
        func found(_ value: String) -> [String] {
            errors("version: 1\norganization: {name: Acme, employee_count: \(value)}\n")
        }
        #expect(
            found("9223372036854775808") == [
                "2:44 'employee_count' is out of range, found 9223372036854775808 | a whole number here is at most 9223372036854775807"
            ])
        #expect(
            found("-9223372036854775809") == [
                "2:44 'employee_count' is out of range, found -9223372036854775809 | a whole number here is at least -9223372036854775808"
            ])
        for value in ["46.0", "1e400", "4.6e1"] {
            #expect(
                found(value) == [
                    "2:44 'employee_count' must be a whole number, found \(value) | write digits only, without a decimal point or exponent"
                ], "\(value)")
        }
        // Items of a list of whole numbers say the same, naming the item.
        let items = errors(
            "version: 1\nsystems:\n  - {id: a, name: A, system_type: crm, tcf: {purposes_consent: [1, 2.5, 99999999999999999999, x]}}\n"
        )
        #expect(
            items == [
                "3:68 item 1 of 'purposes_consent' must be a whole number, found 2.5 | write digits only, without a decimal point or exponent",
                "3:73 item 2 of 'purposes_consent' is out of range, found 99999999999999999999 | a whole number here is at most 9223372036854775807",
                "3:95 expected a whole number in 'purposes_consent', found a string | ",
            ], "\(items)")
        // A long number is cut in the message, as other echoed values are.
        let long = String(repeating: "9", count: 500)
        #expect(found(long).first?.count ?? 0 < 200, "\(found(long))")
        #expect(found("many") == ["2:44 expected a whole number for 'employee_count', found a string | "])
        #expect(
            found("\"46\"") == [
                "2:44 expected a whole number for 'employee_count', found a string | remove the quotes around 46"
            ])
    }
}
