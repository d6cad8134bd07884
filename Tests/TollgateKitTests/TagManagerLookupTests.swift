import Testing

@testable import TollgateKit

/// The tag-manager lookup replaced scans of every system and flow per tag; each answer must be
/// the one the scan gave: the first match in declaration order, ids compared without case.
@Suite("Tag-manager lookup")
struct TagManagerLookupTests {
    static let inventory = TestSupport.inventory(
        """
        version: 1
        systems:
          - { id: gtm, name: Tag Manager, system_type: tag_manager, tag_ids: [GTM-AAA, g-abc] }
          - { id: ga-one, name: Analytics One, system_type: analytics, tag_ids: [g-abc, G-ABC] }
          - { id: ga-two, name: Analytics Two, system_type: analytics, tag_ids: [G-ABC, AW-123] }
          - { id: gtm-two, name: Second container, system_type: tag_manager, tag_ids: [gtm-aaa] }
          - { id: meta-ads, name: Meta Ads, system_type: ad_platform }
          - { id: meta-pixel-store, name: Meta pixel store, system_type: ad_platform }
        web_properties:
          - { id: shop, domain: shop.example, tag_manager_containers: [gtm-aaa] }
          - { id: blog, domain: blog.example, tag_manager_containers: [GTM-AAA, GTM-aaa] }
          - { id: other, domain: other.example, tag_manager_containers: [GTM-BBB] }
        flows:
          - { id: visit, from: data_subject, to: ga-two, data_categories: [user.device.cookie_id] }
          - { id: fire, from: gtm, to: meta-ads, data_categories: [user.device.cookie_id] }
          - { id: sync, from: ga-one, to: meta-pixel-store, data_categories: [user.device.cookie_id] }
        """)

    static func lookup() -> TagManagerLookup {
        let index = InventoryIndex(inventory)
        return TagManagerLookup(inventory, systemsByID: index.systemsByID, flowsFrom: index.flowsFrom)
    }

    @Test func idsMatchTheFirstDeclaredSystemWhateverTheCase() {
        let lookup = Self.lookup()
        // The container id: any system type, the first one listing it.
        #expect(lookup.firstSystem(withContainerID: "gtm-aaa")?.id == "gtm")
        #expect(lookup.firstSystem(withContainerID: "GTM-ZZZ") == nil)
        // A host or tag id: any type, first declared.
        #expect(lookup.firstSystem(withTagID: "G-abc")?.id == "gtm")
        // A tag's parameter values: the first declared system that is not a tag manager, among all values.
        let values: Set<String> = ["aw-123", "g-abc"]
        #expect(lookup.firstSystem(withAnyTagID: values) { $0.systemType != .tagManager }?.id == "ga-one")
        #expect(lookup.firstSystem(withAnyTagID: ["aw-123"]) { $0.systemType != .tagManager }?.id == "ga-two")
        #expect(lookup.firstSystem(withAnyTagID: ["nothing"]) { _ in true } == nil)
    }

    @Test func webPropertiesKeepTheirOrderAndAppearOnce() {
        let lookup = Self.lookup()
        #expect(lookup.webProperties(loading: "Gtm-Aaa").map(\.id) == ["shop", "blog"])
        #expect(lookup.webProperties(loading: "GTM-BBB").map(\.id) == ["other"])
        #expect(lookup.webProperties(loading: "GTM-CCC").isEmpty)
    }

    @Test func vendorNamesAndInboundFlows() {
        let lookup = Self.lookup()
        // Both ad systems name Meta; the first declared wins, and asking again gives the same.
        #expect(lookup.firstSystem(namedByAnyOf: ["meta"])?.id == "meta-ads")
        #expect(lookup.firstSystem(namedByAnyOf: ["meta"])?.id == "meta-ads")
        #expect(lookup.firstSystem(namedByAnyOf: ["linkedin"]) == nil)
        let systems = Dictionary(uniqueKeysWithValues: Self.inventory.systems.map { ($0.id, $0) })
        // From people, or from a tag manager; not from another tool.
        #expect(lookup.isReachedFromPeopleOrTagManager(systems["ga-two"]!))
        #expect(lookup.isReachedFromPeopleOrTagManager(systems["meta-ads"]!))
        #expect(!lookup.isReachedFromPeopleOrTagManager(systems["meta-pixel-store"]!))
        #expect(!lookup.isReachedFromPeopleOrTagManager(systems["gtm"]!))
    }
}
