import Foundation
import Testing

/// A credential pasted into a policy pack, a waiver file or a baseline is masked wherever a
/// message quotes the value it sits in, as in declarations: the messages about these files
/// printed it whole (`unknown rule 'ghp_…'`, `baseline entry ACC-009 on ghp_… no longer occurs`).
@Suite("Credentials in policy, waiver and baseline files")
struct SecretsInExceptionFilesCLITests {
    @Test func theLoadersMessagesMaskACredential() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = CLITests.madeUpToken()
        let pack = try CLITests.write(
            "version: 1\nname: p\ninclude: [\(token)]\nrules:\n  \(token): {}\n  ACC-001: { severity: \(token) }\n",
            "pack.yaml", in: directory)
        let waivers = try CLITests.write(
            """
            version: 1
            waivers:
              - { rule: ACC-009, subject: 'token:\(token)', justification: j, owner: a@example.com,
                  approver: b@example.com, ticket: RISK-1, expires: 2026-12-31 }

            """, "waivers.yaml", in: directory)
        let baseline = try CLITests.write(
            #"{"version": 1, "findings": [{"fingerprint": "\#(token)", "rule": "ACC-001", "subject": "x"}]}"#,
            "baseline.json", in: directory)
        try Self.expect(
            status: 2, files: (pack, waivers, baseline), token: token,
            messages: [
                "pack.yaml:3:11: error: 'ghp_…' matches no rule", "pack.yaml:5:3: error: unknown rule 'ghp_…'",
                "pack.yaml:6:24: error: unknown value 'ghp_…' for 'severity'",
                "waivers.yaml:3:31: error: unknown subject kind 'token'",
                "write its kind first (account:token:ghp_…)",
                "baseline.json:1:45: error: 'ghp_…' is not a Tollgate fingerprint",
            ])
    }

    /// The notes about waivers and baseline entries after the check quote their values too.
    @Test func theNotesAfterTheCheckMaskACredential() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = CLITests.madeUpToken()
        let pack = try CLITests.write("version: 1\nname: p\ninclude: [PRIV-018]\n", "pack.yaml", in: directory)
        // Expired, for a rule this policy does not run: the note names the ticket.
        let waivers = try CLITests.write(
            """
            version: 1
            waivers:
              - { rule: ACC-009, subject: 'account:x', justification: j, owner: a@example.com,
                  approver: b@example.com, ticket: 'RISK-1 \(token)', expires: 2026-01-31 }

            """, "waivers.yaml", in: directory)
        let fingerprint = String(repeating: "0123456789abcdef", count: 2)
        let baseline = try CLITests.write(
            #"""
            {"version": 1, "findings": [
              {"fingerprint": "\#(fingerprint)", "rule": "PRIV-018", "subject": "\#(token)"},
              {"fingerprint": "\#(fingerprint.reversed().map(String.init).joined())", "rule": "\#(token)", "subject": "x"}
            ]}
            """#, "baseline.json", in: directory)
        try Self.expect(
            status: 0, files: (pack, waivers, baseline), token: token,
            messages: [
                "waivers.yaml:3:5: warning: waiver for ACC-009 on account:x expired on 2026-01-31",
                "renew the waiver (RISK-1 ghp_…) or remove it",
                "baseline.json:2:3: warning: baseline entry PRIV-018 on ghp_… (\(fingerprint)) no longer occurs",
                "baseline.json:1:1: note: 1 baseline entry was not checked: its rule did not run under this policy (ghp_…)",
            ])
    }

    /// Checks the clean stack with the pack, waivers and baseline: exit `status`, every one of
    /// `messages` in the output, and nothing of `token` past its public prefix (`ghp_`).
    static func expect(
        status: Int32, files: (pack: String, waivers: String, baseline: String), token: String, messages: [String]
    ) throws {
        let run = try CLITests.run([
            "check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--policy", files.pack, "--waivers",
            files.waivers, "--baseline", files.baseline,
        ])
        #expect(run.status == status, "\(run.stderr)")
        let output = run.stdout + run.stderr
        for message in messages {
            #expect(output.contains(message), "\(output)")
        }
        #expect(!output.contains(String(token.dropFirst(4).prefix(8))), "masked: \(output)")
    }
}
