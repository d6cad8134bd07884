import Foundation
import Testing
import TollgateKit

/// SBOMs of the wrong shape are input errors at their location, and what an SPDX document
/// DESCRIBES decides which of its packages are checked.
@Suite("SBOM shapes")
struct SBOMShapeTests {
    func load(_ text: String, _ name: String) -> InventoryLoader.Outcome {
        InventoryLoader(importers: BuiltInImporters.all()).load(texts: [(name, text)])
    }

    func errors(_ text: String, _ name: String) -> [String] {
        load(text, name).errors.map { "\($0.location.line):\($0.location.column) \($0.message)" }
    }

    @Test func cycloneDXComponentsAsAnObjectIsAnError() {
        let bom = """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
             "components": {"type": "library", "name": "agplthing"}}
            """
        #expect(errors(bom, "c.cdx.json") == ["2:16 expected a list for 'components', found a mapping"])
    }

    /// Items of a list of objects that are not objects are errors too, not skipped.
    @Test func cycloneDXItemsThatAreNotObjectsAreErrors() {
        let bom = """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": [
              {"type": "library", "name": "a", "licenses": [{"license": {"id": "MIT"}}], "externalReferences": ["https://x"]},
              "b"]}
            """
        #expect(
            errors(bom, "c.cdx.json") == [
                "2:101 expected an external reference object, found a string",
                "3:3 expected a component object, found a string",
            ])
    }

    @Test func cycloneDXLicencesOfTheWrongShapeAreErrors() {
        let bom = """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": [
              {"type": "library", "name": "a", "licenses": {"license": {"id": "AGPL-3.0-only"}}},
              {"type": "library", "name": "b", "licenses": [{"license": {"id": ["AGPL-3.0-only"]}}]},
              {"type": "library", "name": "c", "components": [{"name": "d", "licenses": [{"expression": {}}]}]}]}
            """
        #expect(
            errors(bom, "c.cdx.json") == [
                "2:48 expected a list for 'licenses', found a mapping",
                "3:68 expected a string for 'id', found a list",
                "4:93 expected a string for 'expression', found a mapping",
            ])
    }

    @Test func cycloneDXWithoutSpecVersionSaysItIsMissing() {
        let outcome = load(
            #"{"bomFormat": "CycloneDX", "version": 1, "components": [{"name": "a"}]}"#, "c.cdx.json")
        #expect(outcome.errors.isEmpty)
        #expect(
            outcome.diagnostics.map(\.message) == ["the CycloneDX BOM has no specVersion, which CycloneDX requires"])
    }

    static func spdx(describes: [String], packages: String) -> String {
        let ids = describes.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "x",
             "documentDescribes": [\(ids)],
             "packages": \(packages)}
            """
    }

    @Test func spdxPackagesAsAnObjectIsAnError() {
        let doc = Self.spdx(describes: [], packages: #"{"name": "agpl", "SPDXID": "SPDXRef-a"}"#)
        #expect(errors(doc, "s.spdx.json") == ["3:14 expected a list for 'packages', found a mapping"])
    }

    /// Items of SPDX's lists of objects that are not objects are errors too, not skipped.
    @Test func spdxItemsThatAreNotObjectsAreErrors() {
        let doc = """
            {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "x",
             "hasExtractedLicensingInfos": ["LicenseRef-x"],
             "packages": [{"name": "a", "SPDXID": "SPDXRef-a", "externalRefs": ["pkg:npm/a@1"]}]}
            """
        #expect(
            errors(doc, "s.spdx.json") == [
                "2:33 expected an extracted licence object, found a string",
                "3:69 expected an external reference object, found a string",
            ])
    }

    @Test func spdxLicenceAsAListIsAnError() {
        let doc = Self.spdx(
            describes: [], packages: #"[{"name": "a", "SPDXID": "SPDXRef-a", "licenseConcluded": ["MIT"]}]"#)
        #expect(errors(doc, "s.spdx.json") == ["3:72 expected a string for 'licenseConcluded', found a list"])
    }

    /// SPDX 2.3: DESCRIBES names the document's top-level items. When it names every package,
    /// they are what the document lists, and each is checked.
    @Test func spdxDescribingEveryPackageKeepsThemAsComponents() {
        let doc = Self.spdx(
            describes: ["SPDXRef-a", "SPDXRef-b"],
            packages: """
                [{"name": "a", "SPDXID": "SPDXRef-a", "licenseConcluded": "AGPL-3.0-only"},
                 {"name": "b", "SPDXID": "SPDXRef-b", "licenseConcluded": "SSPL-1.0"}]
                """)
        let outcome = load(doc, "s.spdx.json")
        #expect(outcome.errors.isEmpty && outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        #expect(outcome.inventory.assets.compactMap(\.name).sorted() == ["a", "b"])
        #expect(outcome.inventory.sboms.first?.subject == nil)
    }

    /// One described package beside others is the product: the subject, not a component.
    @Test func spdxTheOneDescribedProductIsTheSubject() {
        let doc = Self.spdx(
            describes: ["SPDXRef-site"],
            packages: """
                [{"name": "www.example.com", "SPDXID": "SPDXRef-site"},
                 {"name": "b", "SPDXID": "SPDXRef-b", "licenseConcluded": "MIT"}]
                """)
        let outcome = load(doc, "s.spdx.json")
        #expect(outcome.inventory.assets.compactMap(\.name) == ["b"])
        #expect(outcome.inventory.sboms.first?.subject == "www.example.com")
    }

    @Test func spdxWithOnlyItsProductWarnsThatItListsNoComponents() {
        let doc = Self.spdx(describes: ["SPDXRef-site"], packages: #"[{"name": "site", "SPDXID": "SPDXRef-site"}]"#)
        let outcome = load(doc, "s.spdx.json")
        #expect(outcome.errors.isEmpty && outcome.inventory.assets.isEmpty)
        #expect(
            outcome.diagnostics.map(\.message) == [
                "the SBOM lists no components: its only package is site, the product it describes"
            ])
    }
}
