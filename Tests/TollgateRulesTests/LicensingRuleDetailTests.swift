import Foundation
import Testing
import TollgateKit
import TollgateRules

/// Severities, messages and parameter interplay of licensing rules that the rule examples (which
/// compare only the failing subjects) cannot pin.
@Suite("Licensing rule details")
struct LicensingRuleDetailTests {
    func findings(
        _ ruleID: String, _ yaml: String, asOf: String = "2026-11-23", parameters: [String: ParameterValue] = [:]
    ) throws -> [Finding] {
        let rule = try #require(BuiltInRules.all.first { $0.description.id == ruleID })
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(texts: [("stack.yaml", yaml)])
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let policy = Policy(sources: [], settings: [ruleID: Policy.Setting(parameters: parameters)])
        return Checker(rules: [rule], policy: policy).check(outcome.inventory, asOf: Day(iso: asOf)!).findings
    }

    // MARK: LIC-003

    /// An auto-renewing subscription whose end date passed has renewed unless cancelled: a low
    /// finding about the stale date, naming the current term where `start` gives its length.
    @Test(arguments: [
        ("start: 2025-06-01, end: 2026-05-31", "so it is taken to have renewed to 2027-05-31"),
        ("start: 2025-06-01, end: 2026-06-01", "so it is taken to have renewed to 2027-06-01"),
        ("start: 2026-01-31, end: 2026-02-28", "so it is taken to have renewed to 2026-11-30"),
        ("start: 2026-11-01, end: 2026-11-10", "so it is taken to have renewed to 2026-11-30"),
        ("end: 2026-05-31", "so it has renewed unless it was cancelled; move `end` to the current term's end"),
    ])
    func autoRenewingSubscriptionPastItsEndIsRenewed(dates: String, says: String) throws {
        let found = try findings(
            "LIC-003",
            """
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm, subscription: { \(dates), auto_renew: true } }
            accounts:
              - { id: a, system: crm, kind: human }
            """)
        #expect(found.count == 1)
        #expect(found.first?.severity == .low)
        #expect(found.first?.message.contains("end date \(dates.suffix(10)) has passed, \(says)") == true)
    }

    /// An ended subscription's message names only what the tool still has.
    @Test func endedSubscriptionNamesOnlyWhatIsStillThere() throws {
        let found = try findings(
            "LIC-003",
            """
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm, subscription: { end: 2026-05-31, auto_renew: false } }
            accounts:
              - { id: a, system: crm, kind: human }
            """)
        #expect(found.first?.severity == .critical)
        #expect(found.map(\.message) == ["subscription ended on 2026-05-31 but the tool still has 1 enabled account"])
    }

    /// A subscription whose term ends within the warning window is reported; one that renews
    /// automatically is said to renew, not to end.
    @Test(arguments: [
        (
            "auto_renew: true",
            "the subscription's term ends on 2026-12-31, in 38 days, and then renews automatically unless cancelled"
        ),
        ("auto_renew: false", "subscription ends on 2026-12-31, in 38 days"),
        ("plan: Pro", "subscription ends on 2026-12-31, in 38 days"),
    ])
    func endingSubscriptionSaysWhetherItRenews(renewal: String, message: String) throws {
        let found = try findings(
            "LIC-003",
            """
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm, subscription: { end: 2026-12-31, \(renewal) } }
            """)
        #expect(found.map(\.severity) == [.medium])
        #expect(found.map(\.message) == [message])
    }

    // MARK: LIC-004

    /// A passed end date of an auto-renewing subscription rolls over into the term LIC-003 names,
    /// and LIC-004 checks that term's notice deadline: it skipped the subscription altogether.
    @Test(arguments: [
        (
            "2026-11-23",
            "no renewal decision recorded; notice must be given by 2026-12-01 (the end date 2025-12-31 has passed: the term is taken to have renewed to 2026-12-31)"
        ),
        (
            "2026-12-15",
            "notice deadline 2026-12-01 has passed without a recorded decision; the subscription renews on 2026-12-31 (the end date 2025-12-31 has passed: the term is taken to have renewed to 2026-12-31)"
        ),
    ])
    func renewalWindowFollowsTheRenewedTerm(asOf: String, message: String) throws {
        let stack = """
            version: 1
            systems:
              - id: crm
                name: CRM
                system_type: crm
                subscription: { start: 2025-01-01, end: 2025-12-31, auto_renew: true, notice_period_days: 30 }
            accounts:
              - { id: a, system: crm, kind: human }
            """
        #expect(try findings("LIC-004", stack, asOf: asOf).map(\.message) == [message])
        let renewedTo = try findings("LIC-003", stack, asOf: asOf).first?.message
        #expect(renewedTo?.contains("taken to have renewed to 2026-12-31") == true, "LIC-003 names the same term")
        #expect(try findings("LIC-004", stack, asOf: "2026-10-31").isEmpty, "the window opens on 2026-11-01")
    }

