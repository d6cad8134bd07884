import TollgateKit

/// ACC-018: no credential is written in plain text in any input file.
///
/// The scan itself happens while files are loaded (`SecretScanner`, run by `InventoryLoader`
/// over every document's raw tree, exports included); this rule turns the sightings into
/// findings, one subject per input file (named relative to the directory checked, by
/// `Inventory.subjectNames`, so fingerprints do not depend on how the path was typed), and
/// applies the policy's thresholds to the
/// high-entropy heuristic. Messages name the kind and location and show at most a format's
/// public prefix (`ghp_…`), never the value.
public struct NoSecretsInDeclarations: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-018", slug: "no-secrets-in-declarations", domain: .accounts,
        title: "No secrets in declarations",
        rationale: """
            Declarations live in version control and their reports in CI logs; a token pasted there is readable by \
            everyone with repository access, for ever, including in history. Credentials belong in a vault and are \
            referenced (`vault://`, `op://`, `env:`, `${VAR}`). Every string of every input file is scanned: known \
            token formats, values under credential-named keys, and high-entropy strings. Findings are about the file \
            (subject `file:NAME`), named by its path relative to the directory checked (`file:systems/crm.yaml`; a \
            file named on its own by its file name, an export outside the directory by the path its declaration gives), \
            so that `stack`, `./stack`, `/abs/path/stack` and `.` from inside it give the same fingerprints \
            (baselines, waivers and `audit diff` match on them).
            """,
        severity: .critical,
        references: ["ISO/IEC 27001:2022 A.5.17, A.8.12", "CIS Controls v8.1 3.3"],
        controls: ControlMapping(
            iso27001: ["A.5.17", "A.8.12", "A.8.28"], soc2: ["CC6.1", "CC6.7"], nistCSF: ["PR.AA-01", "PR.DS-01"],
            cis: ["3.3"]),
        remediation:
            "rotate the credential now (it is exposed in history), remove it, and reference it from a vault instead",
        parameters: [
            RuleParameter(
                "high_entropy_min_length", .int(24), "shortest random-looking word reported as a possible secret"),
            RuleParameter(
                "high_entropy_min_bits", .double(4.0),
                "lowest Shannon entropy (bits per character) of a random-looking word reported as a possible secret"),
        ],
        examples: [
            RuleExample(
                "secrets referenced from a vault",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                accounts:
                  - { id: brand, system: esp, kind: shared, vault_ref: "op://marketing/esp", x-password: "${ESP_PASSWORD}" }
                api_keys:
                  - { id: k1, system: esp, secret_ref: "vault://kv/esp/api" }
                """),
            RuleExample(
                "AWS access key id pasted into a note", failing: ["file:example.yaml"],
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, x-notes: "export uses AKIAIOSFODNN7EXAMPLE" }
                """),
            RuleExample(
                "password written under an x- key", failing: ["file:example.yaml"],
                """
                version: 1
                systems: [{ id: social, name: Social, system_type: social }]
                accounts:
                  - { id: brand, system: social, kind: shared, x-password: "Summer2026!" }
                """),
            RuleExample(
                "random-looking 24-character word (boundary)", failing: ["file:example.yaml"],
                """
                version: 1
                systems: [{ id: cms, name: CMS, system_type: cms, description: "q7Rz2Kx9Lm4Vt8Wb3Nc6Hd5J" }]
                """),
            RuleExample(
                "random-looking 23-character word (boundary)",
                """
                version: 1
                systems: [{ id: cms, name: CMS, system_type: cms, description: "q7Rz2Kx9Lm4Vt8Wb3Nc6Hd5" }]
                """),
            RuleExample(
                "24-character word just under 4.0 bits per character (3.97) (boundary)",
                """
                version: 1
                systems: [{ id: cms, name: CMS, system_type: cms, description: "q7Rz2Kx9Lm4Vt8Wb3q7Rz2Kq" }]
                """),
            RuleExample(
                "24-character word just over 4.0 bits per character (4.002) (boundary)", failing: ["file:example.yaml"],
                """
                version: 1
                systems: [{ id: cms, name: CMS, system_type: cms, description: "q7Rz2Kx9Lm4Vt8Wb3q7Rz2Kx" }]
                """),
            RuleExample(
                "word of exactly 4.0 bits per character: 16 characters twice each (boundary)",
                failing: ["file:example.yaml"],
                """
                version: 1
                systems: [{ id: cms, name: CMS, system_type: cms, description: "q7Rz2Kx9Lm4Vt8Wbq7Rz2Kx9Lm4Vt8Wb" }]
                """),
            RuleExample(
                "camel-case identifiers and digests are not secrets",
                """
                version: 1
                systems:
                  - id: cms
                    name: CMS
                    system_type: cms
                    description: CampaignSpring2024NewsletterSignupForm
                    x-sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let minLength = context.parameters.int("high_entropy_min_length")
        let minBits = context.parameters.double("high_entropy_min_bits")
        let byFile = Dictionary(grouping: context.inventory.exposedSecrets, by: \.location.file)
        let files = Array(Set(context.inventory.sourceFiles).union(byFile.keys)).sorted()
        // Subjects are named the same however the stack was spelled (fingerprints depend on it);
        // locations keep the path as read, which is what editors and CI annotations open.
        let names = context.inventory.subjectNames(of: files)
        return files.map { file in
            let subject = Subject(.file, names[file] ?? file, at: SourceLocation(file: file, line: 1, column: 1))
            let violations = (byFile[file] ?? []).filter { secret in
                secret.kind != .highEntropy || (secret.length >= minLength && secret.entropy >= minBits)
            }.map { secret in
                Violation(
                    "plaintext \(secret) under '\(secret.field)'", at: secret.location,
                    key: "\(secret.location.pointer)#\(secret.kind.rawValue)")
            }
            return Evaluation(subject, violations)
        }
    }
}
