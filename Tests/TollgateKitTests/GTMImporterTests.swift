import Foundation
import Testing
import TollgateKit

/// GTM container exports of different eras, read through the real loader.
@Suite("GTM container importer")
struct GTMImporterTests {
    static let directory = TestSupport.packageRoot.appendingPathComponent("fixtures/importers/gtm")

    static func load(_ name: String) -> InventoryLoader.Outcome {
        InventoryLoader(importers: BuiltInImporters.all()).load(paths: [directory.appendingPathComponent(name).path])
    }

    static func container(_ name: String) throws -> TagManagerContainer {
        let outcome = load(name)
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        return try #require(outcome.inventory.tagManagerContainers.first)
    }

    @Test func universalAnalyticsExportWithoutConsentFields() throws {
        let container = try Self.container("ua-2019-no-consent.json")
        #expect(container.publicID == "GTM-UALEG01")
        #expect(container.exportFormatVersion == 2)
        #expect(container.tags.count == 6 && container.triggers.count == 2 && container.variables.count == 4)
        let pageview = try #require(container.tags.first { $0.name == "UA - Pageview" })
        #expect(pageview.consent.status == .notSet && pageview.consent.types.isEmpty)
        #expect(pageview.firingTriggers.map(\.id) == ["2147479553"])
        #expect(pageview.classification.vendors.map(\.key) == ["google-analytics"])
        #expect(pageview.classification.kind == .builtIn)
        let pixel = try #require(container.tags.first { $0.type == "html" })
        #expect(pixel.classification.hosts == ["connect.facebook.net", "www.facebook.com"])
        #expect(pixel.classification.vendors.map(\.key) == ["meta"])
        #expect(container.tags.first { $0.type == "hjtc" }?.paused == true)
        let image = try #require(container.tags.first { $0.type == "img" })
        #expect(image.classification.hosts == ["track.affiliate-network.test"])
        #expect(image.classification.vendors.isEmpty && !image.classification.dataCategories.isEmpty)
        // Locations point into the export.
        #expect(pixel.origin.location.pointer == "/containerVersion/tag/2")
        #expect(pixel.origin.location.line > 1)
        let trigger = try #require(container.triggers.first { $0.id == "10" })
        #expect(trigger.type == "customevent" && trigger.conditions.first?.right == "newsletter_signup")
    }

    @Test func ga4ExportWithConsentSettings() throws {
        let container = try Self.container("ga4-2024-consent-settings.json")
        let byName = Dictionary(uniqueKeysWithValues: container.tags.map { ($0.name, $0) })
        #expect(byName["GA4 - purchase"]?.consent.status == .needed)
        #expect(byName["GA4 - purchase"]?.consent.types == ["analytics_storage"])
        #expect(byName["Google Ads - purchase conversion"]?.consent.types == ["ad_storage", "ad_user_data"])
        #expect(byName["LinkedIn Insight"]?.consent.status == .notNeeded)
        #expect(byName["Google tag - G-EXAMPLE01"]?.classification.vendors.map(\.key) == ["google-analytics"])
        #expect(byName["Floodlight - sales"]?.blockingTriggers.map(\.id) == ["13"])
        #expect(byName["Floodlight - sales"]?.classification.vendors.first?.isGoogle == true)
        let cmp = try #require(byName["Consent Mode - defaults"])
        #expect(cmp.classification.kind == .communityTemplate)
        #expect(cmp.classification.vendors.first?.isEssential == true)
        #expect(container.templates.first?.galleryOwner == "example-gtm-templates")
    }

