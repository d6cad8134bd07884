import Foundation
import Testing
import TollgateKit
import TollgateRules

/// ACC-018 and the secret scanner: what is found, what is allowed, and that no output format
/// ever prints a secret.
@Suite("Secret scanning")
struct SecretScanTests {
    /// A GitHub-format token made up at run time, so no token-shaped string is committed.
    static func madeUpToken() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return "ghp_" + String((0..<36).map { _ in alphabet.randomElement(using: &generator)! })
    }

    static func scan(_ yaml: String) -> [ExposedSecret] {
        InventoryLoader().load(text: yaml, name: "s.yaml").inventory.exposedSecrets
    }

    /// Each sighting carries the JSON pointer of its value (or key), escaped as RFC 6901 says,
    /// through mappings and lists at any depth.
    @Test func sightingsCarryTheirPointer() throws {
        let token = Self.madeUpToken()
        let found = Self.scan(
            """
            version: 1
            systems:
              - id: crm
                name: CRM
                system_type: crm
                x-notes:
                  "a/b~c": ["fine", "see \(token)"]
                  deep: { list: [{ client_secret: "s3cr3t-value-here" }] }
                  \(token): key
            """)
        let pointers = found.map(\.location.pointer)
        #expect(
            pointers == [
                "/systems/0/x-notes/a~1b~0c/1", "/systems/0/x-notes/deep/list/0/client_secret",
                "/systems/0/x-notes/\(token)",
            ], "\(pointers)")
        #expect(found.map(\.location.line) == [7, 8, 9])
    }

    /// `$NAME` is an environment reference in any script's capitals, not a password.
    @Test func environmentReferencesAreNotSecrets() {
        for reference in ["$PASSWORD", "$DB_PASSWORD_2", "$PASSWÖRD", "$ПАРОЛЬ"] {
            let found = Self.scan(
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, x-login: { password: "\(reference)" } }
                """)
            #expect(found.isEmpty, "\(reference): \(found.map(\.kind))")
        }
        let literal = Self.scan(
            """
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm, x-login: { password: "$Passwört1" } }
            """)
        #expect(literal.map(\.kind) == [.credentialField])
    }

    @Test func tokenIsReportedAtItsLocationAndMaskedInEveryFormat() throws {
        let token = Self.madeUpToken()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("stack.yaml").path
        let yaml = """
            version: 1
            systems:
              - id: crm
                name: CRM
                system_type: crm
                x-integration-notes: "sync job authenticates with \(token) until we move it"
            """
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        let report = CheckRunner(rules: BuiltInRules.all).run(
            paths: [file], policyPaths: [], asOf: Day(iso: "2026-11-23")!, failOn: .atOrAbove(.medium))
        let secretFindings = report.findings.filter { $0.ruleID == "ACC-018" }
        #expect(secretFindings.count == 1)
        let finding = try #require(secretFindings.first)
        #expect(finding.severity == .critical)
        #expect(finding.location.line == 6 && finding.location.column == 26)
        #expect(finding.message == "plaintext GitHub token (ghp_…) under 'x-integration-notes'")
        #expect(report.exitCode == .findings)
        // Every 8-character window of the token's secret part must be absent from every format.
        let windows = (0...(token.count - 8)).map { offset in
            String(token.dropFirst(offset).prefix(8))
        }.filter { !$0.hasPrefix("ghp_") }
        for format in ReportFormat.allCases {
            let output = String(decoding: try format.reporter().render(report), as: UTF8.self)
            for window in windows {
                #expect(!output.contains(window), "\(format) output leaks part of the token")
            }
            #expect(output.contains("ghp_"), "\(format) output names the token's format")
        }
        let text = String(decoding: try ReportFormat.text.reporter().render(report), as: UTF8.self)
        #expect(text.contains("\(file):6:26: critical: plaintext GitHub token (ghp_…)"))
        let junit = String(decoding: try ReportFormat.junit.reporter().render(report), as: UTF8.self)
        #expect(junit.contains("\(file):6:26: critical: plaintext GitHub token (ghp_…)"))
        let json =
            try JSONSerialization.jsonObject(with: try ReportFormat.json.reporter().render(report)) as? [String: Any]
        let entries = (json?["findings"] as? [[String: Any]] ?? []).filter { $0["rule_id"] as? String == "ACC-018" }
        let location = entries.first?["location"] as? [String: Any]
        #expect(location?["line"] as? Int == 6 && location?["column"] as? Int == 26)
        #expect(location?["file"] as? String == file)
    }

    @Test func invalidInputStillReportsTheSecretMasked() throws {
        let token = Self.madeUpToken()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("stack.yaml").path
        // An unknown key and an unknown enum value that quotes the token: the run is invalid.
        try """
        version: 1
        systems:
          - { id: crm, name: CRM, system_type: crm, api_token: \(token) }
        accounts:
          - { id: a, system: crm, kind: \(token) }
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let report = CheckRunner(rules: BuiltInRules.all).run(
            paths: [file], policyPaths: [], asOf: Day(iso: "2026-11-23")!, failOn: .atOrAbove(.medium))
        #expect(report.exitCode == .invalidInput)
        let secret = report.diagnostics.first {
            $0.message.contains("plaintext GitHub token (ghp_…) under 'api_token'")
        }
        #expect(secret?.level == .warning, "a secret is not malformed input, so not counted among its errors")
        #expect(report.diagnostics.filter { $0.level == .error }.count == 2)
        for format in ReportFormat.allCases {
            let output = String(decoding: try format.reporter().render(report), as: UTF8.self)
            #expect(!output.contains(String(token.dropFirst(4))), "\(format) output leaks the token")
        }
    }

    @Test(arguments: [
        ("x: AKIAIOSFODNN7EXAMPLE", SecretKind.awsAccessKeyID),
        ("x: AIza\(String(repeating: "Ab1_", count: 8))xyz", .googleAPIKey),
        ("x: xoxb-\(String(repeating: "1234-", count: 4))abcdEFGH", .slackToken),
        ("x: https://hooks.slack.com/services/T0000/B0000/\(String(repeating: "Xy9", count: 8))", .slackWebhook),
        ("x: sk_live_\(String(repeating: "a1B2", count: 6))", .stripeSecretKey),
        ("x: SG.\(String(repeating: "aB3", count: 8)).\(String(repeating: "Zy7_", count: 11))", .sendGridAPIKey),
        ("x: \(String(repeating: "0a1b2c3d", count: 4))-us21", .mailchimpAPIKey),
        ("x: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.\(String(repeating: "sIgN", count: 6))", .jwt),
        ("x: \"-----BEGIN RSA PRIVATE KEY-----\\nMIIB\\n-----END RSA PRIVATE KEY-----\"", .privateKey),
        ("x: https://admin:Hunter2Hunter2@crm.example.com/api", .urlCredentials),
        ("client_secret: Tr0ub4dor", .credentialField),
        ("db-password: 12345678", .credentialField),
        ("x: \"key=Zp4Qm9Lr2Tx7Vw3Ks8Bn5Hy6Jd\"", .highEntropy),
    ])
    func knownFormatsAreFound(_ line: String, _ kind: SecretKind) {
        let found = Self.scan("version: 1\nx-notes:\n  \(line)\n")
        #expect(found.map(\.kind) == [kind], "\(line)")
        #expect(found.first?.location.line == 3)
    }

    @Test(arguments: [
        "password: vault://kv/crm/admin", "password: op://Marketing/CRM/password", "api_key: env:CRM_API_KEY",
        "token: ${CRM_TOKEN}", "token: $CRM_TOKEN", "secret: \"<your secret here>\"", "password: \"********\"",
        "api_key: REDACTED", "x: https://user:${PASS}@example.com/", "x: CampaignSpring2024NewsletterSignupForm",
        "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "x: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", "x: 123e4567-e89b-12d3-a456-426614174000",
        "secret_ref: vault://kv/esp", "password_policy_import: exports/okta.json", "hints_allowed: false",
        "x: https://www.example.com/assets/fonts/Inter-Variable.woff2", "x: 00p5xskm5Ix45wfCt0h7",
        "licence: LicenseRef-Commission-Agreement-2026-07",
    ])
    func referencesAndOrdinaryValuesAreNotSecrets(_ line: String) {
        // High-entropy candidates shorter than ACC-018's default 24 characters (an Okta id has 20)
        // are left for the rule's thresholds to drop.
        let reported = Self.scan("version: 1\nx-notes:\n  \(line)\n").filter {
            $0.kind != .highEntropy || ($0.length >= 24 && $0.entropy >= 4.0)
        }
        #expect(reported.isEmpty, "\(line)")
    }

    /// Some SPDX License List ids mix classes like a key; a licence quoting one is no secret, not
    /// even a candidate, or the redactor masks the id in every licensing message.
    @Test(arguments: [
        "licence: BSD-2-Clause-FreeBSD", "licence: PolyForm-Small-Business-1.0.0",
        "licence: MIT OR BSD-3-Clause-No-Military-License", "licence: (BSD-3-Clause-Open-MPI)",
    ])
    func spdxIdentifiersAreNotHighEntropy(_ line: String) {
        #expect(Self.scan("version: 1\nx-notes:\n  \(line)\n").isEmpty, "\(line)")
    }

    @Test func redactorMasksEveryOccurrence() {
        let secrets = Self.scan("version: 1\nx-a: AKIAIOSFODNN7EXAMPLE\nx-b: { password: hunter2hunter2 }\n")
        let redactor = SecretRedactor(secrets)
        #expect(
            redactor.redact("id AKIAIOSFODNN7EXAMPLE and hunter2hunter2") == "id AKIA… and [redacted credential_field]")
    }

    /// A secret ending in NUL (YAML's "\0" escape) and a non-ASCII text ending in the rest of it:
    /// Foundation's search trapped there (it matches without the NUL and returns a range past the
    /// end). Masking compares bytes, which cannot trap; the secret without its NUL is masked too,
    /// as it is all of the credential but a control character.
    @Test func aSecretEndingInNULIsSearchedWithoutTrapping() throws {
        let secrets = Self.scan("version: 1\nx-b: { password: \"hunter2hunter2\\0\" }\n")
        try #require(secrets.count == 1)
        let redactor = SecretRedactor(secrets)
        #expect(redactor.redact("d\u{E9}j\u{E0} hunter2hunter2") == "d\u{E9}j\u{E0} [redacted credential_field]")
        #expect(redactor.redact("d\u{E9}j\u{E0} hunter2hunter2\u{0}!") == "d\u{E9}j\u{E0} [redacted credential_field]!")
    }
}
