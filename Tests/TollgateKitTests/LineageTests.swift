import Testing
import TollgateKit

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