    @Test func apiExportWithLowerCaseValues() throws {
        let container = try Self.container("api-2025-lowercase.json")
        let byName = Dictionary(uniqueKeysWithValues: container.tags.map { ($0.name, $0) })
        #expect(byName["GA4 config"]?.consent.status == .needed)
        #expect(byName["Microsoft UET"]?.consent.status == .notSet)
        #expect(byName["Pinterest tag"]?.consent.status == .notNeeded)
        #expect(byName["GA4 config"]?.parameters.named("sendPageView")?.type == "boolean")
        #expect(container.triggers.first?.type == "customevent")
        #expect(container.triggers.first?.conditions.first?.type == "equals")
        // The link is not a load; the script is.
        #expect(byName["Chat widget loader"]?.classification.hosts == ["widget.chat-vendor.test"])
    }

    @Test func communityTemplatesAndUnknownTypes() throws {
        let container = try Self.container("community-templates-2025.json")
        let byName = Dictionary(uniqueKeysWithValues: container.tags.map { ($0.name, $0) })
        #expect(byName["Meta Pixel"]?.classification.vendors.map(\.key) == ["meta"])
        // The TikTok tag is in the gallery form, `cvt_<galleryTemplateId>`.
        #expect(byName["TikTok Pixel"]?.classification.vendors.map(\.key) == ["tiktok"])
        #expect(byName["Cookiebot CMP"]?.classification.vendors.map(\.key) == ["cookiebot"])
        let acme = try #require(byName["Acme heatmap"])
        #expect(acme.classification.kind == .communityTemplate && !acme.classification.isRecognised)
        let legacy = try #require(byName["Legacy vendor tag"])
        #expect(legacy.classification.kind == .unknown && !legacy.classification.isRecognised)
        #expect(legacy.classification.typeName.contains("zzz_legacy_vendor"))
        #expect(container.triggers.first?.groupedTriggers.map(\.id) == ["2147479553", "21"])
        #expect(byName["Purchase event - broken trigger"]?.setupTags.map(\.id) == ["Removed setup tag"])
    }

    /// Tags made from a Community Template Gallery template are typed `cvt_<galleryTemplateId>`
    /// in real exports, beside the `cvt_<container>_<template>` form.
    @Test func galleryTemplateTagsAreMatchedByGalleryTemplateID() throws {
        let json = """
            {"exportFormatVersion": 2, "containerVersion": {"containerId": "200000001",
             "container": {"publicId": "GTM-GALLRY1"},
             "tag": [{"tagId": "7", "name": "Meta Pixel", "type": "cvt_WPXLB", "firingTriggerId": ["2147479553"],
                      "consentSettings": {"consentStatus": "NOT_SET"}}],
             "customTemplate": [{"templateId": "5", "name": "Facebook Pixel",
                                 "galleryReference": {"host": "github.com", "owner": "facebookarchive",
                                   "repository": "GoogleTagManager-WebTemplate-For-FacebookPixel",
                                   "galleryTemplateId": "WPXLB"}}]}}
            """
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(text: json, name: "gallery.json")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let container = try #require(outcome.inventory.tagManagerContainers.first)
        #expect(container.templates.map(\.galleryTemplateID) == ["WPXLB"])
        let pixel = try #require(container.tags.first)
        #expect(pixel.classification.kind == .communityTemplate && pixel.classification.isRecognised)
        #expect(pixel.classification.vendors.map(\.key) == ["meta"])
        #expect(pixel.classification.typeName == "community template 'Facebook Pixel' (cvt_WPXLB)")
    }

    @Test func bareAPIContainerVersionIsRecognised() throws {
        let json = """
            {"containerVersionId": "4", "container": {"publicId": "GTM-BARE001"},
             "tag": [{"tagId": "1", "name": "GA4", "type": "gaawe", "firingTriggerId": ["2147479553"],
                      "consentSettings": {"consentStatus": "notSet"}}]}
            """
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(text: json, name: "version.json")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        #expect(outcome.inventory.tagManagerContainers.first?.publicID == "GTM-BARE001")
        #expect(outcome.inventory.tagManagerContainers.first?.exportFormatVersion == nil)
    }