    // MARK: LIC-010

    @Test func commonsClauseAsLicenseRefIsForbidden() throws {
        let found = try findings(
            "LIC-010",
            """
            version: 1
            assets: [{ id: a, kind: script, licence: "Apache-2.0 AND LicenseRef-commons-clause" }]
            """)
        #expect(found.count == 1)
        #expect(found.first?.severity == .high)
        #expect(found.first?.message.contains("LicenseRef-commons-clause is forbidden") == true)
    }

    /// A one-licence expression is named once; a compound one, then the licences that decided it.
    @Test(arguments: [
        ("AGPL-3.0-only", "licence AGPL-3.0-only is forbidden"),
        ("GPL-3.0-only", "licence GPL-3.0-only is restricted and needs legal review"),
        ("GPL-2.0", "licence GPL-2.0 (read as GPL-2.0-only) is restricted and needs legal review"),
        ("MIT AND AGPL-3.0-only", "licence MIT AND AGPL-3.0-only is not allowed: AGPL-3.0-only is forbidden"),
        (
            "GPL-3.0-only OR AGPL-3.0-only",
            "licence GPL-3.0-only OR AGPL-3.0-only needs legal review: GPL-3.0-only is restricted"
        ),
    ])
    func licenceIsNamedOnce(licence: String, message: String) throws {
        let found = try findings(
            "LIC-010",
            """
            version: 1
            assets: [{ id: a, kind: script, licence: "\(licence)" }]
            """)
        #expect(found.map(\.message) == [message])
    }

    /// An id not on the SPDX list does not hide a forbidden or restricted licence: LIC-010
    /// judges the known ids (the unknown one given the benefit of the doubt) beside LIC-008.
    @Test(arguments: [
        (
            "AGPL-3.0-only AND Acme-EULA", Severity.high,
            "licence AGPL-3.0-only AND Acme-EULA is not allowed: AGPL-3.0-only is forbidden; Acme-EULA is not an SPDX id and could not be judged"
        ),
        (
            "GPL-3.0-only AND (Acme-EULA OR Zeta-Terms)", Severity.medium,
            "licence GPL-3.0-only AND (Acme-EULA OR Zeta-Terms) needs legal review: GPL-3.0-only is restricted; Acme-EULA, Zeta-Terms are not SPDX ids and could not be judged"
        ),
        ("AGPL-3.0-only OR Acme-EULA", nil, nil),
        ("MIT AND Acme-EULA", nil, nil),
    ])
    func knownIdsBesideAnUnknownIdAreJudged(licence: String, severity: Severity?, message: String?) throws {
        let yaml = """
            version: 1
            assets: [{ id: a, kind: script, licence: "\(licence)" }]
            """
        let found = try findings("LIC-010", yaml)
        #expect(found.map(\.message) == (message.map { [$0] } ?? []))
        #expect(found.first?.severity == severity)
        #expect(try findings("LIC-008", yaml).count == 1, "the unknown id stays LIC-008's finding")
    }

    @Test func deprecatedIdIsCategorisedAsItsSuccessor() throws {
        let yaml = """
            version: 1
            assets:
              - { id: cp, kind: script, licence: GPL-2.0-with-classpath-exception }
              - { id: gpl, kind: script, licence: GPL-2.0+ }
            """
        let found = try findings("LIC-010", yaml)
        #expect(found.map(\.subject.description) == ["asset:gpl"])
        #expect(found.first?.message.contains("GPL-2.0+ (read as GPL-2.0-or-later) is restricted") == true)
        // The allow and deny lists match the written id and its successor.
        #expect(try findings("LIC-010", yaml, parameters: ["allow": .strings(["GPL-2.0-or-later"])]).isEmpty)
        #expect(try findings("LIC-010", yaml, parameters: ["allow": .strings(["GPL-2.0+"])]).isEmpty)
        let denied = try findings(
            "LIC-010", yaml, parameters: ["deny": .strings(["GPL-2.0-with-classpath-exception"])])
        #expect(denied.first { $0.subject.description == "asset:cp" }?.severity == .high)
    }

