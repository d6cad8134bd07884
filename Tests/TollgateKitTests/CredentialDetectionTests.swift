import Foundation
import Testing
import TollgateKit
import TollgateRules

/// One credential detector (`SecretScanner`) behind ACC-018 and PRIV-105: the formats found
/// inside text, key/value pair objects, and a credential in a tag-manager export named and
/// masked alike by both rules.
@Suite("Credential detection shared by ACC-018 and PRIV-105")
struct CredentialDetectionTests {
    static func scan(_ yaml: String) -> [ExposedSecret] {
        InventoryLoader().load(text: yaml, name: "s.yaml").inventory.exposedSecrets
    }

    @Test(arguments: [
        ("x: glpat-\(String(repeating: "aB3_", count: 5))", SecretKind.gitlabToken),
        ("x: EAA\(String(repeating: "Zx9", count: 21))", .metaAccessToken),
        ("x: \"fetch('https://api.crm.test/v1/track?api_key=TESTKEY0123456789&user=' + id)\"", .urlParameter),
        ("x: \"var crm = {password: 'Tr0ub4dor&3x'};\"", .assignedInCode),
        ("x: '{\"client_secret\": \"Tr0ub4dor&3x\"}'", .assignedInCode),
        ("x: \"xoxo-\(String(repeating: "1234-", count: 3))abcd\"", .slackToken),
    ])
    func credentialsInsideTextAreFound(_ line: String, _ kind: SecretKind) {
        let found = Self.scan("version: 1\nx-notes:\n  \(line)\n")
        #expect(found.map(\.kind) == [kind], "\(line)")
    }

    @Test(arguments: [
        "x: \"fetch(url, {credentials: 'same-origin', mode: 'cors'})\"",
        "x: \"https://shop.example/search?q=running-shoes&token={{Session Token}}\"",
        "x: \"var settings = {password: '********'};\"",
        "x: \"https://shop.example/p?auth=env:PIXEL_AUTH_TOKEN\"",
        "x: \"https://shop.example/landing?utm_source=newsletter\"",
        "x: \"bypass: 'Campaign-Landing-Page'\"",
    ])
    func namesAndReferencesInsideTextAreNotSecrets(_ line: String) {
        let found = Self.scan("version: 1\nx-notes:\n  \(line)\n").filter { $0.kind != .highEntropy }
        #expect(found.isEmpty, "\(line): \(found.map(\.description))")
    }

    /// `apiKey: 'AKIA…'` is one AWS access key id, not also a secret assigned in code.
    @Test func aTokenFormatNamesAnAssignedValue() {
        let found = Self.scan("version: 1\nx-notes: \"var crm = {apiKey: 'AKIAIOSFODNN7EXAMPLE'};\"\n")
        #expect(found.map(\.description) == ["AWS access key id (AKIA…)"])
    }

    /// Tag-manager exports and AWS tags write fields as `{key: …, value: …}` objects; the value
    /// is judged under the pair's key.
    @Test func keyValuePairsAreJudgedUnderTheirKey() {
        let found = Self.scan(
            """
            version: 1
            x-parameters:
              - { type: TEMPLATE, key: clientSecret, value: Tr0ub4dor }
              - { Key: owner, Value: marketing-ops }
            """)
        #expect(found.map(\.kind) == [.credentialField])
        #expect(found.first?.field == "clientSecret" && found.first?.location.pointer == "/x-parameters/0/value")
    }

    static let stack = """
        version: 1
        systems:
          - { id: gtm, name: Tag Manager, system_type: tag_manager, tag_ids: [GTM-EX1] }
        web_properties:
          - { id: shop, domain: shop.example, audience_regions: [EEA], tag_manager_containers: [GTM-EX1] }
        """

    static func container(_ parameters: String) -> String {
        """
        {"exportFormatVersion": 2, "containerVersion": {"container": {"publicId": "GTM-EX1"}, "trigger": [],
         "tag": [{"tagId": "1", "name": "CRM sync", "type": "html", "firingTriggerId": ["2147479553"],
                  "parameter": [\(parameters)]}]}}
        """
    }