    @Test func truncatedExportIsAnErrorWithALocation() throws {
        let text = try String(
            contentsOf: Self.directory.appendingPathComponent("ga4-2024-consent-settings.json"), encoding: .utf8)
        let truncated = String(text.prefix(text.count / 2))
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(text: truncated, name: "gtm.json")
        let error = try #require(outcome.errors.first)
        #expect(error.location.file == "gtm.json" && error.location.line > 1)
        #expect(outcome.inventory.tagManagerContainers.isEmpty)
    }

    @Test func malformedElementsAreErrorsAtTheirLocation() throws {
        let json = """
            {
              "exportFormatVersion": 2,
              "containerVersion": {
                "container": {"publicId": "GTM-BAD0001"},
                "tag": [
                  {"tagId": "1", "name": "No type"},
                  {"tagId": "2", "name": "Bad consent", "type": "gaawe",
                   "consentSettings": {"consentStatus": "MAYBE"}},
                  "not a tag",
                  {"tagId": "3", "name": "Bad triggers", "type": "html", "firingTriggerId": "2147479553"}
                ],
                "trigger": {"triggerId": "1"}
              }
            }
            """
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(text: json, name: "gtm.json")
        let messages = outcome.errors.map { "\($0.location.line):\($0.message)" }
        #expect(messages.contains("6:tag has no 'type'"), "\(messages)")
        #expect(messages.contains("8:unknown consentStatus 'MAYBE'"), "\(messages)")
        #expect(messages.contains("9:expected a tag object, found a string"), "\(messages)")
        #expect(messages.contains("10:expected a list for 'firingTriggerId', found a string"), "\(messages)")
        #expect(messages.contains("12:expected a list for 'trigger', found a mapping"), "\(messages)")
        #expect(outcome.errors.allSatisfy { $0.location.pointer.hasPrefix("/containerVersion") })
    }

    /// A real export keeps a vendor's host in a constant variable (`type: "c"`, parameter key
    /// `value`) and refers to it as `{{Name}}` in a custom HTML tag's script `src` or an image
    /// tag's `url`; constants may refer to constants.
    static let constantsExport = """
        {
            "exportFormatVersion": 2,
            "exportTime": "2025-03-04 10:11:12",
            "containerVersion": {
                "path": "accounts/1000009/containers/2000009/versions/0",
                "accountId": "1000009",
                "containerId": "2000009",
                "containerVersionId": "0",
                "container": {"path": "accounts/1000009/containers/2000009", "accountId": "1000009",
                    "containerId": "2000009", "name": "shop.example", "publicId": "GTM-CONST01",
                    "usageContext": ["WEB"], "fingerprint": "1741083072000"},
                "tag": [
                    {"accountId": "1000009", "containerId": "2000009", "tagId": "1", "name": "Chat loader",
                     "type": "html",
                     "parameter": [
                        {"type": "TEMPLATE", "key": "html",
                         "value": "<script src=\\"https://{{Chat Host}}/loader.js\\" async></script>"},
                        {"type": "BOOLEAN", "key": "supportDocumentWrite", "value": "false"}],
                     "fingerprint": "1741083072001", "firingTriggerId": ["2147479553"],
                     "tagFiringOption": "ONCE_PER_EVENT", "consentSettings": {"consentStatus": "NOT_SET"}},
                    {"accountId": "1000009", "containerId": "2000009", "tagId": "2", "name": "Affiliate pixel",
                     "type": "img",
                     "parameter": [
                        {"type": "TEMPLATE", "key": "url", "value": "{{Pixel Base}}/p.gif?order={{DL - order id}}"},
                        {"type": "BOOLEAN", "key": "useCacheBuster", "value": "true"}],
                     "fingerprint": "1741083072002", "firingTriggerId": ["2147479553"],
                     "consentSettings": {"consentStatus": "NOT_SET"}},
                    {"accountId": "1000009", "containerId": "2000009", "tagId": "3", "name": "Runtime host",
                     "type": "html",
                     "parameter": [{"type": "TEMPLATE", "key": "html",
                                    "value": "<script src=\\"https://{{DL - cdn}}/x.js\\"></script>"}],
                     "fingerprint": "1741083072003", "firingTriggerId": ["2147479553"]}
                ],
                "variable": [
                    {"accountId": "1000009", "containerId": "2000009", "variableId": "10", "name": "Chat Host",
                     "type": "c", "parameter": [{"type": "TEMPLATE", "key": "value", "value": "cdn.chat-vendor.test"}],
                     "fingerprint": "1741083072010"},
                    {"accountId": "1000009", "containerId": "2000009", "variableId": "11", "name": "Pixel Base",
                     "type": "c", "parameter": [{"type": "TEMPLATE", "key": "value", "value": "https://{{Pixel Host}}"}],
                     "fingerprint": "1741083072011"},
                    {"accountId": "1000009", "containerId": "2000009", "variableId": "12", "name": "Pixel Host",
                     "type": "c", "parameter": [{"type": "TEMPLATE", "key": "value", "value": "px.affiliate-network.test"}],
                     "fingerprint": "1741083072012"},
                    {"accountId": "1000009", "containerId": "2000009", "variableId": "13", "name": "DL - cdn",
                     "type": "v", "parameter": [{"type": "INTEGER", "key": "dataLayerVersion", "value": "2"},
                        {"type": "TEMPLATE", "key": "name", "value": "cdnHost"}],
                     "fingerprint": "1741083072013"}
                ]
            }
        }
        """

