import Foundation
import Testing

/// A pasted credential is reported whatever the policy: a pack that leaves ACC-018 out (the
/// shipped privacy packs do, and the CI guides use them) printed nothing about it before.
@Suite("Credentials when the policy leaves ACC-018 out")
struct SecretsOutsidePolicyCLITests {
    @Test func aPackWithoutACC018StillWarnsAboutAPastedCredential() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = CLITests.madeUpToken()
        let stack = try CLITests.write(
            "version: 1\nsystems:\n  - { id: crm, name: CRM, system_type: crm, x-token: \(token) }\n", "crm.yaml",
            in: directory)
        let pack = try CLITests.write(
            "version: 1\nname: privacy-only\ninclude: [PRIV-018]\n", "pack.yaml", in: directory)
        let without = try CLITests.run(["check", stack, "--policy", pack, "--as-of", "2026-11-23"])
        #expect(without.status == 0, "a warning does not fail the gate: \(without.stderr)")
        let output = without.stdout + without.stderr
        #expect(
            output.contains(
                "crm.yaml:3:54: warning: plaintext GitHub token (ghp_…) under 'x-token' (not a finding: the policy does not include ACC-018)"
            ), "\(output)")
        #expect(output.contains("add ACC-018 to the policy to fail the check on it"), "\(output)")
        #expect(!output.contains(String(token.dropFirst(4))), "masked")
        // With ACC-018 in the policy it is a finding, and no warning repeats it.
        let withRule = try CLITests.write(
            "version: 1\nname: with-secrets\ninclude: [PRIV-018, ACC-018]\n", "secrets.yaml", in: directory)
        let checked = try CLITests.run(["check", stack, "--policy", withRule, "--as-of", "2026-11-23"])
        #expect(checked.status == 1, "\(checked.stderr)")
        #expect(checked.stdout.contains("[ACC-018]"), "\(checked.stdout)")
        #expect(!(checked.stdout + checked.stderr).contains("not a finding"), "\(checked.stdout)")
    }
}
