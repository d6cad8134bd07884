import Foundation
import Testing
import TollgateKit

@Suite("Fides manifests and TCF vendor lists")
struct FidesAndTCFImporterTests {
    static let fixtures = TestSupport.packageRoot.appendingPathComponent("fixtures/importers")

    static func load(text: String, name: String) -> InventoryLoader.Outcome {
        InventoryLoader(importers: BuiltInImporters.all()).load(text: text, name: name)
    }

    /// Everything an inventory says about systems and flows, without positions.
    static func summary(_ inventory: Inventory) -> [String] {
        var lines: [String] = []
        for system in inventory.systems {
            lines.append(
                "system \(system.id) name=\(system.name) description=\(system.description ?? "-") "
                    + "type=\(system.systemType?.rawValue ?? "-") responsibility=\(system.responsibility?.rawValue ?? "-") "
                    + "vendor=\(system.vendor ?? "-") countries=\(system.processingCountries) "
                    + "cookies=\(String(describing: system.usesCookies)) maxAge=\(String(describing: system.cookieMaxAgeSeconds)) "
                    + "profiling=\(String(describing: system.usesProfiling)) tcf=\(String(describing: system.tcf?.vendorID)) "
                    + "dpa=\(String(describing: system.dpa?.signed)) \(String(describing: system.dpa?.signedDate)) \(system.dpa?.art28Clauses ?? []) "
                    + "dpf=\(String(describing: system.dpf?.certified)) \(system.dpf?.frameworks ?? []) \(String(describing: system.dpf?.checkedOn)) "
                    + "tag_ids=\(system.tagIDs)")
            for declaration in system.privacyDeclarations {
                lines.append(
                    "  declaration \(declaration.name ?? "-") categories=\(declaration.dataCategories) "
                        + "use=\(declaration.dataUse ?? "-") subjects=\(declaration.dataSubjects) "
                        + "basis=\(declaration.legalBasis?.rawValue ?? "-") special=\(declaration.specialCategoryLegalBasis?.rawValue ?? "-") "
                        + "retention=\(String(describing: declaration.retentionDays)) lia=\(declaration.impactAssessmentLocation ?? "-") "
                        + "egress=\(declaration.egress) ingress=\(declaration.ingress)")
            }
        }
        for flow in inventory.flows { lines.append("flow \(flow.id) \(flow.from)->\(flow.to) \(flow.dataCategories)") }
        return lines
    }

    @Test func fidesManifestIsImported() throws {
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(
            paths: [Self.fixtures.appendingPathComponent("fides/manifest.yml").path])
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let shop = try #require(outcome.inventory.systems.first { $0.id == "web_shop" })
        #expect(shop.systemType == .other && shop.responsibility == .controller)
        #expect(shop.privacyDeclarations.map(\.legalBasis) == [.contract, .consent])
        #expect(shop.privacyDeclarations.map(\.retentionDays) == [3650, 730])
        let mail = try #require(outcome.inventory.systems.first { $0.id == "email_platform" })
        #expect(mail.tcf?.vendorID == 9001 && mail.dpa?.signed == true && mail.processingCountries == ["IE", "US"])
        #expect(mail.privacyDeclarations.first?.specialCategoryLegalBasis == .explicitConsent)
        #expect(Set(outcome.inventory.flows.map(\.id)) == ["data_subject-to-web_shop", "web_shop-to-email_platform"])
        // Locations point into the Fides file.
        #expect(shop.privacyDeclarations[1].origin.location("legal_basis").line == 33)
        #expect(outcome.diagnostics.contains { $0.level == .warning && $0.message.contains("datasets") })
    }