    /// A licence an expression repeats (SBOMs list one licence found twice as two entries, read as
    /// `GPL-3.0-only AND GPL-3.0-only`) is named once in LIC-010's and LIC-011's messages.
    @Test func repeatedLicenceIsNamedOnce() throws {
        let yaml = """
            version: 1
            assets: [{ id: a, kind: script, licence: GPL-3.0-only AND GPL-3.0-only }]
            """
        #expect(
            try findings("LIC-010", yaml).map(\.message) == [
                "licence GPL-3.0-only AND GPL-3.0-only needs legal review: GPL-3.0-only is restricted"
            ])
        #expect(
            try findings("LIC-011", yaml).map(\.message) == [
                "copyleft code shipped to browsers without a source offer: GPL-3.0-only"
            ])
    }

    // MARK: LIC-011

    /// An id not on the SPDX list does not hide a copyleft licence ANDed with it: LIC-011 asks for
    /// the source offer of the known licences, the unknown id given the benefit of the doubt (an
    /// alternative under it obliges nothing, an id that only looks like GPL is not judged) as LIC-010 gives it.
    @Test(arguments: [
        ("GPL-3.0-only AND Acme-EULA", "GPL-3.0-only"),
        ("(MPL-2.0 AND Acme-EULA) OR (GPL-3.0-only AND MIT)", "MPL-2.0"),
        ("LGPL-2.1-only AND (Acme-EULA OR Zeta-Terms)", "LGPL-2.1-only"),
        ("MPL-2.0 OR Acme-EULA", nil),
        ("GPL-9.9-custom AND MIT", nil),
        ("GPL-3.0-only WITH Acme-exception", nil),
    ])
    func copyleftBesideAnUnknownIdNeedsItsSourceOffer(licence: String, obliging: String?) throws {
        let yaml = """
            version: 1
            assets: [{ id: a, kind: script, licence: "\(licence)" }]
            """
        let found = try findings("LIC-011", yaml)
        #expect(
            found.map(\.message)
                == (obliging.map { ["copyleft code shipped to browsers without a source offer: \($0)"] } ?? []))
        #expect(try findings("LIC-008", yaml).count == 1, "the unknown id stays LIC-008's finding")
    }

    // MARK: LIC-012

    /// An id not on the SPDX list does not hide a notice licence ANDed with it: LIC-012 asks for
    /// its notices, the unknown id given the benefit of the doubt as LIC-010 gives it.
    @Test(arguments: [
        ("MIT AND Acme-EULA", true),
        ("Apache-2.0 AND (Acme-EULA OR Zeta-Terms)", true),
        ("(BSD-3-Clause AND Acme-EULA) OR GPL-3.0-only", true),
        ("MIT OR Acme-EULA", false),
        ("MIT WITH Acme-exception", false),
    ])
    func noticeLicenceBesideAnUnknownIdNeedsItsNotices(licence: String, reported: Bool) throws {
        let yaml = """
            version: 1
            assets: [{ id: a, kind: script, licence: "\(licence)", notices_preserved: false }]
            """
        let found = try findings("LIC-012", yaml)
        #expect(
            found.map(\.message) == (reported ? ["licence notices are stripped and no notices page is recorded"] : []))
        #expect(try findings("LIC-008", yaml).count == 1, "the unknown id stays LIC-008's finding")
    }

    // MARK: LIC-013

    @Test func fontDomainsCompareLikeDNSNames() throws {
        let yaml = """
            version: 1
            assets:
              - id: f
                kind: font
                licence_type: webfont
                licensed_domains: [www.example.com.]
                used_in: [{ channel: web, domain: WWW.Example.com }, { channel: web, domain: shop.example.com }]
            """
        let found = try findings("LIC-013", yaml)
        #expect(found.map(\.message) == ["font served on shop.example.com, which is not a licensed domain"])
    }

    @Test func fontsLoadedByWebPropertiesAreWebUses() throws {
        let yaml = """
            version: 1
            assets:
              - id: web
                kind: font
                licence_type: custom
                licensed_domains: [www.example.com]
                licensed_pageviews_month: 500000
                used_in: [{ channel: web, domain: www.example.com, monthly_pageviews: 400000 }]
              - { id: desk, kind: font, licence_type: desktop }
            web_properties:
              - { id: own, domain: www.example.com, monthly_pageviews: 900000, tags: [{ asset: web }] }
              - { id: other, domain: shop.other.com, monthly_pageviews: 100001, tags: [{ asset: web }, { asset: desk }] }
            """
        let found = try findings("LIC-013", yaml)
        let messages = Dictionary(grouping: found, by: \.subject.description).mapValues { $0.map(\.message).sorted() }
        // www.example.com counts once, with the used_in figure: 400,000 + 100,001.
        #expect(
            messages["asset:web"] == [
                "font served on shop.other.com, which is not a licensed domain",
                "font serves 500,001 pageviews a month, over the 500,000 licensed",
            ])
        #expect(
            messages["asset:desk"] == [
                "desktop font licence served with @font-face on shop.other.com, which needs a web licence"
            ])
        // Findings about the property point at its tag line.
        #expect(found.filter { $0.message.contains("shop.other.com") }.allSatisfy { $0.location.line == 12 })
    }

    // MARK: LIC-016 and LIC-017

    @Test func copiesAreCappedInTotal() throws {
        func declaration(_ second: Int) -> String {
            """
            version: 1
            assets:
              - id: img
                kind: image
                max_copies: 500000
                used_in: [{ channel: print, copies: 300000 }, { channel: print, copies: \(second) }]
            """
        }
        #expect(try findings("LIC-016", declaration(200000)).isEmpty)
        let over = try findings("LIC-016", declaration(300000))
        #expect(over.map(\.message) == ["600,000 copies across 2 uses exceed the licensed 500,000"])
        #expect(over.first?.severity == .medium && over.first?.location.line == 5)
    }

    @Test func fontUsedAfterExpiryIsCritical() throws {
        let found = try findings(
            "LIC-016",
            """
            version: 1
            assets:
              - { id: f, kind: font, expires: 2026-01-31, used_in: [{ channel: web, start: 2025-01-01 }] }
            """)
        #expect(found.map(\.severity) == [.critical])
        #expect(found.first?.message == "licence expired on 2026-01-31 but the web use is still live")
    }

    @Test func musicTermIsCheckedAsOtherCreative() throws {
        let yaml = """
            version: 1
            assets:
              - { id: live, kind: music, expires: 2026-06-30, used_in: [{ channel: social, platform: tiktok }] }
              - { id: ran, kind: music, expires: 2026-06-30, used_in: [{ channel: social, start: 2026-06-01, end: 2026-09-30 }] }
              - { id: early, kind: music, valid_from: 2026-09-01, used_in: [{ channel: social, start: 2026-08-01 }] }
              - { id: song, kind: audio, expires: 2026-06-30, used_in: [{ channel: social, start: 2026-06-01, end: 2026-09-30 }] }
            """
        let music = try findings("LIC-017", yaml)
        let severities = Dictionary(grouping: music, by: \.subject.description).mapValues { $0.map(\.severity) }
        #expect(severities == ["asset:live": [.critical], "asset:ran": [.critical], "asset:early": [.high]])
        // The same use of an audio asset gets the same finding from LIC-016.
        let audio = try findings("LIC-016", yaml)
        #expect(audio.map(\.message) == music.filter { $0.subject.description == "asset:ran" }.map(\.message))
    }
}