    static func report(_ container: String) -> Report {
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(
            texts: [("stack.yaml", stack), ("gtm.json", container)])
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        var inventory = outcome.inventory
        inventory.sourceFiles = outcome.files
        let rules: [any Rule] = [NoSecretsInDeclarations(), TagManagerSensitiveValues()]
        let policy = Policy.allRules(rules.map(\.description))
        return Checker(rules: rules, policy: policy).check(inventory, asOf: Day(iso: "2026-06-01")!)
    }

    /// The text of a finding up to where it says where the credential is.
    static func what(_ finding: Finding) -> String {
        let message = finding.message
        for marker in [" under '", " in parameter '"] {
            if let range = message.range(of: marker) { return String(message[..<range.lowerBound]) }
        }
        return message
    }

    @Test func aCredentialInATagIsNamedAndMaskedAlikeByBothRules() throws {
        let html =
            "<script>var crm = {apiKey: 'AKIAIOSFODNN7EXAMPLE'}; var u = 'https://tester:TestPassw0rd@crm.test/';</script>"
        let report = Self.report(Self.container(#"{"type": "TEMPLATE", "key": "html", "value": "\#(html)"}"#))
        let files = report.findings.filter { $0.ruleID == "ACC-018" }
        let tags = report.findings.filter { $0.ruleID == "PRIV-105" }
        #expect(files.count == 2 && tags.count == 2, "\(report.findings.map(\.message))")
        // Same location, same kind, same mask; one finding about the file, one about the container.
        #expect(Set(files.map(Self.what)) == Set(tags.map(Self.what)))
        #expect(Set(files.map(\.location)) == Set(tags.map(\.location)))
        #expect(
            files.map(Self.what).sorted() == [
                "plaintext AWS access key id (AKIA…)", "plaintext password in a URL (12 characters)",
            ])
        #expect(files.allSatisfy { $0.message.hasSuffix("under 'html'") && $0.subject.description == "file:gtm.json" })
        #expect(
            tags.allSatisfy {
                $0.message.hasSuffix("in parameter 'html' of tag 'CRM sync'") && $0.severity == .critical
            })
        for finding in report.findings {
            #expect(!finding.message.contains("IOSFODNN7") && !finding.message.contains("TestPassw0rd"))
        }
    }

    /// A secret-named GTM parameter holds a secret whatever it looks like, for both rules.
    @Test func aSecretNamedParameterIsACredentialForBothRules() throws {
        let report = Self.report(Self.container(#"{"type": "TEMPLATE", "key": "apiSecret", "value": "s3cr3t-value"}"#))
        #expect(report.findings.map(\.ruleID).sorted() == ["ACC-018", "PRIV-105"], "\(report.findings.map(\.message))")
        #expect(Set(report.findings.map(Self.what)) == ["plaintext credential value (12 characters)"])
    }

    /// High-entropy guesses are ACC-018's, with its thresholds; PRIV-105 reports recognised
    /// credentials and personal data only.
    @Test func highEntropyGuessesAreLeftToACC018() throws {
        let report = Self.report(
            Self.container(
                #"{"type": "TEMPLATE", "key": "html", "value": "<script>var k = 'q7Rz2Kx9Lm4Vt8Wb3Nc6Hd5J';</script>"}"#
            ))
        #expect(report.findings.map(\.ruleID) == ["ACC-018"], "\(report.findings.map(\.message))")
    }

    @Test func personalDataDetectorSkipsCredentialsAndReferences() {
        #expect(PersonalDataDetector.scan("https://tester:TestPassw0rd@pixel.calls.test/p").isEmpty)
        #expect(PersonalDataDetector.scan("{{DLV - email}} and logo@2x.png").isEmpty)
        #expect(
            PersonalDataDetector.scan("owner jane.doe@example.com, tel: +44 20 7946 0958") == [
                "e-mail address", "phone number",
            ])
        // Each pattern runs only where its anchor occurs: `tel:` alone, `+` alone, `@` alone.
        #expect(PersonalDataDetector.scan("call tel:020 7946 0958") == ["phone number"])
        #expect(PersonalDataDetector.scan("call +44 20 7946 0958") == ["phone number"])
        #expect(PersonalDataDetector.scan("call 020 7946 0958").isEmpty)
        #expect(PersonalDataDetector.scan("write to jane.doe@example.com") == ["e-mail address"])
        #expect(PersonalDataDetector.scan("{{Email}}").isEmpty)
    }
}