    @Test func constantVariablesAreResolvedInScriptSourcesAndPixelURLs() throws {
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(
            text: Self.constantsExport, name: "constants.json")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let container = try #require(outcome.inventory.tagManagerContainers.first)
        let byName = Dictionary(uniqueKeysWithValues: container.tags.map { ($0.name, $0) })
        #expect(byName["Chat loader"]?.classification.hosts == ["cdn.chat-vendor.test"])
        // A constant holding a constant; the data-layer reference in the query stays as written.
        #expect(byName["Affiliate pixel"]?.classification.hosts == ["px.affiliate-network.test"])
        #expect(byName["Affiliate pixel"]?.classification.dataCategories.isEmpty == false)
        // A data-layer variable is only known in the browser: nothing is found, as before.
        #expect(byName["Runtime host"]?.classification.hosts == [])
        // The tag keeps its parameters as written.
        #expect(byName["Chat loader"]?.parameters.named("html")?.value?.contains("{{Chat Host}}") == true)
    }

    static func constant(_ name: String, _ value: String) -> TagManagerVariable {
        TagManagerVariable(
            id: name, name: name, type: "c",
            parameters: [
                TagManagerParameter(
                    key: "value", type: "template", value: value,
                    location: SourceLocation(file: "gtm.json", line: 1, column: 1))
            ], origin: .synthetic("gtm.json"))
    }

    /// A hostile container: a reference cycle, and constants that double at each level, end
    /// within the limits and leave the rest as written.
    @Test func constantExpansionIsBounded() {
        let constant = Self.constant
        // A constant in a cycle is never expanded.
        var cycle = TagManagerConstants(variables: [constant("A", "x{{B}}"), constant("B", "y{{A}}")])
        #expect(cycle.resolve("{{A}}") == "{{A}}")
        #expect(cycle.resolve("{{B}}") == "{{B}}")
        // A chain of `maximumDepth` constants is followed; one more level is not.
        let depth = TagManagerConstants.maximumDepth
        let chain = (0..<depth).map { constant("c\($0)", "\($0){{c\($0 + 1)}}") } + [constant("c\(depth)", "end")]
        var deep = TagManagerConstants(variables: chain)
        #expect(deep.resolve("{{c1}}") == (1..<depth).map(String.init).joined() + "end")
        #expect(deep.resolve("{{c0}}") == "{{c0}}")
        // 26 levels of doubling would be 2^26 copies; the expansion stays within its budget.
        let letters = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        var doubling = TagManagerConstants(
            variables: zip(letters, letters.dropFirst()).map { constant($0, "{{\($1)}}{{\($1)}}") }
                + [constant("z", String(repeating: "w", count: 1000))])
        let bomb = doubling.resolve("https://{{a}}")
        #expect(bomb.utf8.count <= TagManagerConstants.maximumGrowth + 100)
        #expect(bomb.hasPrefix("https://{{"))
        // Constants that expand to nothing still cost one reference each.
        var empty = TagManagerConstants(
            variables: zip(letters, letters.dropFirst()).map { constant($0, String(repeating: "{{\($1)}}", count: 50)) }
                + [constant("z", "")])
        #expect(empty.resolve("{{a}}").contains("{{"))
        var host = TagManagerConstants(variables: [constant("Host", "cdn.test")])
        #expect(host.resolve("//{{Host}}/{{Page URL}}") == "//cdn.test/{{Page URL}}")
    }

