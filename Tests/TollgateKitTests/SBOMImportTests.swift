import Foundation
import Testing
import TollgateKit
import TollgateRules

/// SBOM import: CycloneDX JSON and XML agree, SPDX JSON, and hostile SBOMs (XXE, entity bombs,
/// a million components) fail with a clear error without reading local files or hanging.
@Suite("SBOM import")
struct SBOMImportTests {
    static let retailStack = TestSupport.packageRoot.appendingPathComponent("fixtures/retail-stack")
    let loader = InventoryLoader(importers: BuiltInImporters.all())

    func write(_ text: String, _ name: String) throws -> String {
        let directory = try TestSupport.temporaryDirectory()
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func errors(_ path: String, limits: LoadLimits = .default) -> [Diagnostic] {
        InventoryLoader(limits: limits, importers: BuiltInImporters.all(limits: limits)).load(paths: [path]).errors
    }

    // MARK: - Same SBOM, two encodings

    /// The retail stack's SBOM in CycloneDX JSON and in XML: the same assets, and the licensing
    /// rules find exactly the same things (rule, subject, message, severity) in both.
    @Test func cycloneDXJSONAndXMLGiveIdenticalFindings() throws {
        let json = Self.retailStack.appendingPathComponent("sbom/eu-shop.cdx.json").path
        let xml = Self.retailStack.appendingPathComponent("sbom/eu-shop.cdx.xml").path
        let fromJSON = loader.load(paths: [json])
        let fromXML = loader.load(paths: [xml])
        #expect(fromJSON.errors.isEmpty && fromXML.errors.isEmpty, "\(fromJSON.errors + fromXML.errors)")
        #expect(fromJSON.inventory.assets.count == 13)
        #expect(fromJSON.inventory.assets.map(\.id) == fromXML.inventory.assets.map(\.id))
        #expect(fromJSON.inventory.assets.map(\.licence) == fromXML.inventory.assets.map(\.licence))
        #expect(fromJSON.inventory.assets.map(\.sourceOfferURL) == fromXML.inventory.assets.map(\.sourceOfferURL))
        #expect(fromJSON.inventory.assets.map(\.kind) == fromXML.inventory.assets.map(\.kind))
        #expect(fromXML.inventory.sboms.first?.specVersion == "1.6")
        #expect(fromXML.inventory.sboms.first?.subject == "www.northwind-apparel.example")
        #expect(fromJSON.inventory.sboms.first?.created == Day(iso: "2026-10-30"))
        #expect(fromXML.inventory.sboms.first?.created == Day(iso: "2026-10-30"))

        func findings(_ inventory: Inventory) -> [String] {
            Checker(rules: LicensingRules.all, policy: .allRules(LicensingRules.all.map(\.description)))
                .check(inventory, asOf: Day(iso: "2026-11-23")!).findings
                .map { "\($0.ruleID) \($0.subject) \($0.severity) \($0.message)" }.sorted()
        }
        let jsonFindings = findings(fromJSON.inventory)
        #expect(!jsonFindings.isEmpty)
        #expect(jsonFindings == findings(fromXML.inventory))
        // Locations point into each file, with lines and columns.
        let xmlAsset = try #require(fromXML.inventory.assets.first { $0.id == "pkg:npm/instafeed-lite@0.9.1" })
        #expect(xmlAsset.origin.file == xml && xmlAsset.origin.location("licence").line > 1)
    }

    /// Both encodings in one stack: the component is one asset, not a duplicate-id error.
    @Test func theSameComponentInTwoSBOMsIsOneAsset() throws {
        let outcome = loader.load(paths: [Self.retailStack.path])
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        let ids = outcome.inventory.assets.map(\.id)
        #expect(Set(ids).count == ids.count)
        // A declared asset with `purl:` absorbs the SBOM's copy; the property still ships it.
        #expect(!ids.contains("pkg:npm/swiper@11.1.14") && ids.contains("swiper"))
        let index = InventoryIndex(outcome.inventory)
        #expect(index.webPropertiesByAsset["pkg:npm/jquery@3.7.1"]?.map(\.id) == ["eu-shop"])
        #expect(index.webPropertiesByAsset["swiper"]?.map(\.id).sorted() == ["eu-shop", "us-shop"])
    }

    @Test func conflictingLicencesForOneComponentAreAnError() throws {
        let directory = try TestSupport.temporaryDirectory()
        for (name, licence) in [("a.cdx.json", "MIT"), ("b.cdx.json", "ISC")] {
            let text = """
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                 "components": [{"type": "library", "name": "x", "version": "1.0", "purl": "pkg:npm/x@1.0",
                                 "licenses": [{"license": {"id": "\(licence)"}}]}]}
                """
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        let problems = errors(directory.path)
        #expect(problems.count == 1 && problems[0].message.contains("has licence ISC here but MIT"))
    }

    /// One purl listed twice in one SBOM (nested `node_modules` copies with distinct `bom-ref`s)
    /// is one asset, not a duplicate-id error; a copy under another licence warns and both apply.
    @Test func aPurlListedTwiceInOneSBOMIsOneAsset() throws {
        func bom(_ second: String) -> String {
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [
              {"bom-ref": "a", "type": "library", "name": "ms", "version": "2.1.3", "purl": "pkg:npm/ms@2.1.3",
               "licenses": [{"license": {"id": "MIT"}}]},
              {"bom-ref": "b", "type": "library", "name": "ms", "version": "2.1.3", "purl": "pkg:npm/ms@2.1.3",
               "licenses": [{"license": {"id": "\(second)"}}]}]}
            """
        }
        let same = loader.load(paths: [try write(bom("MIT"), "same.cdx.json")])
        #expect(same.errors.isEmpty && same.diagnostics.isEmpty, "\(same.diagnostics)")
        #expect(same.inventory.assets.map(\.id) == ["pkg:npm/ms@2.1.3"])
        #expect(same.inventory.sboms.first?.componentIDs == ["pkg:npm/ms@2.1.3"])
        let differing = loader.load(paths: [try write(bom("GPL-3.0-only"), "differing.cdx.json")])
        #expect(differing.errors.isEmpty, "\(differing.errors)")
        #expect(differing.inventory.assets.map(\.licence) == ["MIT AND GPL-3.0-only"])
        #expect(
            differing.diagnostics.count == 1 && differing.diagnostics[0].level == .warning
                && differing.diagnostics[0].message.contains("listed again with licence GPL-3.0-only"),
            "\(differing.diagnostics)")
        let spdx = loader.load(paths: [
            try write(
                """
                {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "d",
                 "documentNamespace": "https://example.test/d", "creationInfo": {"created": "2026-01-01T00:00:00Z",
                 "creators": ["Tool: t"]}, "packages": [
                  {"SPDXID": "SPDXRef-a", "name": "ms", "versionInfo": "2.1.3", "downloadLocation": "NOASSERTION",
                   "licenseConcluded": "MIT"},
                  {"SPDXID": "SPDXRef-b", "name": "ms", "versionInfo": "2.1.3", "downloadLocation": "NOASSERTION",
                   "licenseConcluded": "MIT"}]}
                """, "dup.spdx.json")
        ])
        #expect(spdx.errors.isEmpty, "\(spdx.errors)")
        #expect(spdx.inventory.assets.map(\.id) == ["ms@2.1.3"])
    }

    /// Every repeat is compared with the first copy, not with the licence merged so far: a third
    /// copy reads like the second (the first copy's licence and line, its own position, the
    /// licence the component ends up under), and a copy under the first copy's licence is silent.
    @Test func aThirdCopyReadsLikeTheSecond() throws {
        let copies = ["MIT", "ISC", "ISC", "MIT"].enumerated().map { index, licence in
            """
              {"bom-ref": "\(index)", "type": "library", "name": "ms", "version": "1", "purl": "pkg:npm/ms@1",
               "licenses": [{"license": {"id": "\(licence)"}}]}
            """
        }
        let text = """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [
            \(copies.joined(separator: ",\n"))]}
            """
        let outcome = loader.load(paths: [try write(text, "copies.cdx.json")])
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.inventory.assets.map(\.licence) == ["MIT AND ISC"])
        let warnings = outcome.diagnostics.map { "\($0.location.line):\($0.location.pointer): \($0.message)" }
        let words =
            "component 'pkg:npm/ms@1' is listed again with licence ISC, after MIT at line 3; "
            + "it is read once, under MIT AND ISC"
        #expect(warnings == ["5:/components/1: " + words, "7:/components/2: " + words], "\(warnings)")
    }

    /// `scope: excluded` components (CycloneDX: not reachable at runtime) are not shipped code:
    /// neither they nor their nested components become assets, in JSON or in XML.
    @Test func excludedComponentsAreNotRead() throws {
        let json = try write(
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": [
              {"type": "library", "name": "helper", "version": "1", "scope": "excluded",
               "licenses": [{"license": {"id": "GPL-3.0-only"}}],
               "components": [{"type": "library", "name": "nested", "version": "1"}]},
              {"type": "library", "name": "kept", "version": "1", "scope": "required"}]}
            """, "scope.cdx.json")
        let xml = try write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"><components>
              <component type="library"><name>helper</name><version>1</version><scope>excluded</scope></component>
              <component type="library"><name>kept</name><version>1</version><scope>optional</scope></component>
            </components></bom>
            """, "scope.cdx.xml")
        for path in [json, xml] {
            let outcome = loader.load(paths: [path])
            #expect(outcome.errors.isEmpty, "\(outcome.errors)")
            #expect(outcome.inventory.assets.map(\.id) == ["kept@1"], "\(path)")
            #expect(outcome.inventory.sboms.first?.componentIDs == ["kept@1"])
        }
    }

    @Test func cycloneDXLicenceShapes() throws {
        let path = try write(
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": [
              {"type": "library", "name": "both", "version": "1",
               "licenses": [{"license": {"id": "MIT"}}, {"license": {"name": "Acme EULA v2"}}]},
              {"type": "framework", "name": "expr", "version": "1", "licenses": [{"expression": "MIT OR ISC"}]},
              {"type": "library", "name": "concluded", "version": "1",
               "licenses": [{"license": {"id": "GPL-2.0-only", "acknowledgement": "declared"}},
                            {"license": {"id": "MIT", "acknowledgement": "concluded"}}]},
              {"type": "library", "name": "outer", "version": "1",
               "components": [{"type": "library", "name": "inner", "version": "2"}]}
            ]}
            """, "shapes.cdx.json")
        let outcome = loader.load(paths: [path])
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        let byID = Dictionary(uniqueKeysWithValues: outcome.inventory.assets.map { ($0.id, $0) })
        // A licence named by free text is an unknown id, not a LicenseRef- (vendor terms on file).
        #expect(byID["both@1"]?.licence == "MIT AND Acme-EULA-v2")
        #expect(byID["expr@1"]?.licence == "MIT OR ISC" && byID["expr@1"]?.kind == .sdk)
        #expect(byID["concluded@1"]?.licence == "MIT")
        #expect(byID["inner@2"]?.origin.pointer == "/components/3/components/0")
        #expect(outcome.inventory.sboms.first?.componentsWithoutLicence == 2)
    }

    @Test func spdxDocument() throws {
        let path = try write(
            """
            {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "site",
             "creationInfo": {"created": "2026-09-01T10:00:00Z", "creators": ["Tool: example"]},
             "documentDescribes": ["SPDXRef-site"],
             "packages": [
               {"SPDXID": "SPDXRef-site", "name": "www.example.com", "downloadLocation": "NOASSERTION"},
               {"SPDXID": "SPDXRef-a", "name": "alpha", "versionInfo": "1.0", "supplier": "Organization: Alpha Ltd",
                "downloadLocation": "https://example.com/alpha-1.0.tgz",
                "licenseConcluded": "NOASSERTION", "licenseDeclared": "GPL-2.0-or-later",
                "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                                  "referenceLocator": "pkg:npm/alpha@1.0"}]},
               {"SPDXID": "SPDXRef-b", "name": "beta", "versionInfo": "2", "downloadLocation": "NONE",
                "licenseConcluded": "LicenseRef-beta OR MIT"}
             ],
             "hasExtractedLicensingInfos": [{"licenseId": "LicenseRef-beta", "extractedText": "..."}]}
            """, "site.spdx.json")
        let outcome = loader.load(paths: [path])
        #expect(outcome.errors.isEmpty && outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        let assets = outcome.inventory.assets
        #expect(assets.map(\.id) == ["pkg:npm/alpha@1.0", "beta@2"])
        #expect(assets[0].licence == "GPL-2.0-or-later" && assets[0].vendor == "Alpha Ltd")
        #expect(assets[0].sourceOfferURL == "https://example.com/alpha-1.0.tgz" && assets[1].sourceOfferURL == nil)
        #expect(outcome.inventory.sboms.first?.subject == "www.example.com")
        #expect(outcome.inventory.sboms.first?.created == Day(iso: "2026-09-01"))
    }

    /// An SPDX tag-value SBOM is not read: one error at its `SPDXVersion` line saying to export
    /// JSON, whether it is named by a web property's `sbom.path` or on the command line, and
    /// whatever its name; not YAML syntax errors or unknown declaration keys.
    @Test func spdxTagValueIsOneClearError() throws {
        let tagValue = [
            "# SBOM of the shop front end", "", "SPDXVersion: SPDX-2.3", "DataLicense: CC0-1.0",
            "SPDXID: SPDXRef-DOCUMENT", "DocumentName: shop", "Creator: Tool: syft-1.0", "",
            "PackageName: lodash", "PackageLicenseConcluded: MIT",
        ]
        let sbom = try write(tagValue.joined(separator: "\r\n"), "shop.spdx")
        let directory = (sbom as NSString).deletingLastPathComponent
        let stack = (directory as NSString).appendingPathComponent("stack.yaml")
        try Data(
            """
            version: 1
            web_properties:
              - id: shop
                domain: shop.example
                sbom: {path: shop.spdx}
            """.utf8
        ).write(to: URL(fileURLWithPath: stack))
        let expected = "\(sbom):3:1: error: SPDX tag-value is not read: Tollgate reads SPDX 2.3 as JSON"
        for paths in [[stack], [stack, sbom], [sbom]] {
            let errors = loader.load(paths: paths).errors
            #expect(errors.count == 1, "\(paths): \(errors)")
            #expect(errors.first?.description.hasPrefix(expected) == true, "\(errors)")
            #expect(errors.first?.description.contains("SPDX JSON") == true)
        }
        // Named as YAML, it is still recognised.
        let named = try write(tagValue.joined(separator: "\n"), "sbom.yaml")
        #expect(
            loader.load(paths: [named]).errors.map(\.message) == [
                "SPDX tag-value is not read: Tollgate reads SPDX 2.3 as JSON"
            ])
        // Declarations that merely start with `key: value` lines are declarations.
        let declarations = try write("version: 1\norganization:\n  name: Shop\n", "org.yaml")
        #expect(loader.load(paths: [declarations]).errors.isEmpty)
    }

    /// Where the tag-value check finds `SPDXVersion` (it reads a line at a time and stops at the
    /// first line that is not a tag): after a byte-order mark, blank lines of spaces and tabs,
    /// comments and any line ending; not after an indented or hyphenated tag, nor in a file whose
    /// first line is JSON.
    @Test func spdxTagValueLineIsFoundLineByLine() throws {
        let message = "SPDX tag-value is not read: Tollgate reads SPDX 2.3 as JSON"
        func tagValueLine(_ text: String) throws -> Int? {
            let errors = loader.load(paths: [try write(text, "sbom.spdx")]).errors
            return errors.first { $0.message == message }?.location.line
        }
        #expect(try tagValueLine("\u{FEFF} \t\r\n# made by hand\rDocumentName: x\r\nSPDXVersion: SPDX-2.3\n") == 4)
        #expect(try tagValueLine("SPDXVersion: SPDX-2.3") == 1)
        #expect(try tagValueLine("A1: x\n\n\nSPDXVersion: SPDX-2.3\nPackageName: y") == 4)
        #expect(try tagValueLine("  DocumentName: x\nSPDXVersion: SPDX-2.3\n") == nil)
        #expect(try tagValueLine("Document-Name: x\nSPDXVersion: SPDX-2.3\n") == nil)
        #expect(try tagValueLine(":x\nSPDXVersion: SPDX-2.3\n") == nil)
        #expect(try tagValueLine("{\"spdxVersion\": \"SPDX-2.3\"}\nSPDXVersion: SPDX-2.3\n") == nil)
    }

    // MARK: - Hostile XML

    static let secret = "TOLLGATE-SECRET-\(UUID().uuidString)"

    func secretFile() throws -> String {
        try write(Self.secret + "\n", "secret.txt")
    }

    @Test func xxeIsRefusedAndNothingIsRead() throws {
        let secret = try secretFile()
        let payloads = [
            // Classic external entity.
            """
            <?xml version="1.0"?>
            <!DOCTYPE bom [<!ENTITY x SYSTEM "file://\(secret)">]>
            <bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library">
            <name>&x;</name></component></components></bom>
            """,
            // External parameter entity, after a comment, with a BOM.
            "\u{FEFF}<?xml version=\"1.0\"?><!-- harmless --><!DOCTYPE bom [<!ENTITY % p SYSTEM \"file://\(secret)\"> %p;]>"
                + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>",
            // External DTD.
            "<!DOCTYPE bom SYSTEM \"file://\(secret)\"><bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>",
        ]
        for payload in payloads {
            let path = try write(payload, "xxe.cdx.xml")
            let outcome = loader.load(paths: [path])
            #expect(outcome.errors.count == 1)
            #expect(outcome.errors.first?.message.contains("DTD") == true, "\(outcome.errors)")
            #expect(!outcome.diagnostics.map(\.description).joined().contains(Self.secret))
            #expect(outcome.inventory.assets.isEmpty)
        }
    }

    @Test(.timeLimit(.minutes(1))) func entityBombsAreRefusedQuickly() throws {
        var declarations = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE bom [\(declarations)]>
            <bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library">
            <name>&lol9;</name></component></components></bom>
            """
        let problems = errors(try write(bomb, "bomb.cdx.xml"))
        #expect(problems.count == 1 && problems[0].message.contains("DTD"))
        // Without a DTD, an entity reference is undeclared: not well-formed, and nothing expanded.
        let undeclared = errors(
            try write(
                "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component><name>&lol9;</name>"
                    + "</component></components></bom>", "undeclared.cdx.xml"))
        #expect(undeclared.count == 1 && undeclared[0].message.hasPrefix("not well-formed XML"))
    }

    @Test func malformedAndDeepXMLGiveLocatedErrors() throws {
        let broken = errors(
            try write("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n<components>\n<component>\n</bom>", "b.xml")
        )
        #expect(broken.count == 1 && broken[0].location.line >= 3, "\(broken)")
        let deep = String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200)
        let tooDeep = errors(try write(deep, "deep.xml"))
        #expect(tooDeep.first?.message.contains("nested deeper") == true)
        let junit = try write("<testsuites/>", "junit.xml")
        #expect(errors(junit).first?.message.contains("not a format Tollgate reads") == true)
        // Found in a directory, only CycloneDX's own names are read: a report there is left alone.
        #expect(InventoryLoader.readsFromDirectory("site.cdx.xml") && InventoryLoader.readsFromDirectory("bom.xml"))
        #expect(!InventoryLoader.readsFromDirectory("junit.xml"))
        let utf16 = errors(try write("\u{FEFF}<bom/>", "utf16.xml").replacingUTF16())
        #expect(utf16.first?.message == "XML file is not UTF-8")
    }

    /// XML locations had column 1 always (libxml2 keeps no column for a node), so in a minified
    /// SBOM every error and finding was `:1:1`. Syntax errors now take libxml2's error column;
    /// elements the column (and line) of their start tag's `<`, past comments, CDATA, processing
    /// instructions, a byte-order mark, CR LF breaks, a start tag over two lines and non-ASCII text.
    @Test func xmlLocationsHaveRealColumns() throws {
        let mismatch = errors(
            try write(
                "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component><name>a</name>"
                    + "<licenses><license><id>MIT</license></licenses></component></components></bom>", "col.cdx.xml"))
        #expect(mismatch.map(\.location.line) == [1])
        #expect(mismatch.map(\.location.column) == [123], "\(mismatch)")
        #expect(mismatch.first?.message.contains("Opening and ending tag mismatch") == true)

        let text =
            "\u{FEFF}<?xml version=\"1.0\"?><!-- <no> --><bom\r\n  xmlns=\"http://cyclonedx.org/schema/bom/1.6\">"
            + "<metadata><x><![CDATA[ <no> ]]></x><?pi <no>?></metadata>\r\n  <components>é<component\n"
            + "type=\"library\"><name>a</name><version>1</version><licenses><license><id>MIT</id></license>"
            + "</licenses></component></components></bom>"
        let root = try SafeXMLReader().read(data: Data(text.utf8), displayPath: "t.xml").get()
        func position(_ element: XMLElementNode) -> String { "\(element.name) \(element.line):\(element.column)" }
        let metadata = try #require(root.child("metadata"))
        let component = try #require(root.child("components")?.child("component"))
        #expect(
            [root, metadata, try #require(metadata.child("x")), try #require(root.child("components")), component]
                .map(position) == ["bom 1:35", "metadata 2:47", "x 2:57", "components 3:3", "component 3:16"])
        #expect(component.children.map(position) == ["name 4:16", "version 4:30", "licenses 4:50"])

        // A finding's location in a minified SBOM: the licence element's column.
        let path = try write(text, "t.cdx.xml")
        let asset = try #require(loader.load(paths: [path]).inventory.assets.first)
        let licence = asset.origin.location("licence")
        #expect((licence.line, licence.column) == (4, 60), "\(licence)")
    }

    // MARK: - Size

    /// One million components: realistic files are over the size limit and refused before any
    /// parsing; a dense XML file under a raised limit streams into a clear component-count error.
    @Test(.timeLimit(.minutes(1))) func aMillionComponentsGiveAClearError() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let count = 1_000_000
        let json = directory.appendingPathComponent("big.cdx.json")
        try #require(FileManager.default.createFile(atPath: json.path, contents: nil))
        let handle = try FileHandle(forWritingTo: json)
        handle.write(Data(#"{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":["#.utf8))
        var chunk = ""
        for index in 0..<count {
            chunk +=
                (index == 0 ? "" : ",")
                + #"{"type":"library","name":"c\#(index)","version":"1.0.0","purl":"pkg:npm/c\#(index)@1.0.0","#
                + #""licenses":[{"license":{"id":"MIT"}}]}"#
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data((chunk + "]}").utf8))
        try handle.close()
        let jsonErrors = errors(json.path)
        #expect(jsonErrors.count == 1 && jsonErrors[0].message.contains("over the 32 MiB limit"), "\(jsonErrors)")

        let xml = directory.appendingPathComponent("big.cdx.xml")
        try #require(FileManager.default.createFile(atPath: xml.path, contents: nil))
        let xmlHandle = try FileHandle(forWritingTo: xml)
        xmlHandle.write(Data(#"<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components>"#.utf8))
        chunk = ""
        for index in 0..<count {
            chunk += "<component><name>c\(index)</name></component>"
            if chunk.utf8.count > 1 << 20 {
                xmlHandle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        xmlHandle.write(Data((chunk + "</components></bom>").utf8))
        try xmlHandle.close()
        #expect(errors(xml.path).first?.message.contains("over the 32 MiB limit") == true)
        var raised = LoadLimits.default
        raised.maxFileBytes = 64 << 20
        let streamed = errors(xml.path, limits: raised)
        #expect(streamed.count == 1 && streamed[0].message == "SBOM lists more than 100000 components", "\(streamed)")
    }

    @Test func componentLimitAppliesToEveryFormat() throws {
        var limits = LoadLimits.default
        limits.maxSBOMComponents = 2
        let components = (0..<3).map { #"{"type":"library","name":"c\#($0)","version":"1"}"# }.joined(separator: ",")
        let cdx = try write(
            #"{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[\#(components)]}"#, "c.cdx.json")
        #expect(errors(cdx, limits: limits).first?.message == "SBOM lists more than 2 components")
        let packages = (0..<3).map { #"{"SPDXID":"SPDXRef-\#($0)","name":"p\#($0)"}"# }.joined(separator: ",")
        let spdx = try write(
            #"{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","packages":[\#(packages)]}"#, "s.spdx.json")
        #expect(errors(spdx, limits: limits).first?.message == "SBOM lists more than 2 components")
        var elements = LoadLimits.default
        elements.maxXMLElements = 10
        let xml = try write(
            "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">" + String(repeating: "<x/>", count: 20) + "</bom>",
            "e.xml")
        #expect(errors(xml, limits: elements).first?.message == "more than 10 XML elements")
    }
}

extension String {
    /// Rewrites the file at this path as UTF-16 (for the encoding check); returns the path.
    fileprivate func replacingUTF16() -> String {
        if let text = try? String(contentsOfFile: self, encoding: .utf8),
            let data = text.replacingOccurrences(of: "\u{FEFF}", with: "").data(using: .utf16)
        {
            try? data.write(to: URL(fileURLWithPath: self))
        }
        return self
    }
}