    /// Import, export, import: the same inventory.
    @Test func fidesManifestRoundTrips() throws {
        let first = InventoryLoader(importers: BuiltInImporters.all()).load(
            paths: [Self.fixtures.appendingPathComponent("fides/manifest.yml").path])
        #expect(first.errors.isEmpty)
        let (exported, _) = try FidesManifestExporter().export(first.inventory)
        let second = Self.load(text: exported, name: "exported.yml")
        #expect(second.errors.isEmpty, "\(second.errors.map(\.description))")
        #expect(Self.summary(second.inventory) == Self.summary(first.inventory))
        // And the export is a fixpoint: exporting again gives the same bytes.
        #expect(try FidesManifestExporter().export(second.inventory).text == exported)
    }

    /// A Tollgate stack exported to Fides and read back keeps its systems and flow edges.
    @Test func tollgateStackExportsToFides() throws {
        let stack = TestSupport.inventory(
            """
            version: 1
            systems:
              - id: crm
                name: CRM
                system_type: crm
                responsibility: joint_controller
                vendor: Example CRM
                tag_ids: [X-1]
                google_consent_mode: { version: 2, ad_user_data: true }
                it_review: { reviewer: sec, date: 2026-01-02, outcome: approved }
                privacy_declarations:
                  - { data_use: marketing.communications.email, data_categories: [user.contact.email], legal_basis: legitimate_interests, retention_days: 30 }
              - { id: esp, name: "true", system_type: esp }
            flows:
              - { id: f1, from: crm, to: esp, data_categories: [user.contact.email], data_use: marketing.communications.email, legal_basis: consent }
            """)
        let (text, notes) = try FidesManifestExporter().export(stack)
        #expect(notes == ["1 flow exported with data categories only (Fides data flows carry nothing else)"])
        let back = Self.load(text: text, name: "fides.yml")
        #expect(back.errors.isEmpty, "\(back.errors.map(\.description))")
        let crm = try #require(back.inventory.systems.first { $0.id == "crm" })
        #expect(crm.responsibility == .jointController && crm.tagIDs == ["X-1"] && crm.itReview?.outcome == .approved)
        #expect(crm.googleConsentMode?.version == 2 && crm.privacyDeclarations.first?.retentionDays == 30)
        #expect(back.inventory.systems.first { $0.id == "esp" }?.name == "true")
        #expect(back.inventory.flows.map { "\($0.from)->\($0.to)" } == ["crm->esp"])
    }

