import Foundation
import Testing

@testable import TollgateKit

/// Findings point at the line of the field they are about; the positions are stored compactly
/// (`FieldMarks`), so these check that nothing is lost in the packing.
@Suite("Field positions")
struct FieldMarksTests {
    static let yaml = """
        version: 1
        flows:
          - id: a
            from: shop
            to: crm
            data_categories:
              - user.contact.email
              - user.contact.phone_number
          - id: b
            from: shop
            to: crm
            data_categories: [user.contact.email, user.name]
          - id: c
            from: shop
            to: crm
            volume_subjects: 30
            data_categories: [user.name]
        """

    static func flows() -> [Flow] {
        let outcome = InventoryLoader().load(text: yaml, name: "flows.yaml")
        // Only the undeclared systems are wrong here.
        #expect(outcome.errors.allSatisfy { $0.message.contains("system") }, "\(outcome.errors)")
        return outcome.inventory.flows
    }

    @Test func fieldsAndListItemsKeepTheirPositions() throws {
        let flows = Self.flows()
        try #require(flows.count == 3)
        let a = flows[0].origin
        #expect(a.location("to").line == 5 && a.location("to").column == 9)
        #expect(a.location("to").pointer == "/flows/0/to")
        #expect(a.location("data_categories").line == 7)
        #expect(a.location("data_categories/0").line == 7 && a.location("data_categories/0").column == 9)
        #expect(a.location("data_categories/1").line == 8)
        #expect(a.location("data_categories/1").pointer == "/flows/0/data_categories/1")
        let b = flows[1].origin
        #expect(b.location("data_categories/1").line == 12 && b.location("data_categories/1").column == 43)
        #expect(flows[2].origin.location("volume_subjects").line == 16)
    }

    /// A field that was not declared is reported where the entity is.
    @Test func missingFieldsAndItemsPointAtTheEntity() throws {
        let flows = Self.flows()
        try #require(flows.count == 3)
        let a = flows[0].origin
        #expect(!a.has("retention_days") && a.has("data_categories") && a.has("data_categories/1"))
        #expect(!a.has("data_categories/2") && !a.has("data_categories/x") && !a.has("data_categories/"))
        for missing in [
            "retention_days", "data_categories/2", "to/0", "nonsense/1/2", "data_categories/01", "data_categories/+1",
            "data_categories/-1", "data_categories/",
        ] {
            #expect(a.location(missing).line == 3 && a.location(missing).pointer == "/flows/0", "\(missing)")
        }
    }

    /// Entities with the same keys share one key list; others get their own.
    @Test func sameKeysShareOneList() throws {
        let flows = Self.flows()
        try #require(flows.count == 3)
        #expect(flows[0].origin.fields.keys === flows[1].origin.fields.keys)
        #expect(flows[0].origin.fields.keys !== flows[2].origin.fields.keys)
    }

    /// Importers give positions as relative pointers; those are found the same way.
    @Test func importerPositionsAreFound() {
        let origin = Origin(
            file: "export.json", pointer: "/policy", mark: Mark(line: 2, column: 3),
            fields: [("min_length", Mark(line: 4, column: 5)), ("rules/1", Mark(line: 9, column: 7))],
            fieldPointers: ["min_length": "/policy/MinimumPasswordLength"])
        #expect(origin.location("min_length").line == 4)
        #expect(origin.location("min_length").pointer == "/policy/MinimumPasswordLength")
        #expect(origin.location("rules/1").line == 9 && origin.location("rules/1").pointer == "/policy/rules/1")
        #expect(origin.location("rules/0").line == 2)
    }

    /// A problem a decoder reports at a list item (`names/1`) points at that item.
    @Test func reportsAtListItemsPointAtTheItem() throws {
        let root = try DocumentLoader().load(data: Data("names:\n  - good\n  - bad name\n".utf8), displayPath: "t.yaml")
            .get()
        var reader = FieldReader(node: root, file: "t.yaml", pointer: "", context: "the test file")
        #expect(reader.strings("names") == ["good", "bad name"])
        reader.report("'bad name' is not a valid name", at: "names/1")
        let diagnostic = try #require(reader.diagnostics.last)
        #expect(diagnostic.location.line == 3 && diagnostic.location.column == 5)
        #expect(diagnostic.location.pointer == "/names/1")
    }
}