extension LicensingRuleDetailTests {
    /// LIC-018 asks for the copy of an open-source licence only where the licence names a
    /// private text (`LicenseRef-`, in any case, anywhere in the expression).
    @Test(arguments: [
        ("Apache-2.0", false), ("LicenseRef-acme", true), ("LICENSEREF-ACME", true), ("licenseref-acme", true),
        ("MIT OR LicenseRef-acme", true), ("(MIT AND LicenseRef-x)", true), ("DocumentRef-a:LicenseRef-b", true),
    ])
    func openSourceLicenceNeedsItsCopyOnlyWhenPrivate(licence: String, needsCopy: Bool) throws {
        let found = try findings(
            "LIC-018",
            """
            version: 1
            assets:
              - { id: lib, kind: script, vendor: OSS, licence: "\(licence)", licence_type: open_source }
            """)
        #expect(found.map(\.message) == (needsCopy ? ["licence evidence missing: licence_url"] : []), "\(licence)")
    }
}

extension LicensingRuleDetailTests {
    /// LIC-019 counts the SBOM's components without a licence in a sentence that agrees with
    /// its number ("1 of 2 … has", "2 of 2 … have").
    @Test(arguments: [
        (1, "1 of 2 components in the SBOM has no licence"), (2, "2 of 2 components in the SBOM have no licence"),
    ])
    func unlicensedComponentsAreCountedInGoodGrammar(_ unlicensed: Int, _ message: String) throws {
        let licence = #"{"license": {"id": "MIT"}}"#
        let components = (1...2).map { index in
            #"{"type": "library", "name": "lib\#(index)", "version": "1.0""#
                + (index > unlicensed ? #", "licenses": [\#(licence)]}"# : "}")
        }
        let sbom =
            #"{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "#
            + #""metadata": {"timestamp": "2026-11-20T10:00:00Z"}, "components": ["#
            + components.joined(separator: ", ") + "]}"
        let yaml = """
            version: 1
            web_properties:
              - { id: www, domain: www.example.com, sbom: { path: www.cdx.json } }
            """
        let rule = try #require(BuiltInRules.all.first { $0.description.id == "LIC-019" })
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(
            texts: [("stack.yaml", yaml), ("www.cdx.json", sbom)])
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let policy = Policy(sources: [], settings: ["LIC-019": Policy.Setting()])
        let found = Checker(rules: [rule], policy: policy).check(outcome.inventory, asOf: Day(iso: "2026-11-23")!)
            .findings
        #expect(found.map(\.message) == [message])
    }
}
