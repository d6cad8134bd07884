import Foundation
import Testing

/// `tollgate audit`, `audit verify`, `audit diff` and `history` as a compliance officer runs them.
@Suite("Command line: audits")
struct AuditCLITests {
    typealias CLI = CLITests

    /// A mistyped subcommand of `audit` ran `audit run` on a stack named after the typo; now it
    /// is a usage error naming the subcommands. A stack directory of that name is still a stack.
    @Test func aMistypedAuditSubcommandIsAUsageError() throws {
        let run = try CLITests.run(["audit", "verfy", "/nonexistent/pack", "--key", "k.pub"])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(
            run.stderr.hasPrefix(
                "Error: unknown subcommand 'verfy' of 'tollgate audit'; did you mean 'verify'? (subcommands: run, verify, diff)"
            ), "\(run.stderr)")
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("dif"), withIntermediateDirectories: true)
        let stack = try CLITests.run(
            ["audit", "dif", "--output", "/nonexistent/p", "--key", "/nonexistent/k.pem", "--key-id", "a"],
            in: directory)
        #expect(stack.stderr.contains("cannot read the signing key"), "\(stack.stderr)")
    }

    @Test func auditVerifyTamperDiffAndHistory() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = directory.appendingPathComponent("auditor").path
        let history = directory.appendingPathComponent("history.sqlite").path
        #expect(try CLI.run(["bundle", "keygen", "--output", keys]).status == 0)
        let pack = directory.appendingPathComponent("q2").path
        let first = try CLI.run([
            "audit", "fixtures/retail-stack", "--waivers", "fixtures/waivers/retail-waivers.yaml", "--as-of",
            "2026-11-23", "--output", pack, "--key", keys + ".pem", "--key-id", "auditor", "--label", "Q2",
            "--history", history,
        ])
        #expect(first.status == 1, "the example stack has blocking findings: \(first.stderr)")
        #expect(first.stdout.contains("evidence pack \(pack):"))
        #expect(first.stdout.contains("recorded audit #1 (Q2)"))

        let verified = try CLI.run(["audit", "verify", pack, "--key", keys + ".pub"])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("signed by auditor"))
        let embedded = try CLI.run(["audit", "verify", pack])
        #expect(embedded.status == 0)
        #expect(embedded.stderr.contains("compare it with the auditor's published fingerprint"))

        // A second audit of a changed copy, then the diff and the trend.
        let copy = directory.appendingPathComponent("stack")
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appendingPathComponent("fixtures/retail-stack"), to: copy)
        let flows = copy.appendingPathComponent("flows.yaml")
        let text = try String(contentsOf: flows, encoding: .utf8)
        try text.replacingOccurrences(
            of: "    description: Session recordings; nobody recorded a lawful basis when the tool was added.\n",
            with: "    legal_basis: consent\n"
        ).write(to: flows, atomically: true, encoding: .utf8)
        let second = try CLI.run([
            "audit", copy.path, "--waivers", "fixtures/waivers/retail-waivers.yaml", "--as-of", "2026-11-23",
            "--output", directory.appendingPathComponent("q3").path, "--key", keys + ".pem", "--key-id", "auditor",
            "--history", history, "--no-history",
        ])
        #expect(second.status == 1)
        #expect(!second.stdout.contains("recorded audit"))
        let third = try CLI.run([
            "audit", "run", copy.path, "--waivers", "fixtures/waivers/retail-waivers.yaml", "--as-of", "2026-11-23",
            "--output", directory.appendingPathComponent("q3b").path, "--key", keys + ".pem", "--key-id",
            "auditor", "--label", "Q3", "--history", history,
        ])
        #expect(third.stdout.contains("recorded audit #2 (Q3)"))
        let diff = try CLI.run(["audit", "diff", "--history", history])
        #expect(diff.status == 0)
        #expect(diff.stdout.contains("~ sgtm-to-hotjar: legal basis none -> consent"))
        #expect(diff.stdout.contains("- [PRIV-001] flow:sgtm-to-hotjar"))
        #expect(try CLI.run(["audit", "diff", "1", "2", "--history", history]).stdout == diff.stdout)
        let trend = try CLI.run(["history", "--history", history])
        #expect(trend.status == 0)
        #expect(trend.stdout.contains("Q2") && trend.stdout.contains("Q3") && trend.stdout.contains("-1 better"))

        // Tampering: an edited, an added and a removed file, each named; exit 3.
        try "x".write(toFile: pack + "/inputs/added.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: pack + "/reports/junit.xml")
        let audit = try String(contentsOfFile: pack + "/audit.json", encoding: .utf8)
        try audit.replacingOccurrences(of: "\"failed\"", with: "\"passed\"").write(
            toFile: pack + "/audit.json", atomically: true, encoding: .utf8)
        let tampered = try CLI.run(["audit", "verify", pack, "--key", keys + ".pub"])
        #expect(tampered.status == 3)
        #expect(tampered.stderr.contains("audit.json: [changed-file]"))
        #expect(tampered.stderr.contains("inputs/added.yaml: [extra-file]"))
        #expect(tampered.stderr.contains("reports/junit.xml: [missing-file]"))
    }

    /// A fresh key pair `auditor.pem`/`auditor.pub` in `directory` (returned without its
    /// extension) and a pack of the clean stack it signed as 'auditor', recorded in no history.
    static func cleanPack(in directory: URL) throws -> (keys: String, pack: String) {
        let keys = directory.appendingPathComponent("auditor").path
        #expect(try CLI.run(["bundle", "keygen", "--output", keys]).status == 0)
        let pack = directory.appendingPathComponent("pack").path
        let audit = try CLI.run([
            "audit", "fixtures/clean-stack", "--output", pack, "--key", keys + ".pem", "--key-id", "auditor",
            "--no-history",
        ])
        #expect(audit.status == 0, "\(audit.stderr)")
        return (keys, pack)
    }

    /// `audit verify --key` verifies against the key given: it does not need the key stored in
    /// the pack, so a pack whose stored key was removed is `missing-file` for that file, and a
    /// policy bundle presented as a pack is `unexpected-name` (docs/audits.md), not "the pack
    /// holds no public key; pass --trust or --key" when --key was passed.
    @Test func verifyWithAKeyNeedsNoStoredKey() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (keys, pack) = try Self.cleanPack(in: directory)
        // A --key file that cannot be read is a job not done (exit 2, path and reason), not a usage error.
        let noKey = directory.appendingPathComponent("nokey.pub").path
        let unreadable = try CLI.run(["audit", "verify", pack, "--key", noKey])
        #expect(unreadable.status == 2, "\(unreadable.stderr)")
        #expect(unreadable.stderr == "error: cannot read the public key \(noKey): no such file or directory\n")
        try FileManager.default.removeItem(atPath: pack + "/auditor-public-key.pem")
        let keyless = try CLI.run(["audit", "verify", pack, "--key", keys + ".pub"])
        #expect(keyless.status == 3)
        #expect(
            keyless.stderr.contains("auditor-public-key.pem: [missing-file] listed in the manifest"),
            "\(keyless.stderr)")
        #expect(!keyless.stderr.contains("pass --trust or --key"))

        let bundle = directory.appendingPathComponent("policy").path
        try FileManager.default.createDirectory(atPath: bundle, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: CLI.packageRoot.appendingPathComponent("policies/baseline.yaml").path,
            toPath: bundle + "/baseline.yaml")
        #expect(try CLI.run(["bundle", "manifest", bundle, "--name", "acme-policy", "--version", "1"]).status == 0)
        #expect(try CLI.run(["bundle", "sign", bundle, "--key", keys + ".pem", "--key-id", "auditor"]).status == 0)
        let policy = try CLI.run(["audit", "verify", bundle, "--key", keys + ".pub"])
        #expect(policy.status == 3)
        #expect(policy.stderr.contains("does not verify (unexpected-name)"), "\(policy.stderr)")
    }

    /// A pack with a changed file and an added one names both kinds in its first line, as it
    /// lists both below it (the header used to name only the first kind).
    @Test func verifyNamesEveryKindOfProblem() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (keys, pack) = try Self.cleanPack(in: directory)
        let record = pack + "/reports/record-of-processing.csv"
        try (String(contentsOfFile: record, encoding: .utf8) + "x").write(
            toFile: record, atomically: true, encoding: .utf8)
        try "y".write(toFile: pack + "/extra.txt", atomically: true, encoding: .utf8)
        let verify = try CLI.run(["audit", "verify", pack, "--key", keys + ".pub"])
        #expect(verify.status == 3)
        #expect(
            verify.stderr.hasPrefix("error: evidence pack '\(pack)' does not verify (changed-file, extra-file)\n"),
            "\(verify.stderr)")
    }

    /// A pack co-signed the documented way (docs/audits.md §2) verifies with either signer's
    /// `--key`, and with the key stored in the pack, whatever id sorts first: the key given is
    /// tried under each of the pack's key ids. A key that signed nothing is named as such, not
    /// blamed for lacking another signer's id.
    @Test func aCoSignedPackVerifiesWithEitherKey() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (auditor, pack) = try Self.cleanPack(in: directory)
        let second = directory.appendingPathComponent("aa-second").path
        let stranger = directory.appendingPathComponent("stranger").path
        for key in [second, stranger] { #expect(try CLI.run(["bundle", "keygen", "--output", key]).status == 0) }
        #expect(
            try CLI.run(["bundle", "sign", pack, "--key", second + ".pem", "--key-id", "aa-second"]).status == 0)
        for (key, signer, other) in [(auditor, "auditor", "aa-second"), (second, "aa-second", "auditor")] {
            let verified = try CLI.run(["audit", "verify", pack, "--key", key + ".pub"])
            #expect(verified.status == 0, "\(verified.stderr)")
            #expect(verified.stdout.contains("signed by \(signer),"))
            #expect(verified.stderr.contains("not checked: the signature of '\(other)'"), "\(verified.stderr)")
            #expect(!verified.stderr.contains("is not in the trust file"))
        }
        let embedded = try CLI.run(["audit", "verify", pack])
        #expect(embedded.status == 0, "\(embedded.stderr)")
        #expect(embedded.stdout.contains("signed by auditor,"))
        let wrong = try CLI.run(["audit", "verify", pack, "--key", stranger + ".pub"])
        #expect(wrong.status == 3)
        #expect(wrong.stderr.contains("no signature is by the key in \(stranger).pub"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("signed under 'aa-second', 'auditor'"))
        #expect(!wrong.stderr.contains("is not in the trust file"))
        // A private key as --key is the key file's problem (exit 2, as the help says), not the pack's.
        let secret = try CLI.run(["audit", "verify", pack, "--key", auditor + ".pem"])
        #expect(secret.status == 2 && secret.stderr.contains("not a PEM public key"), "\(secret.stderr)")
        // A directory that is no pack at all is named as such, with or without a key.
        for options in [[], ["--key", auditor + ".pub"]] {
            let stack = try CLI.run(["audit", "verify", "fixtures/clean-stack"] + options)
            #expect(stack.status == 3)
            #expect(stack.stderr.contains("is not an evidence pack: it has no manifest.json"), "\(stack.stderr)")
            #expect(!stack.stderr.contains("holds no public key"))
        }
        // A changed file is still caught when the key matches a later id.
        try "{}".write(toFile: pack + "/audit.json", atomically: true, encoding: .utf8)
        let tampered = try CLI.run(["audit", "verify", pack, "--key", auditor + ".pub"])
        #expect(tampered.status == 3 && tampered.stderr.contains("audit.json: [changed-file]"), "\(tampered.stderr)")
    }

    @Test func refusesWhatItCannotDoCleanly() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = directory.appendingPathComponent("auditor").path
        #expect(try CLI.run(["bundle", "keygen", "--output", keys]).status == 0)
        let history = directory.appendingPathComponent("history.sqlite").path
        // Invalid declarations: exit 2, no pack, nothing recorded.
        let bad = try CLI.write("version: 1\nsystems:\n  - { id: crm }\n", "bad.yaml", in: directory)
        let pack = directory.appendingPathComponent("pack").path
        let invalid = try CLI.run([
            "audit", bad, "--output", pack, "--key", keys + ".pem", "--key-id", "a", "--history", history,
        ])
        #expect(invalid.status == 2)
        #expect(!FileManager.default.fileExists(atPath: pack))
        #expect(!FileManager.default.fileExists(atPath: history), "a failed audit leaves no empty history behind")
        // A bad --key-id (a usage error) and a key that cannot sign stop the audit before the check
        // runs: the invalid declarations are not even read.
        for keyID in ["../x", ""] {
            let badID = try CLI.run([
                "audit", bad, "--output", pack, "--key", keys + ".pem", "--key-id", keyID, "--history", history,
            ])
            #expect(badID.status == 64 && badID.stderr.contains("--key-id: the key id '\(keyID)'"), "\(badID.stderr)")
        }
        let publicKey = try CLI.run([
            "audit", bad, "--output", pack, "--key", keys + ".pub", "--key-id", "a", "--history", history,
        ])
        #expect(publicKey.status == 2, "\(publicKey.stderr)")
        #expect(
            publicKey.stderr
                == "error: cannot sign with \(keys).pub: the signing key must be a PEM private key (tollgate bundle keygen writes one)\n"
        )
        #expect(!FileManager.default.fileExists(atPath: pack))
        #expect(try CLI.run(["audit", "diff", "--history", history]).stderr.contains("0 audits recorded"))
        // Reading a history that does not exist says so and creates none.
        let missing = directory.appendingPathComponent("missing.sqlite").path
        let listed = try CLI.run(["history", "--history", missing])
        #expect(listed.status == 0 && listed.stdout.contains("no audits recorded in \(missing) yet"))
        let compared = try CLI.run(["audit", "diff", "--history", missing])
        #expect(compared.status == 2 && compared.stderr.contains("0 audits recorded"))
        // Audit numbers start at 1; a wrong one is a usage error that says how to name audits.
        for numbers in [["-1", "2"], ["0", "2"], ["3"]] {
            let wrong = try CLI.run(["audit", "diff"] + numbers + ["--history", missing])
            #expect(wrong.status == 64 && wrong.stderr.contains("(1 or more, as `tollgate history` lists them)"))
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
        // An empty file is no history yet, and reading it writes nothing into it.
        let emptyFile = try CLI.write("", "empty.sqlite", in: directory)
        let none = try CLI.run(["history", "--history", emptyFile])
        #expect(none.status == 0 && none.stdout.contains("no audits recorded in \(emptyFile) yet"), "\(none.stderr)")
        #expect(try CLI.run(["audit", "diff", "--history", emptyFile]).stderr.contains("0 audits recorded"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: emptyFile)).isEmpty)
        // A signing key that cannot be read: exit 2 with the path and the reason (it was 64), no pack.
        let noKey = directory.appendingPathComponent("keys/nokey.pem").path
        let unreadable = try CLI.run([
            "audit", "fixtures/clean-stack", "--output", pack, "--key", noKey, "--key-id", "a", "--history", history,
        ])
        #expect(unreadable.status == 2, "\(unreadable.stderr)")
        #expect(unreadable.stderr == "error: cannot read the signing key \(noKey): no such file or directory\n")
        #expect(!FileManager.default.fileExists(atPath: pack))
        // A policy directory that cannot be listed, or holds no pack: exit 2 with the reason (it was 64).
        let noDirectory = directory.appendingPathComponent("no-policies").path
        let unlisted = try CLI.run([
            "audit", "fixtures/clean-stack", "--output", pack, "--key", keys + ".pem", "--key-id", "a",
            "--history", history, "--policy-dir", noDirectory,
        ])
        #expect(unlisted.status == 2, "\(unlisted.stderr)")
        #expect(
            unlisted.stderr == "error: cannot list the policy directory \(noDirectory): no such file or directory\n")
        let empty = directory.appendingPathComponent("empty-policies")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let packless = try CLI.run([
            "audit", "fixtures/clean-stack", "--output", pack, "--key", keys + ".pem", "--key-id", "a",
            "--history", history, "--policy-dir", empty.path,
        ])
        #expect(packless.status == 2 && packless.stderr.contains("holds no policy pack"), "\(packless.stderr)")
        #expect(!FileManager.default.fileExists(atPath: pack))
        #expect(!FileManager.default.fileExists(atPath: history))
        // A public key is not a signing key: exit 2, no pack.
        let wrongKey = try CLI.run([
            "audit", "fixtures/clean-stack", "--output", pack, "--key", keys + ".pub", "--key-id", "a", "--history",
            history,
        ])
        #expect(wrongKey.status == 2)
        #expect(!FileManager.default.fileExists(atPath: pack))
        #expect(!FileManager.default.fileExists(atPath: history))
        // A history that cannot be created (its folder is missing) stops the audit before any pack is written.
        let nowhere = directory.appendingPathComponent("missing-folder/history.sqlite").path
        let uncreatable = try CLI.run([
            "audit", "fixtures/clean-stack", "--output", pack, "--key", keys + ".pem", "--key-id", "a", "--history",
            nowhere,
        ])
        #expect(uncreatable.status == 2 && uncreatable.stderr.contains(nowhere), "\(uncreatable.stderr)")
        #expect(!FileManager.default.fileExists(atPath: pack))
        // A history written by a newer Tollgate stops the audit before any pack is written.
        let newer = directory.appendingPathComponent("newer.sqlite").path
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE schema_version (version INTEGER NOT NULL)'); c.execute('INSERT INTO schema_version VALUES (9)'); c.commit()",
            newer,
        ]
        try sqlite.run()
        sqlite.waitUntilExit()
        // Python's sqlite3 edits the file here; where it is missing, the library test covers this.
        guard sqlite.terminationStatus == 0 else { return }
        let refused = try CLI.run([
            "audit", "fixtures/clean-stack", "--output", pack, "--key", keys + ".pem", "--key-id", "a", "--history",
            newer,
        ])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("schema version 9"))
        #expect(!FileManager.default.fileExists(atPath: pack))
    }

    @Test func checkWritesTheHTMLReport() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = directory.appendingPathComponent("out/report.html").path
        let run = try CLI.run(["check", "fixtures/clean-stack", "--report", "html=\(html)", "--as-of", "2026-11-23"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        #expect(text.contains("<svg"))
    }

    /// An evidence pack written inside the declaration directory it audits would be read by the
    /// next check (its audit.json, manifest.json and the copied declarations): refused with exit
    /// 64 before anything runs; a hidden folder there is fine.
    @Test func anEvidencePackInsideTheStackIsRefused() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = directory.appendingPathComponent("stack")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("fixtures/clean-stack"), to: stack)
        #expect(try CLI.run(["bundle", "keygen", "--output", "auditor"], in: directory).status == 0)
        let inside = try CLI.run(
            [
                "audit", "stack", "--output", "stack/evidence", "--key", "auditor.pem", "--key-id", "a", "--no-history",
                "--as-of", "2026-11-23",
            ], in: directory)
        #expect(inside.status == 64, "\(inside.stderr)")
        #expect(
            inside.stderr.contains(
                "--output stack/evidence is inside the declaration directory stack, so the next check would read the evidence pack as declarations"
            ), "\(inside.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stack.appendingPathComponent("evidence").path))
        let hidden = try CLI.run(
            [
                "audit", "stack", "--output", "stack/.evidence", "--key", "auditor.pem", "--key-id", "a",
                "--no-history",
                "--as-of", "2026-11-23",
            ], in: directory)
        #expect(hidden.status == 0, "\(hidden.stderr)")
        #expect(try CLI.run(["check", "stack", "--as-of", "2026-11-23"], in: directory).status == 0)
    }
}