    /// What the export leaves out, and retention periods, are counted in English: "1 account",
    /// "2 API keys", "1 day", as a compliance officer reads them in the notes and the manifest.
    @Test func exportCountsAgreeWithTheirNouns() throws {
        let stack = TestSupport.inventory(
            """
            version: 1
            organization: { name: Acme, establishments: [DE] }
            people: [{ id: ann, name: Ann }]
            systems:
              - id: crm
                name: CRM
                system_type: crm
                privacy_declarations:
                  - { data_use: marketing.communications.email, data_categories: [user.contact.email], retention_days: 1 }
            accounts:
              - { id: a, system: crm, kind: human, owner: ann }
            api_keys:
              - { id: k1, system: crm, owner: ann }
              - { id: k2, system: crm, owner: ann }
            assets:
              - { id: logo, kind: image }
            web_properties:
              - { id: site, domain: shop.example, audience_regions: [EEA] }
            email_programs:
              - { id: news, system: crm, recipient_regions: [EEA] }
            """)
        let (text, notes) = try FidesManifestExporter().export(stack)
        #expect(
            notes
                == [
                    "1 organization", "1 person", "1 account", "2 API keys", "1 asset", "1 web property",
                    "1 e-mail program",
                ].map { "\($0) not exported (Fides has no equivalent)" })
        #expect(text.contains("retention_period: 1 day\n"), "\(text)")
        let back = Self.load(text: text, name: "fides.yml")
        #expect(back.inventory.systems.first?.privacyDeclarations.first?.retentionDays == 1)
    }

    @Test func fidesLabelsAreCheckedAtTheirLocation() {
        let outcome = Self.load(
            text: """
                system:
                  - fides_key: a
                    name: A
                    privacy_declarations:
                      - data_use: marketing
                        legal_basis_for_processing: Legitimate interest
                    meta: { tollgate: { vendr: X, mfa_enforced: all } }
                """, name: "fides.yml")
        let messages = outcome.errors.map { "\($0.location.line):\($0.message)" }
        #expect(messages.contains("6:unknown Fides legal basis 'Legitimate interest'"), "\(messages)")
        #expect(messages.contains("7:unknown key 'vendr' in system"), "\(messages)")
        // A declaration's layout advice ("belongs in the system's `security:` mapping") is not
        // given in a Fides manifest.
        let misplaced = outcome.errors.first { $0.message == "unknown key 'mfa_enforced' in system" }
        #expect(misplaced?.hint?.contains("security:") == false, "\(String(describing: misplaced?.hint))")
    }

    @Test func vendorListIsImported() throws {
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(
            paths: [Self.fixtures.appendingPathComponent("tcf/vendor-list-test-fixture.json").path])
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let list = try #require(outcome.inventory.tcfVendorLists.first)
        #expect(list.gvlSpecificationVersion == 3 && list.vendorListVersion == 120 && list.tcfPolicyVersion == 5)
        #expect(list.purposes.count == 11 && list.vendors.count == 4)
        #expect(list.vendors[9000]?.flexiblePurposes == [2, 7])
        #expect(list.vendors[9003]?.deletedDate != nil)
    }

    @Test func malformedVendorListIsAnError() {
        let outcome = Self.load(
            text: """
                {"gvlSpecificationVersion": 3, "vendorListVersion": 1,
                 "vendors": {"7": {"id": 8, "purposes": ["x"]}}}
                """, name: "gvl.json")
        let messages = outcome.errors.map { "\($0.location.line):\($0.message)" }
        #expect(messages.contains("2:vendor keyed '7' has id 8"), "\(messages)")
        #expect(messages.contains("2:expected a whole number in 'purposes', found 'x'"), "\(messages)")
    }

    /// A vendor whose id is not a whole number was left out without a word, so every stack
    /// registration of it became "not in the list"; a purpose keyed by a word was ignored too.
    /// That error points at the key (`"abc"`, column 48), not at its value's `{` (column 55).
    @Test func vendorIDThatIsNotAWholeNumberIsAnError() {
        let outcome = Self.load(
            text: """
                {"gvlSpecificationVersion": 3, "vendorListVersion": 1,
                 "purposes": {"1": {"id": 1, "name": "Store"}, "abc": {"id": 2, "name": "Ads"}},
                 "vendors": {"9000": {"id": 9000.0}, "9001": {"id": "9001x"},
                  "9002": {"id": 18446744073709551616}, "9003": {"id": 9003}}}
                """, name: "gvl.json")
        let messages = outcome.errors.map { "\($0.location.line):\($0.location.column):\($0.message)" }
        #expect(
            messages == [
                "2:48:expected purposes keyed by whole-number id, found the key 'abc'",
                "3:29:expected a whole-number vendor id for 'id', found 9000.0",
                "3:53:expected a whole-number vendor id for 'id', found 9001x",
                "4:18:expected a whole-number vendor id for 'id', found 18446744073709551616",
            ], "\(messages)")
        #expect(outcome.errors.allSatisfy { $0.hint?.contains("as the IAB publishes it") == true })
        #expect(outcome.inventory.tcfVendorLists.first?.vendors.keys.sorted() == [9003])
    }

    /// A vendor's id lists hold numbers: `null` is "expected a whole number", not "a string";
    /// each id that is not one says how to write it, as a version that is not one does.
    @Test func vendorListNumbersSayHowToWriteThem() {
        let outcome = Self.load(
            text: """
                {"gvlSpecificationVersion": 3, "vendorListVersion": 1.5,
                 "vendors": {"7": {"id": 7, "purposes": [1, null, "x", 2.5, 99999999999999999999]}}}
                """, name: "gvl.json")
        let messages = outcome.errors.map { "\($0.location.line):\($0.message); \($0.hint ?? "-")" }
        #expect(
            messages == [
                "1:'vendorListVersion' must be a whole number, found 1.5; write digits only, without a decimal point "
                    + "or exponent",
                "2:expected a whole number in 'purposes', found null; list the ids as numbers, as the IAB publishes them",
                "2:expected a whole number in 'purposes', found 'x'; list the ids as numbers, as the IAB publishes them",
                "2:item 3 of 'purposes' must be a whole number, found 2.5; write digits only, without a decimal point "
                    + "or exponent",
                "2:item 4 of 'purposes' is out of range, found 99999999999999999999; a whole number here is at most "
                    + "9223372036854775807",
            ], "\(messages)")
    }

    /// `vendor_id: gvl.<not a whole number>` was dropped without a word: the system lost its
    /// `tcf` block and PRIV-109 did not check it. Other registries' ids (`gacp.89`) are not TCF.
    @Test func gvlVendorIDThatIsNotANumberIsAnError() {
        let systems = [
            "gvl.abc", "gvl.1e3", "gvl.", "gvl.99999999999999999999", "gacp.89", "gvl.755", "gvl.-5", "gvl.+5",
        ]
        .enumerated().map { index, id in "  - { fides_key: s\(index), name: S, vendor_id: \(id) }" }
        let outcome = Self.load(text: "system:\n" + systems.joined(separator: "\n"), name: "fides.yml")
        let messages = outcome.errors.map { "\($0.location.line):\($0.location.column):\($0.message)" }
        #expect(
            messages == [
                "2:42:expected 'gvl.' and a whole-number GVL vendor id for 'vendor_id', found 'gvl.abc'",
                "3:42:the GVL vendor id in 'vendor_id' must be a whole number, found gvl.1e3",
                "4:42:expected 'gvl.' and a whole-number GVL vendor id for 'vendor_id', found 'gvl.'",
                "5:42:the GVL vendor id in 'vendor_id' is out of range, found gvl.99999999999999999999",
                "8:42:expected 'gvl.' and a whole-number GVL vendor id for 'vendor_id', found 'gvl.-5'",
                "9:42:expected 'gvl.' and a whole-number GVL vendor id for 'vendor_id', found 'gvl.+5'",
            ], "\(messages)")
        #expect(outcome.errors.allSatisfy { $0.hint != nil })
        // The same words as every other reader's, hints included.
        #expect(
            outcome.errors.map(\.hint)[1...3] == [
                "write digits only, without a decimal point or exponent",
                "write digits only after 'gvl.', as the Global Vendor List numbers the vendor (gvl.755)",
                "a whole number here is at most 9223372036854775807",
            ])
        #expect(outcome.inventory.systems.map { $0.tcf?.vendorID } == [nil, nil, nil, nil, nil, 755, nil, nil])
    }

    /// fideslang 1.x manifests keep `data_qualifier` resources beside `system`.
    @Test func fideslang1ManifestWithDataQualifiersIsRecognised() throws {
        let outcome = Self.load(
            text: """
                data_qualifier:
                  - fides_key: aggregated
                    name: Aggregated Data
                system:
                  - fides_key: crm
                    name: CRM
                    system_type: Application
                    privacy_declarations: []
                """, name: "fides.yml")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        #expect(outcome.inventory.systems.map(\.id) == ["crm"])
    }

    /// fideslang DataFlow `type` is `system`, `user` or `dataset`, and a declaration's
    /// `ingress`/`egress` reference those entries: references to users and datasets name no
    /// system, and a flow to a user is not one Tollgate models. Valid manifests, read with warnings.
    @Test func fidesUserAndDatasetDataFlowsAreNotSystems() throws {
        let outcome = Self.load(
            text: """
                system:
                  - fides_key: web_shop
                    name: Web shop
                    ingress:
                      - fides_key: user
                        type: user
                        data_categories: [user.contact.email]
                    egress:
                      - fides_key: orders_db
                        type: dataset
                        data_categories: [user.contact.email]
                      - fides_key: mailer
                        type: system
                        data_categories: [user.contact.email]
                    privacy_declarations:
                      - data_categories: [user.contact.email]
                        data_use: essential.service
                        ingress: [user]
                        egress: [orders_db, mailer]
                  - fides_key: mailer
                    name: Mailer
                    egress:
                      - fides_key: customer
                        type: user
                        data_categories: [user.contact.email]
                    privacy_declarations:
                      - data_categories: [user.contact.email]
                        data_use: essential.service
                        ingress: [web_shop]
                        egress: [customer]
                """, name: "fides.yml")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let declarations = outcome.inventory.systems.flatMap(\.privacyDeclarations)
        #expect(declarations.map(\.ingress) == [[], ["web_shop"]])
        #expect(declarations.map(\.egress) == [["mailer"], []])
        #expect(
            outcome.inventory.flows.map { "\($0.from)->\($0.to)" } == [
                "web_shop->mailer", "data_subject->web_shop",
            ])
        let warnings = outcome.diagnostics.filter { $0.level == .warning }.map(\.message)
        #expect(warnings.contains { $0.contains("'orders_db' names a Fides dataset") })
        #expect(warnings.contains { $0.contains("data flow to the user 'customer' was not imported") })
    }

    /// A flow declared on both ends (A's egress, B's ingress) is one flow `A-to-B` holding the
    /// data categories of both ends, not only those of the first end read.
    @Test func fidesFlowDeclaredOnBothEndsKeepsBothEndsCategories() throws {
        let outcome = Self.load(
            text: """
                system:
                  - fides_key: web_shop
                    name: Web shop
                    egress:
                      - fides_key: crm
                        type: system
                        data_categories: [user.contact.email]
                  - fides_key: crm
                    name: CRM
                    ingress:
                      - fides_key: web_shop
                        type: system
                        data_categories: [user.contact.email, user.financial.bank_account]
                """, name: "fides.yml")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        #expect(
            outcome.inventory.flows.map { "\($0.id) \($0.dataCategories)" } == [
                "web_shop-to-crm [\"user.contact.email\", \"user.financial.bank_account\"]"
            ])
        // The added category points at the end that declared it.
        let flow = try #require(outcome.inventory.flows.first)
        #expect(flow.origin.location("data_categories/1").line == 13)
    }

    /// A null the way fideslang writes unset fields is absent, not a wrong type.
    @Test func nullFidesFieldsAreAbsent() throws {
        let outcome = Self.load(
            text: """
                system:
                  - fides_key: crm
                    name: CRM
                    description: null
                    privacy_declarations: null
                  - fides_key: web
                    name: Web
                    privacy_declarations:
                      - data_use: essential.service
                        data_categories: [user.contact.email]
                        legal_basis_for_processing: null
                """, name: "fides.yml")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        #expect(outcome.inventory.systems.map(\.privacyDeclarations.count) == [0, 1])
    }

    @Test func tcfVersion1ListIsNamedAsSuch() {
        let outcome = Self.load(
            text: """
                {"vendorListVersion": 215, "lastUpdated": "2020-08-13T16:00:20Z",
                 "purposes": [{"id": 1, "name": "Information storage and access"}], "features": [],
                 "vendors": [{"id": 8, "name": "Emerse", "purposeIds": [1], "legIntPurposeIds": [], "featureIds": []}]}
                """, name: "vendorlist.json")
        #expect(
            outcome.errors.map(\.message) == [
                "this is a TCF v1 vendor list; Tollgate reads v2.x (GVL specification version 3)"
            ])
    }
}
