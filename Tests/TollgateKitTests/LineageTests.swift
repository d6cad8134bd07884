import Testing

@testable import TollgateKit

@Suite("Lineage")
struct LineageTests {
    @Test func broadHopsCarryUpstreamCategoriesAndNarrowOnes() {
        let inventory = TestSupport.inventory(
            """
            version: 1
            systems:
              - { id: a, name: A, system_type: cms }
              - { id: b, name: B, system_type: crm }
              - { id: c, name: C, system_type: esp }
            flows:
              - { id: collect, from: data_subject, to: a, data_categories: [user.contact], subject_regions: [EEA],
                  data_use: marketing.communications.email, legal_basis: consent }
              - { id: a-b, from: a, to: b, data_categories: [user], data_use: personalize, legal_basis: consent }
              - { id: b-c, from: b, to: c, data_categories: [user.contact.email], hashed: true,
                  data_use: marketing.communications.email, legal_basis: consent }
            """)
        let lineage = Lineage(inventory)
        let atB = lineage.arrivals(at: "b").map(\.fact.category)
        #expect(atB == ["user.contact"])
        let atC = lineage.arrivals(at: "c")
        #expect(atC.map(\.fact.category) == ["user.contact.email"])
        #expect(atC.first?.fact.hashed == true)
        #expect(atC.first?.fact.collectedFor == "marketing.communications.email")
        #expect(atC.first?.fact.subjectRegions == ["EEA"])
        #expect(atC.first.map { lineage.path($0) } == ["a", "b", "c"])
    }

    /// A system holding many facts switches from scanning its list to a bitset
    /// (`LineageBuilder.scanLimit`); both sides of the switch must keep each fact once, with
    /// its first (shortest) path.
    @Test func aHubWithManyFactsKeepsEachOnceWithItsShortestPath() {
        // One fact per country: the facts differ only in where their subjects are.
        let countries = [
            "DE", "FR", "IT", "ES", "NL", "BE", "AT", "PL", "SE", "DK", "FI", "IE", "PT", "GR", "CZ", "HU", "RO", "BG",
            "HR", "SI", "SK", "LT", "LV", "EE", "LU", "MT", "CY", "US", "CA", "GB", "CH", "NO", "IS", "LI", "JP", "KR",
            "AU", "NZ", "BR", "MX",
        ]
        let count = countries.count
        #expect(count > LineageBuilder.scanLimit)
        var systems =
            "  - { id: hub, name: Hub, system_type: cdp }\n  - { id: sink, name: Sink, system_type: ad_platform }\n"
        var flows = ""
        for index in 0..<count {
            systems += "  - { id: s\(index), name: S\(index), system_type: cms }\n"
            flows += """
                  - { id: in-\(index), from: data_subject, to: s\(index), data_categories: [user.contact.email],
                      subject_regions: [\(countries[index])], data_use: marketing, legal_basis: consent }
                  - { id: s\(index)-hub, from: s\(index), to: hub, data_categories: [user.contact], data_use: marketing,
                      legal_basis: consent }

                """
        }
        // Every fact comes back to the hub from the sink: it must not arrive twice.
        flows +=
            "  - { id: hub-sink, from: hub, to: sink, data_categories: [user], data_use: marketing, legal_basis: consent }\n"
        flows +=
            "  - { id: sink-hub, from: sink, to: hub, data_categories: [user], data_use: marketing, legal_basis: consent }\n"
        let inventory = TestSupport.inventory("version: 1\nsystems:\n" + systems + "flows:\n" + flows)
        let lineage = Lineage(inventory)
        let atHub = lineage.arrivals(at: "hub")
        #expect(atHub.count == count)
        #expect(Set(atHub.map(\.fact.subjectRegions)).count == count)
        let atSink = lineage.arrivals(at: "sink")
        #expect(atSink.count == count)
        for arrival in atSink {
            let origin = countries.firstIndex(of: arrival.fact.subjectRegions.first ?? "") ?? -1
            #expect(lineage.path(arrival) == ["s\(origin)", "hub", "sink"])
        }
        #expect(lineage.size.arrivals == 3 * count)
    }

    @Test func cyclesTerminateAndDataBornInsideACycleIsFollowed() {
        let inventory = TestSupport.inventory(
            """
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm }
              - { id: esp, name: ESP, system_type: esp }
              - { id: ads, name: Ads, system_type: ad_platform }
            flows:
              - { id: crm-esp, from: crm, to: esp, data_categories: [user.contact.email], data_use: marketing, legal_basis: consent }
              - { id: esp-crm, from: esp, to: crm, data_categories: [user.contact.email, user.privacy_preferences],
                  data_use: marketing, legal_basis: consent }
              - { id: crm-ads, from: crm, to: ads, data_categories: [user], data_use: marketing.advertising,
                  legal_basis: consent }
            """)
        let lineage = Lineage(inventory)
        let atAds = Set(lineage.arrivals(at: "ads").map(\.fact.category))
        #expect(atAds == ["user.contact.email", "user.privacy_preferences"])
        let preferences = lineage.firstArrival(at: "ads") { $0.category == "user.privacy_preferences" }
        #expect(preferences.map { lineage.path($0) } == ["esp", "crm", "ads"])
    }

    @Test func consentSignalLossIsRemembered() {
        let inventory = TestSupport.inventory(
            """
            version: 1
            systems:
              - { id: site, name: Site, system_type: cms }
              - { id: cdp, name: CDP, system_type: cdp }
              - { id: ads, name: Ads, system_type: ad_platform }
            flows:
              - { id: visit, from: data_subject, to: site, data_categories: [user.device.cookie_id], legal_basis: consent,
                  data_use: marketing.advertising }
              - { id: site-cdp, from: site, to: cdp, data_categories: [user.device], consent_signal_propagated: false,
                  data_use: marketing.advertising, legal_basis: consent }
              - { id: cdp-ads, from: cdp, to: ads, data_categories: [user.device], consent_signal_propagated: true,
                  data_use: marketing.advertising, legal_basis: consent }
            """)
        let lineage = Lineage(inventory)
        let atAds = lineage.arrivals(at: "ads").map(\.fact.consentSignalLost)
        let atSite = lineage.arrivals(at: "site").map(\.fact.consentSignalLost)
        #expect(!atAds.isEmpty && !atAds.contains(false))
        #expect(!atSite.isEmpty && !atSite.contains(true))
    }

    @Test func checkerComputesTheLineageOnlyWhenAsked() {
        // A context without a store builds its own lazily; asking twice returns the same size.
        let inventory = TestSupport.inventory("version: 1\nsystems: [{ id: a, name: A, system_type: crm }]\n")
        let context = RuleContext(
            inventory: inventory, index: InventoryIndex(inventory), asOf: Day(iso: "2026-01-01")!,
            parameters: Parameters(defaults: []))
        #expect(context.lineage.size.arrivals == 0)
        #expect(context.lineage.size.facts == 0)
    }
}