    /// The budget is the container's, not each text's: thousands of texts referring to one large
    /// constant add no more than `maximumGrowth` characters between them, and once it is spent
    /// every later reference stays as written.
    @Test func constantBudgetIsSharedByTheWholeContainer() {
        var constants = TagManagerConstants(variables: [
            Self.constant("C0", String(repeating: "w", count: 2000)),
            Self.constant("C1", String(repeating: "{{C0}}", count: 60)),
            Self.constant("Host", "cdn.test"),
        ])
        let texts = 2000
        var total = 0
        for _ in 0..<texts { total += constants.resolve("{{C1}}").utf8.count }
        #expect(total <= texts * "{{C1}}".utf8.count + TagManagerConstants.maximumGrowth)
        #expect(constants.isExhausted)
        #expect(constants.resolve("//{{Host}}/") == "//{{Host}}/")
    }

    /// An export with `variables`, `tags` and `triggers` (JSON objects, comma-separated), loaded.
    static func loadContainer(
        variables: [String], tags: [String] = [], triggers: [String]
    ) throws -> (
        TagManagerContainer, [Diagnostic]
    ) {
        let json = """
            {"exportFormatVersion": 2, "containerVersion": {"containerId": "1",
             "variable": [\(variables.joined(separator: ",\n"))],
             "trigger": [\(triggers.joined(separator: ",\n"))],
             "tag": [\(tags.joined(separator: ",\n"))]}}
            """
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(text: json, name: "triggers.json")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        return (try #require(outcome.inventory.tagManagerContainers.first), outcome.diagnostics)
    }

    static func constantJSON(_ id: String, _ name: String, _ value: String) -> String {
        #"{"variableId": "\#(id)", "name": "\#(name)", "type": "c", "parameter": [{"type": "TEMPLATE", "key": "value", "value": "\#(value)"}]}"#
    }

    /// A trigger filtering on `{{Page Hostname}} equals {{Shop Host}}`.
    static let hostTrigger =
        #"{"triggerId": "5", "name": "Shop pages", "type": "PAGEVIEW", "filter": [{"type": "EQUALS", "parameter": [{"type": "TEMPLATE", "key": "arg0", "value": "{{Page Hostname}}"}, {"type": "TEMPLATE", "key": "arg1", "value": "{{Shop Host}}"}]}]}"#

    /// A trigger condition compares with a constant's value: it is resolved on import (PRIV-101
    /// reads it), while the condition keeps its arguments as written and a built-in variable
    /// stays a reference.
    @Test func constantsAreResolvedInTriggerConditions() throws {
        let (container, _) = try Self.loadContainer(
            variables: [Self.constantJSON("1", "Shop Host", "shop.example")], triggers: [Self.hostTrigger])
        let condition = try #require(container.triggers.first?.conditions.first)
        #expect(condition.right == "{{Shop Host}}")
        #expect(condition.resolvedRight == "shop.example")
        #expect(condition.resolvedLeft == "{{Page Hostname}}")
    }

    /// Trigger conditions draw on the same container-wide budget as the tags, after them: once
    /// the tags have spent it, a condition's reference stays as written, and the one warning
    /// covers both.
    @Test func triggerConditionsShareTheContainerBudget() throws {
        let tags = (0..<3).map { index in
            #"{"tagId": "\#(index)", "name": "Tag \#(index)", "type": "img", "parameter": [{"type": "TEMPLATE", "key": "url", "value": "https://{{C1}}.test/p.gif"}]}"#
        }
        let (container, diagnostics) = try Self.loadContainer(
            variables: [
                Self.constantJSON("1", "C0", String(repeating: "w", count: 2000)),
                Self.constantJSON("2", "C1", String(repeating: "{{C0}}", count: 60)),
                Self.constantJSON("3", "Shop Host", "shop.example"),
            ], tags: tags, triggers: [Self.hostTrigger])
        #expect(container.tags.first?.resolvedParameters.named("url")?.value?.contains("{{") == false)
        #expect(container.triggers.first?.conditions.first?.resolvedRight == "{{Shop Host}}")
        #expect(diagnostics.filter { $0.level == .warning }.count == 1)
    }

    /// A hostile export: many custom HTML tags, each referring to a constant that doubles at
    /// each level. The import finishes, the tags' expanded markup stays within the container's
    /// budget, and one warning names the file.
    @Test func manyTagsReferringToADoublingChainStayWithinTheBudget() throws {
        let levels = 20
        var variables = [
            #"{"variableId": "0", "name": "K0", "type": "c", "parameter": [{"type": "TEMPLATE", "key": "value", "value": "\#(String(repeating: "w", count: 1000))"}]}"#
        ]
        for level in 1..<levels {
            let value = "{{K\(level - 1)}}{{K\(level - 1)}}"
            variables.append(
                #"{"variableId": "\#(level)", "name": "K\#(level)", "type": "c", "parameter": [{"type": "TEMPLATE", "key": "value", "value": "\#(value)"}]}"#
            )
        }
        let tagCount = 5000
        let html = "<script src=\\\"https://{{K6}}.test/a.js\\\"></script>"
        let tags = (0..<tagCount).map { index in
            #"{"tagId": "\#(index)", "name": "Tag \#(index)", "type": "html", "parameter": [{"type": "TEMPLATE", "key": "html", "value": "\#(html)"}]}"#
        }
        let json = """
            {"exportFormatVersion": 2, "containerVersion": {"containerId": "1",
             "variable": [\(variables.joined(separator: ",\n"))],
             "tag": [\(tags.joined(separator: ",\n"))]}}
            """
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(text: json, name: "hostile.json")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let container = try #require(outcome.inventory.tagManagerContainers.first)
        #expect(container.tags.count == tagCount)
        let expanded = container.tags.reduce(0) { total, tag in
            total + (tag.resolvedParameters.named("html")?.value?.utf8.count ?? 0)
        }
        #expect(expanded <= tagCount * html.utf8.count + TagManagerConstants.maximumGrowth)
        let warnings = outcome.diagnostics.filter { $0.level == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first?.location.file == "hostile.json")
        #expect(
            warnings.first?.message.hasPrefix("the constant variables of this container expand beyond its budget")
                == true)
        // The first tag was expanded (K6 is 64,000 characters) before the budget ran out.
        #expect(container.tags.first?.resolvedParameters.named("html")?.value?.contains("{{") == false)
        #expect(container.tags.last?.resolvedParameters.named("html")?.value == container.tags.last?.html)
    }

    @Test func unsupportedExportFormatVersion() {
        let json = #"{"exportFormatVersion": 1, "containerVersion": {}}"#
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(text: json, name: "old.json")
        #expect(outcome.errors.map(\.message) == ["unsupported GTM exportFormatVersion '1'"])
    }
}
