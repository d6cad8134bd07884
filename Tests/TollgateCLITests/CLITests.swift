import Foundation
import Testing
import TollgateKit
import TollgateTestSupport

/// The `tollgate` executable as a pipeline sees it: exit codes, files, standard streams.
@Suite("Command line")
struct CLITests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The built executable, beside the test bundle in the build products directory.
    static var executable: URL {
        var directory = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("tollgate").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("tollgate")
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    @discardableResult
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil,
        executable: URL = Self.executable, standardOutput: FileHandle? = nil
    ) throws
        -> Run
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = standardOutput ?? out
        process.standardError = err
        try process.run()
        if standardOutput != nil { try out.fileHandleForWriting.close() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A GitHub-format token made up per run, so that no token-shaped string is committed.
    static func madeUpToken() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return "ghp_" + String((0..<36).map { _ in alphabet.randomElement()! })
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let cleanStack = """
        version: 1
        people: [{ id: ana, active: true }]
        systems:
          - id: crm
            name: CRM
            system_type: crm
            subscription: { seats_purchased: 5, seats_assigned: 5 }
            business_owner: ana
            it_review: { reviewer: it-security, date: 2026-09-01, outcome: approved }
            security: { last_access_review: 2026-11-01, sso_enforced: true, local_login_disabled: true, mfa_enforced: all }
        accounts:
          - { id: ana, system: crm, kind: human, is_admin: true, mfa_enabled: true, mfa_methods: [passkey] }
          - { id: bo, system: crm, kind: human, is_admin: true, mfa_enabled: true, mfa_methods: [fido2] }
        """

    static let failingStack = """
        version: 1
        systems:
          - { id: crm, name: CRM, system_type: crm }
        accounts:
          - { id: ben, system: crm, kind: human, is_admin: true, mfa_enabled: false }
        """

    @Test func exitCodesFollowTheContract() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clean = try Self.write(Self.cleanStack, "clean.yaml", in: directory)
        let failing = try Self.write(Self.failingStack, "failing.yaml", in: directory)
        let invalid = try Self.write("version: 1\nsystems: [{ id: x }]\n", "invalid.yaml", in: directory)
        #expect(try Self.run(["check", clean, "--as-of", "2026-11-23"]).status == 0)
        let failed = try Self.run(["check", failing, "--as-of", "2026-11-23"])
        #expect(failed.status == 1)
        #expect(
            failed.stdout.contains("failing.yaml:5:")
                && failed.stdout.contains("critical: admin account 'ben' has no MFA [ACC-009]"))
        #expect(try Self.run(["check", failing, "--as-of", "2026-11-23", "--fail-on", "critical"]).status == 1)
        let invalidRun = try Self.run(["check", invalid])
        #expect(invalidRun.status == 2)
        #expect(invalidRun.stdout.contains("invalid.yaml:2:11: error: missing required key 'name' in system"))
        #expect(try Self.run(["check", clean, "--format", "yaml"]).status == 64)
        #expect(try Self.run(["check", clean, "--as-of", "2026-02-30"]).status == 64)
        #expect(try Self.run(["check"]).status == 64)
        #expect(try Self.run(["validate", clean]).status == 0)
        #expect(try Self.run(["validate", invalid]).status == 2)
        #expect(try Self.run(["validate", directory.appendingPathComponent("missing.yaml").path]).status == 2)
    }

    /// The one-line summary is printed once: on standard error when no report that ends with
    /// it goes to standard output, and not again when the text or GitHub report does.
    @Test func theSummaryIsPrintedOnce() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failing = try Self.write(Self.failingStack, "failing.yaml", in: directory)
        let summary = "at or above medium: failed"
        for format in ["text", "github"] {
            let run = try Self.run(["check", failing, "--format", format, "--as-of", "2026-11-23"])
            #expect(run.status == 1)
            #expect(run.stdout.components(separatedBy: summary).count == 2, "\(format): \(run.stdout)")
            #expect(!run.stderr.contains(summary), "\(format): \(run.stderr)")
        }
        let junit = try Self.run(["check", failing, "--format", "junit", "--as-of", "2026-11-23"])
        #expect(!junit.stdout.contains(summary) && junit.stderr.contains(summary))
    }

    @Test func reportsAreWrittenAtomicallyAndNotOnInvalidWrites() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failing = try Self.write(Self.failingStack, "failing.yaml", in: directory)
        let output = directory.appendingPathComponent("out/nested/junit.xml").path
        let run = try Self.run(["check", failing, "--format", "junit", "--output", output, "--as-of", "2026-11-23"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("at or above medium: failed"))
        let xml = try String(contentsOfFile: output, encoding: .utf8)
        #expect(xml.hasPrefix("<?xml") && xml.contains("</testsuites>"))
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent("out/nested").path)
        #expect(leftovers == ["junit.xml"], "no temporary files left behind")
        // An unwritable destination is an error, and the previous report survives.
        let blocked = try Self.run([
            "check", failing, "--format", "junit", "--output",
            directory.appendingPathComponent("failing.yaml/x.xml").path,
        ])
        #expect(blocked.status != 0 && blocked.status != 1)
        #expect(try String(contentsOfFile: failing, encoding: .utf8) == Self.failingStack)
    }

    @Test func textIsUncolouredWhenPipedAndJSONIsParseable() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failing = try Self.write(Self.failingStack, "failing.yaml", in: directory)
        let text = try Self.run(["check", failing, "--as-of", "2026-11-23"])
        #expect(!text.stdout.contains("\u{1B}["))
        let json = try Self.run(["check", failing, "--format", "json", "--as-of", "2026-11-23"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["outcome"] as? String == "failed")
        #expect(object?["as_of"] as? String == "2026-11-23")
    }

    @Test func rulesCommandListsAndExplains() throws {
        let list = try Self.run(["rules"])
        #expect(list.status == 0 && list.stdout.contains("ACC-009") && list.stdout.contains("PRIV-001"))
        let one = try Self.run(["rules", "LIC-001"])
        #expect(one.status == 0 && one.stdout.contains("tolerance_seats") && one.stdout.contains("ISO27001:A.5.32"))
        #expect(try Self.run(["rules", "LIC-999"]).status == 64)
        let typo = try Self.run(["rules", "ACC-09"])
        #expect(typo.status == 0 && typo.stdout.hasPrefix("ACC-009 "), "ACC-09 is ACC-009 written short")
        let near = try Self.run(["rules", "ACC-0099"])
        #expect(near.status == 64 && near.stderr.contains("did you mean 'ACC-009'?"), "\(near.stderr)")
        let section = try Self.run(["rules", "admin-mfa", "--markdown"])
        #expect(section.stdout.contains("## ACC-009") && !section.stdout.contains("## ACC-001"))
        // Only the rule's section (it began with the whole reference's title, note and index),
        // the same bytes as in the whole reference.
        #expect(section.stdout.hasPrefix("## ACC-009\n"), "\(section.stdout.prefix(200))")
        #expect(!section.stdout.contains("# Rule reference") && !section.stdout.contains("Generated by"))
        let reference = try Self.run(["rules", "--markdown"]).stdout
        #expect(reference.hasPrefix("# Rule reference\n") && reference.contains("\n" + section.stdout))
        let help = try Self.run(["--help"])
        #expect(help.stdout.contains("Exit codes"))
    }

    @Test func policyPacksSelectRulesAndTheirErrorsAreReported() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failing = try Self.write(Self.failingStack, "failing.yaml", in: directory)
        let privacyOnly = try Self.write(
            "version: 1\nname: privacy-only\ninclude: [privacy]\n", "p.yaml", in: directory)
        #expect(try Self.run(["check", failing, "--policy", privacyOnly, "--as-of", "2026-11-23"]).status == 0)
        let downgraded = try Self.write(
            "version: 1\nname: soft\ninclude: [ACC-009]\nrules:\n  ACC-009: { severity: low }\n", "s.yaml",
            in: directory)
        #expect(try Self.run(["check", failing, "--policy", downgraded, "--as-of", "2026-11-23"]).status == 0)
        let broken = try Self.write(
            "version: 1\nname: broken\ninclude: [acounts]\nrules:\n  ACC-009: { severity: severe }\n  LIC-001: { params: { tolerance: 2 } }\n",
            "b.yaml", in: directory)
        let run = try Self.run(["check", failing, "--policy", broken])
        #expect(run.status == 2)
        #expect(run.stdout.contains("b.yaml:3:11: error: 'acounts' matches no rule; did you mean 'accounts'?"))
        #expect(run.stdout.contains("unknown value 'severe' for 'severity'"))
        #expect(
            run.stdout.contains("unknown key 'tolerance' in parameters of LIC-001; did you mean 'tolerance_seats'?"))
    }

    /// The review's pack: misspelt MFA methods used to load, so SMS-only admins went unflagged
    /// and passkeys stopped counting. Each value is now an error at its position, exit 2.
    @Test func misspeltParameterValuesAreInvalidInput() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failing = try Self.write(Self.failingStack, "failing.yaml", in: directory)
        let pack = try Self.write(
            "version: 1\nname: typo\nrules:\n  ACC-009: { params: { restricted_methods: [smss, carrier-pigeon], phishing_resistant_methods: [passkee] } }\n",
            "p.yaml", in: directory)
        let run = try Self.run(["check", failing, "--policy", pack, "--as-of", "2026-11-23"])
        #expect(run.status == 2)
        #expect(
            run.stdout.contains(
                "p.yaml:4:45: error: unknown MFA method 'smss' in 'restricted_methods'; did you mean 'sms'?"))
        #expect(
            run.stdout.contains(
                "p.yaml:4:51: error: unknown MFA method 'carrier-pigeon' in 'restricted_methods'; use one of"))
        #expect(
            run.stdout.contains(
                "p.yaml:4:97: error: unknown MFA method 'passkee' in 'phishing_resistant_methods'; did you mean 'passkey'?"
            ))
        let rules = try Self.run(["rules", "ACC-009"])
        #expect(rules.stdout.contains("values: one of webauthn, passkey, fido2, piv, totp, push, sms, voice, email"))
    }

    static let waivers = """
        version: 1
        waivers:
          - rule: ACC-009
            subject: account:ben
            justification: moving to SSO next sprint
            owner: ops@example.com
            approver: ciso@example.com
            ticket: RISK-1
            expires: 2026-12-15
        """

    @Test func severalReportsInOneRunEachWrittenAtomically() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failing = try Self.write(Self.failingStack, "failing.yaml", in: directory)
        let out = directory.appendingPathComponent("out").path
        let run = try Self.run([
            "check", failing, "--as-of", "2026-11-23", "--report", "junit=\(out)/junit.xml", "--report",
            "sarif=\(out)/r.sarif", "--report", "xml=\(out)/r.xml", "--report", "gitlab=\(out)/cq.json", "--report",
            "text",
        ])
        #expect(run.status == 1)
        #expect(run.stdout.contains("critical: admin account 'ben' has no MFA [ACC-009]"))
        #expect(run.stderr.isEmpty, "the text report is on stdout, so no summary on stderr")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["cq.json", "junit.xml", "r.sarif", "r.xml"], "no temporary files left behind")
        let sarif = try String(contentsOfFile: "\(out)/r.sarif", encoding: .utf8)
        #expect(sarif.contains("\"version\" : \"2.1.0\""))
        // Usage errors: two reports on stdout, one file twice, an unknown format.
        #expect(try Self.run(["check", failing, "--report", "text", "--report", "json"]).status == 64)
        #expect(try Self.run(["check", failing, "--report", "json=a.json", "--report", "sarif=a.json"]).status == 64)
        let unknown = try Self.run(["check", failing, "--report", "pdf=x.pdf"])
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown report format 'pdf'"))
        // --format/--output still work, alone or beside --report.
        let classic = try Self.run([
            "check", failing, "--as-of", "2026-11-23", "--format", "sarif", "--output", "\(out)/classic.sarif",
            "--report", "github",
        ])
        #expect(classic.status == 1)
        #expect(classic.stdout.hasPrefix("::error file="))
        #expect(FileManager.default.fileExists(atPath: "\(out)/classic.sarif"))
    }

    @Test func repoRootMakesPathsRelative() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failing = try Self.write(Self.failingStack, "failing.yaml", in: directory)
        let annotations = try Self.run([
            "check", failing, "--as-of", "2026-11-23", "--report", "github", "--repo-root", directory.path,
        ])
        #expect(annotations.stdout.contains("::error file=failing.yaml,line=5,"))
        let outside = try Self.run(["check", failing, "--as-of", "2026-11-23", "--report", "github"])
        #expect(outside.stdout.contains("::error file=\(failing),"), "outside the repository root: as given")
        // A root that does not exist, or is a file, is a mistake in the arguments (it was silently taken).
        for root in [directory.appendingPathComponent("nonexist").path, failing] {
            let wrong = try Self.run(["check", failing, "--report", "github", "--repo-root", root])
            #expect(wrong.status == 64, "\(wrong.stderr)")
            #expect(wrong.stderr.hasPrefix("Error: --repo-root \(root) "), "\(wrong.stderr)")
            #expect(wrong.stdout.isEmpty)
        }
    }

    @Test func waiversAndBaselinesFromTheCommandLine() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failing = try Self.write(Self.failingStack, "failing.yaml", in: directory)
        let waivers = try Self.write(Self.waivers, "waivers.yaml", in: directory)
        // Only ACC-009, so that rules added later do not change what this small stack finds.
        let policy = try Self.write("version: 1\nname: mfa-only\ninclude: [ACC-009]\n", "mfa.yaml", in: directory)
        let waived = try Self.run(["check", failing, "--policy", policy, "--as-of", "2026-11-23", "--waivers", waivers])
        #expect(waived.status == 0)
        #expect(waived.stdout.contains("(waived until 2026-12-15, RISK-1)"))
        #expect(
            waived.stdout.contains(
                "waivers.yaml:3:5: warning: waiver for ACC-009 on account:ben expires on 2026-12-15 (in 22 days)"))
        let quiet = try Self.run([
            "check", failing, "--policy", policy, "--as-of", "2026-11-23", "--waivers", waivers,
            "--waiver-warning-days", "7",
        ])
        #expect(quiet.status == 0 && !quiet.stdout.contains("warning:"))
        let expired = try Self.run([
            "check", failing, "--policy", policy, "--as-of", "2027-01-01", "--waivers", waivers,
        ])
        #expect(expired.status == 1 && expired.stdout.contains("expired on 2026-12-15"))
        let broken = try Self.write(
            "version: 1\nwaivers:\n  - rule: ACC-009\n    subject: account:ben\n", "broken.yaml", in: directory)
        let invalid = try Self.run(["check", failing, "--waivers", broken])
        #expect(invalid.status == 2)
        #expect(invalid.stdout.contains("broken.yaml:3:5: error: missing required key 'approver' in waiver"))

        let baseline = directory.appendingPathComponent("baseline.json").path
        let created = try Self.run([
            "baseline", "create", failing, "--policy", policy, "--as-of", "2026-11-23", "--output", baseline,
        ])
        #expect(created.status == 0)
        #expect(try String(contentsOfFile: baseline, encoding: .utf8).contains("\"subject\" : \"account:ben\""))
        #expect(
            try Self.run(["check", failing, "--policy", policy, "--as-of", "2026-11-23", "--baseline", baseline]).status
                == 0)
        let grown = try Self.write(
            Self.failingStack + "\n  - { id: cy, system: crm, kind: human, is_admin: true, mfa_enabled: false }\n",
            "failing.yaml", in: directory)
        let new = try Self.run(["check", grown, "--policy", policy, "--as-of", "2026-11-23", "--baseline", baseline])
        #expect(new.status == 1)
        #expect(new.stdout.contains("admin account 'ben' has no MFA [ACC-009] (in baseline)"))
        #expect(new.stdout.contains("1 at or above medium: failed"))
        #expect(try Self.run(["check", failing, "--baseline", failing]).status == 2)
        #expect(try Self.run(["baseline", "create", failing]).status == 64, "--output is required")
    }

    /// The user's report: the retail waivers and a baseline of every built-in rule, checked under
    /// the CASL pack, which runs none of ACC-009, LIC-001 and most baselined rules. Those entries
    /// are neither stale nor fixed: one note per file says how many were not checked.
    @Test func entriesForRulesThatDidNotRunAreNotStaleOrFixed() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = "fixtures/retail-stack"
        let waivers = "fixtures/waivers/retail-waivers.yaml"
        let baseline = directory.appendingPathComponent("baseline.json").path
        let created = try Self.run(["baseline", "create", stack, "--as-of", "2026-11-23", "--output", baseline])
        #expect(created.status == 0, "\(created.stderr)")
        let casl = try Self.run([
            "check", stack, "--policy", "policies/ca-casl.yaml", "--as-of", "2026-11-23", "--waivers", waivers,
            "--baseline", baseline,
        ])
        #expect(casl.status == 0, "\(casl.stdout)")
        #expect(!casl.stdout.contains("stale") && !casl.stdout.contains("no longer occurs"), "\(casl.stdout)")
        #expect(
            casl.stdout.contains(
                "\(waivers):1:1: note: 2 waivers were not checked: no rule they name ran under this policy (ACC-009, LIC-001)"
            ))
        let notes = casl.stdout.split(separator: "\n").filter { $0.contains(": note: ") }
        #expect(notes.count == 2, "one for the waivers, one for the baseline")
        #expect(
            notes.contains {
                $0.hasPrefix("\(baseline):1:1: note: ") && $0.contains("baseline entries were not checked")
            })
        // The only warning is the stack's pasted credential, which this pack does not check.
        let warnings = casl.stdout.split(separator: "\n").filter { $0.contains(": warning: ") }
        #expect(warnings.allSatisfy { $0.contains("the policy does not include ACC-018") }, "\(casl.stdout)")
        // Under the policy that made the baseline, every entry is checked and found.
        let all = try Self.run(["check", stack, "--as-of", "2026-11-23", "--baseline", baseline])
        #expect(all.status == 0 && !all.stdout.contains(": note: "), "\(all.stdout)")
    }

    /// An output file that cannot be written stops every writing command with exit 2 and the
    /// reason, like invalid input; 64 stays for mistakes in the arguments.
    @Test func unwritableOutputExitsTwo() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A regular file where a directory is needed.
        let blocker = try Self.write("", "not-a-directory", in: directory)
        let stack = "fixtures/clean-stack"
        let runs = [
            ["check", stack, "--as-of", "2026-11-23", "--output", "\(blocker)/report.txt"],
            ["check", stack, "--as-of", "2026-11-23", "--report", "junit=\(blocker)/junit.xml"],
            ["export", "fides", stack, "--output", "\(blocker)/fides.yml"],
            ["baseline", "create", stack, "--as-of", "2026-11-23", "--output", "\(blocker)/baseline.json"],
        ]
        for arguments in runs {
            let run = try Self.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("error: cannot write \(blocker)/"), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("Usage:"), "\(arguments)")
        }
    }

    /// Reports are a set: when one cannot be written, none is, and no temporary file is left.
    @Test func oneUnwritableReportWritesNone() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let blocker = try Self.write("", "not-a-directory", in: directory)
        let run = try Self.run([
            "check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--report", "junit=\(directory.path)/junit.xml",
            "--report", "xml=\(directory.path)/report.xml", "--report", "sarif=\(blocker)/report.sarif",
        ])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("error: cannot write \(blocker)/report.sarif"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["not-a-directory"])
    }

    /// A device or FIFO named as an output is written to, never replaced by a file (as root a
    /// rename over `/dev/null` replaced the machine's null device); a link to a report file is
    /// written through and stays a link. The device is the test's own node, not /dev/null.
    @Test(.enabled(if: DeviceNode.canMake, "mknod is not permitted here"))
    func devicesAndLinksAsOutputsStayWhatTheyAre() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let device = directory.appendingPathComponent("mynull").path
        #expect(DeviceNode.makeNull(at: device))
        let real = try Self.write("old", "real.txt", in: directory)
        let link = directory.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.txt")
        let stack = "fixtures/retail-stack"
        let runs = [
            ["baseline", "create", stack, "--as-of", "2026-11-23", "--output", device],
            ["check", stack, "--as-of", "2026-11-23", "--report", "json=\(device)", "--report", "sarif=\(link)"],
            ["check", stack, "--as-of", "2026-11-23", "--output", device],
        ]
        for arguments in runs {
            let run = try Self.run(arguments)
            #expect([0, 1].contains(run.status), "\(arguments): \(run.stderr)")
            #expect(DeviceNode.kind(device) == S_IFCHR, "\(arguments)")
        }
        #expect(DeviceNode.kind(link) == S_IFLNK)
        #expect(try String(contentsOfFile: real, encoding: .utf8).contains("\"$schema\""))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [
                "link.json", "mynull", "real.txt",
            ])
    }

    /// A report whose target cannot take it (a directory) fails the run without leaving its
    /// temporary file; one file named twice by different spellings is refused like an exact
    /// duplicate (exit 64), and nothing is written.
    @Test func reportTargetsFailCleanlyAndSpellingsDoNotCollide() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let occupied = directory.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: true)
        _ = try Self.write("keep", "inside", in: occupied)
        let blocked = try Self.run([
            "check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--report", "junit=\(occupied.path)",
        ])
        #expect(
            blocked.status == 2 && blocked.stderr.contains("error: cannot write \(occupied.path)"), "\(blocked.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["occupied"])

        let twice = try Self.run([
            "check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--report", "junit=\(directory.path)/r.out",
            "--report", "sarif=\(directory.path)/./r.out",
        ])
        #expect(
            twice.status == 64 && twice.stderr.contains("two reports would be written to \(directory.path)/r.out"),
            "\(twice.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["occupied"])
    }

    /// Numbers past what an option can mean are usage errors, not overflows.
    @Test func hugeNumbersInOptionsAreUsageErrors() throws {
        let max = String(Int.max)
        let fileSize = try Self.run(["validate", "fixtures/clean-stack", "--max-file-size", max])
        #expect(fileSize.status == 64 && fileSize.stderr.contains("--max-file-size must be between 1 and"))
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let manifest = try Self.run([
            "bundle", "manifest", directory.path, "--name", "a", "--version", max, "--valid-days", max,
        ])
        #expect(manifest.status == 64 && manifest.stderr.contains("--valid-days must be between 1 and 36500"))
        let keygen = try Self.run([
            "bundle", "keygen", "--algorithm", "rsa-pss-sha256", "--rsa-bits", max, "--output", directory.path + "/k",
        ])
        #expect(keygen.status == 64 && keygen.stderr.contains("--rsa-bits must be between 3072 and 16384"))
        // Day counts saturate instead of overflowing.
        let waivers = try Self.run([
            "check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--waiver-warning-days", max,
        ])
        #expect(waivers.status == 0, "\(waivers.stderr)")
    }

    @Test func taxonomyCommandListsTheVocabulary() throws {
        let run = try Self.run(["taxonomy", "categories"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("# data categories\n"))
        #expect(run.stdout.contains("user.contact.email") && run.stdout.contains("user.childrens"))
        #expect(!run.stdout.contains("anonymous_user"))
        #expect(try Self.run(["taxonomy", "colours"]).status == 64)
    }

    /// `--output ""` (like an empty `--history` or `--bundle-state`, the other files commands
    /// write) is a mistake in the arguments (exit 64, naming the option), not a file that cannot
    /// be written (exit 2), and nothing is written.
    @Test func emptyOutputIsAUsageError() throws {
        let stack = "fixtures/clean-stack"
        for arguments in [
            ["check", stack], ["export", "fides", stack], ["baseline", "create", stack],
            ["audit", stack, "--key", "k.pem", "--key-id", "k"], ["bundle", "pack", "fixtures/bundles"],
            ["bundle", "keygen"],
        ] {
            let run = try Self.run(arguments + ["--output", ""])
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("invalid for '--output"), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty && !run.stderr.contains("cannot write"), "\(arguments)")
        }
        // The other files commands write: the audit history and the bundle rollback state.
        for (arguments, option) in [
            (["audit", stack, "--output", "p", "--key", "k.pem", "--key-id", "k"], "--history"),
            (["history"], "--history"), (["audit", "diff"], "--history"),
            (["check", stack], "--bundle-state"),
            (["bundle", "verify", "fixtures/bundles", "--trust", "t.yaml"], "--bundle-state"),
        ] {
            let run = try Self.run(arguments + [option, ""])
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("invalid for '\(option)"), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(arguments)")
        }
    }

    /// `--bundle-state` without `--bundle` was silently ignored; like `--trust`, it is a usage error.
    @Test func bundleStateWithoutABundleIsAUsageError() throws {
        for command in [["check"], ["baseline", "create", "--output", "b.json"]] {
            let run = try Self.run(command + ["fixtures/clean-stack", "--bundle-state", "state.json"])
            #expect(run.status == 64, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("--bundle-state applies only with --bundle PATH"), "\(run.stderr)")
            #expect(run.stdout.isEmpty, "\(command)")
        }
    }

    /// An unknown option is reported before the missing path it may have been meant to give.
    @Test func unknownOptionsComeBeforeMissingPaths() throws {
        let bogus = try Self.run(["check", "--bogus"])
        #expect(bogus.status == 64 && bogus.stderr.hasPrefix("Error: Unknown option '--bogus'"), "\(bogus.stderr)")
        for command in [["check"], ["validate"], ["audit", "run", "--output", "p", "--key", "k", "--key-id", "k"]] {
            let run = try Self.run(command)
            #expect(run.status == 64, "\(command)")
            #expect(
                run.stderr.hasPrefix(
                    "Error: name at least one declaration file or directory\nUsage: tollgate \(command[0])"),
                "\(run.stderr)")
        }
    }

    /// ArgumentParser reads `-shop.yaml` as the short flags `-s -h -o …` and answered the `-h`
    /// with the help and exit 0, so a CI gate passed on a path starting with '-'. It is an unknown
    /// option (64), with the command's usage; `-h`, `-help`, `--help` still show the help, and
    /// after `--` the word is a path.
    @Test func aDashedWordHoldingHIsAnUnknownOptionNotHelp() throws {
        for command in [
            ["check", "fixtures/retail-stack", "-shop.yaml", "--as-of", "2026-11-23"], ["validate", "-dash.yaml"],
            ["bundle", "sign", "-hx"],
        ] {
            let run = try Self.run(command)
            let word = command.first { $0.hasPrefix("-") }!
            #expect(run.status == 64, "\(command): \(run.stdout)")
            #expect(
                run.stderr.hasPrefix(
                    "Error: Unknown option '\(word)' (to name a path that starts with '-', put '--' before it or "
                        + "write ./\(word))\nUsage: tollgate \(command[0])"), "\(run.stderr)")
            #expect(!run.stdout.contains("OVERVIEW"))
        }
        for help in ["-h", "-help", "--help"] {
            let run = try Self.run(["check", "-shop.yaml", help])
            #expect(run.status == 0 && run.stdout.hasPrefix("OVERVIEW: Check declarations"), "\(help)")
        }
        let path = try Self.run(["validate", "--", "-shop.yaml"])
        #expect(path.status == 2 && path.stderr.hasPrefix("-shop.yaml:1:1: error: no such file"), "\(path.stderr)")
    }

    /// A stack directory entry whose name is not UTF-8 is an error at its path (Foundation's
    /// listing turned it into a name that opens nothing, and it was left out of the stack), and
    /// it is reported with the other files' errors; so is the same name given on the command
    /// line by its bytes, which is there and not "no such file". A name that really holds U+FFFD
    /// and is not there is still "no such file".
    @Test func aFileNameThatIsNotUTF8IsAnError() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Self.write(Self.cleanStack, "clean.yaml", in: directory)
        _ = try Self.write("version: 1\nsystems: [\n", "broken.yaml", in: directory)
        // "caf\xE9.yaml" in Latin-1, created by its bytes.
        let bytes = Array((directory.path + "/caf").utf8) + [0xE9] + Array(".yaml".utf8) + [0]
        let descriptor = bytes.withUnsafeBufferPointer { name in
            name.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        }
        #expect(descriptor >= 0)
        try FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).write(contentsOf: Data(Self.cleanStack.utf8))
        let shown = directory.path + "/caf\u{FFFD}.yaml"
        let error = "\(shown):1:1: error: the name is not valid UTF-8"
        for command in [["validate", directory.path], ["check", directory.path, "--as-of", "2026-11-23"]] {
            // `validate` writes its errors to standard error, `check` to its report.
            let run = try Self.run(command)
            let output = run.stdout + run.stderr
            #expect(run.status == 2, "\(command): \(output)")
            #expect(output.contains(error), "\(output)")
            #expect(
                output.contains("broken.yaml:2:10: error: syntax error: the list opened here by [ is never closed"),
                "\(output)")
        }
        // The shell passes the name's bytes as they are; `tollgate` sees them decoded.
        let named = try Self.run(
            ["-c", #"exec "$0" validate "caf$(printf '\351').yaml""#, Self.executable.path], in: directory,
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(named.status == 2)
        #expect(named.stderr.contains("caf\u{FFFD}.yaml:1:1: error: the name is not valid UTF-8"), "\(named.stderr)")
        #expect(!named.stderr.contains("no such file"), "\(named.stderr)")
        let missing = try Self.run(["validate", directory.path + "/n\u{FFFD}ne.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("n\u{FFFD}ne.yaml:1:1: error: no such file or directory"), "\(missing.stderr)")
    }

    /// A folder whose name is not UTF-8 is listed by its bytes: images or notes in it leave the
    /// stack valid, and each declaration file below it (at any depth) is an error at its path,
    /// reported with the other files' errors, naming the folder as the cause.
    @Test func aFolderNameThatIsNotUTF8FailsOnlyForTheDeclarationsInIt() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Self.write(Self.cleanStack, "clean.yaml", in: directory)
        /// Makes `parts` below `directory` by their bytes: folders, then a file when `file`.
        func make(_ parts: [[UInt8]], file: Bool) {
            var path = Array(directory.path.utf8)
            for (index, part) in parts.enumerated() {
                path += [0x2F] + part
                let status = (path + [0]).withUnsafeBufferPointer { name in
                    name.withMemoryRebound(to: CChar.self) { pointer in
                        file && index == parts.count - 1
                            ? close(open(pointer.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644))
                            : mkdir(pointer.baseAddress!, 0o755)
                    }
                }
                #expect(status == 0 || errno == EEXIST)
            }
        }
        // "Bilder-\xE4" in Latin-1, holding an image and a note.
        let images = Array("Bilder-".utf8) + [0xE4]
        make([images, Array("logo.png".utf8)], file: true)
        make([images, Array("notes.md".utf8)], file: true)
        let clean = try Self.run(["validate", directory.path])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stderr.isEmpty, "\(clean.stderr)")

        make([images, Array("sub".utf8), Array("extra.yaml".utf8)], file: true)
        make([images, Array(".hidden.yaml".utf8)], file: true)
        _ = try Self.write("version: 1\nsystems: [\n", "broken.yaml", in: directory)
        let run = try Self.run(["validate", directory.path])
        #expect(run.status == 2, "\(run.stderr)")
        let shown = directory.path + "/Bilder-\u{FFFD}/sub/extra.yaml"
        #expect(
            run.stderr.contains("\(shown):1:1: error: a folder's name in this path is not valid UTF-8"),
            "\(run.stderr)")
        #expect(
            run.stderr.contains("broken.yaml:2:10: error: syntax error: the list opened here by [ is never closed"),
            "\(run.stderr)")
        #expect(!run.stderr.contains("logo.png") && !run.stderr.contains("notes.md"), "\(run.stderr)")
        #expect(!run.stderr.contains(".hidden.yaml"), "\(run.stderr)")
        #expect(!run.stderr.contains("Bilder-\u{FFFD}:1:1"), "the folder itself is not the error: \(run.stderr)")
    }

    /// A subdirectory of the stack that cannot be listed is an error at its path, not an empty
    /// directory. As root, permissions do not stop a listing, so the run drops the two
    /// capabilities that bypass them (`setpriv --bounding-set`); without setpriv, as root, the
    /// test records an issue-free skip note and checks nothing.
    @Test func aDirectoryThatCannotBeListedIsAnError() throws {
        let directory = try Self.temporaryDirectory()
        defer {
            chmod(directory.appendingPathComponent("extra").path, 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
        _ = try Self.write(Self.cleanStack, "clean.yaml", in: directory)
        let extra = directory.appendingPathComponent("extra")
        try FileManager.default.createDirectory(at: extra, withIntermediateDirectories: true)
        _ = try Self.write("version: 1\n", "more.yaml", in: extra)
        #expect(chmod(extra.path, 0) == 0)
        var arguments = ["validate", directory.path]
        if geteuid() == 0 {
            let setpriv = "/usr/bin/setpriv"
            guard FileManager.default.isExecutableFile(atPath: setpriv) else {
                print("skipped: running as root without \(setpriv), a directory without permission can still be listed")
                return
            }
            arguments =
                [
                    "--bounding-set=-dac_override,-dac_read_search", Self.executable.path,
                ] + arguments
            let run = try Self.run(arguments, executable: URL(fileURLWithPath: setpriv))
            Self.expectUnlistable(run, extra.path)
        } else {
            Self.expectUnlistable(try Self.run(arguments), extra.path)
        }
    }

    static func expectUnlistable(_ run: Run, _ path: String) {
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(path):1:1: error: cannot read directory: permission denied"), "\(run.stderr)")
    }

    /// Counts read as English ("1 flow"), and a run that finds no file says so.
    @Test func validateSummaryWording() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = try Self.write(
            """
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm }
              - { id: esp, name: ESP, system_type: esp }
            flows:
              - { id: crm-to-esp, from: crm, to: esp, data_categories: [user.contact.email] }
            email_programs:
              - { id: news, system: esp }
            """, "stack.yaml", in: directory)
        let valid = try Self.run(["validate", stack])
        #expect(
            valid.stdout
                == "valid: 1 file, 2 systems, 1 flow, 0 accounts, 0 API keys, 0 assets, 0 web properties, 1 e-mail program\n"
        )
        // A pasted credential is not malformed input, but validate says so (made up per run).
        let token = Self.madeUpToken()
        let leaky = try Self.write(
            "version: 1\nsystems:\n  - { id: crm, name: CRM, system_type: crm, x-token: \(token) }\n", "leaky.yaml",
            in: directory)
        let warned = try Self.run(["validate", leaky])
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stdout.contains("leaky.yaml:3:54: warning: plaintext GitHub token (ghp_…) under 'x-token'"))
        #expect(warned.stdout.hasSuffix("; 1 plaintext credential (ACC-018 fails `tollgate check`)\n"))
        #expect(!warned.stdout.contains(String(token.dropFirst(4))), "masked")
        let empty = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let nothing = try Self.run(["validate", empty.path])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.hasSuffix("\n1 error; no declaration files found\n"), "\(nothing.stderr)")
        // One broken file of two: the summary says which share is broken, not "in 2 files".
        let mixed = directory.appendingPathComponent("mixed")
        try FileManager.default.createDirectory(at: mixed, withIntermediateDirectories: true)
        _ = try Self.write("version: 1\nsystems: [{ id: crm, name: CRM, system_type: crm }]\n", "a.yaml", in: mixed)
        _ = try Self.write("version: 1\nsystems: [{ id: esp, name: ESP, system_type: nope }]\n", "b.yaml", in: mixed)
        let partly = try Self.run(["validate", mixed.path])
        #expect(partly.status == 2)
        #expect(partly.stderr.hasSuffix("\n1 error in 1 of 2 files\n"), "\(partly.stderr)")
        let broken = try Self.run(["validate", mixed.appendingPathComponent("b.yaml").path])
        #expect(broken.stderr.hasSuffix("\n1 error in 1 file\n"), "\(broken.stderr)")
        // A path that could not be read is not counted as a broken file among those read.
        let good = mixed.appendingPathComponent("a.yaml").path
        let missing = try Self.run(["validate", good, mixed.appendingPathComponent("missing.yaml").path])
        #expect(missing.stderr.hasSuffix("\n1 error: 1 path could not be read\n"), "\(missing.stderr)")
    }

    /// A baseline made with `stack` from the stack's parent still knows ACC-018's findings when
    /// the stack is checked as `.` from inside it: findings about a file are named relative to
    /// the directory checked, not by the path as typed (they showed as new before).
    @Test func aFileFindingKeepsItsFingerprintFromAnotherWorkingDirectory() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let stack = root.appendingPathComponent("stack")
        try FileManager.default.createDirectory(at: stack, withIntermediateDirectories: true)
        let token = Self.madeUpToken()
        _ = try Self.write(
            "version: 1\nsystems:\n  - { id: crm, name: CRM, system_type: crm, x-token: \(token) }\n", "crm.yaml",
            in: stack)
        let created = try Self.run(
            ["baseline", "create", "stack", "--as-of", "2026-11-23", "--output", "baseline.json"], in: root)
        #expect(created.status == 0, "\(created.stderr)")
        let baseline = try String(contentsOf: root.appendingPathComponent("baseline.json"), encoding: .utf8)
        #expect(baseline.contains("\"subject\" : \"file:crm.yaml\""), "\(baseline)")
        let inside = try Self.run(
            ["check", ".", "--as-of", "2026-11-23", "--baseline", "../baseline.json", "--format", "json"], in: stack)
        #expect(inside.status == 0, "\(inside.stdout)\n\(inside.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(inside.stdout.utf8)) as? [String: Any]
        let findings = (object?["findings"] as? [[String: Any]] ?? []).filter { $0["rule_id"] as? String == "ACC-018" }
        #expect(findings.map { $0["subject"] as? String } == ["file:crm.yaml"])
        #expect(findings.map { $0["status"] as? String } == ["baselined"])
    }

    /// A negative number is the value of a numeric option, so validation names the bound; it was
    /// taken for an option ("Missing value for '--max-file-size <MiB>'").
    @Test func negativeNumbersReachValidation() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = try Self.write(Self.failingStack, "stack.yaml", in: directory)
        let cases: [([String], String)] = [
            (["check", stack, "--max-file-size", "-1"], "--max-file-size must be between 1 and "),
            (["validate", stack, "--max-file-size", "-1"], "--max-file-size must be between 1 and "),
            (["check", stack, "--waiver-warning-days", "-1"], "--waiver-warning-days must be 0 or more"),
            (
                ["bundle", "keygen", "--output", directory.path + "/k", "--rsa-bits", "-1"],
                "--rsa-bits must be between "
            ),
            (
                ["bundle", "manifest", directory.path, "--name", "n", "--version", "-1"],
                "--version must be between 1 and "
            ),
            (
                ["bundle", "manifest", directory.path, "--name", "n", "--version", "1", "--valid-days", "-1"],
                "--valid-days must be between 1 and "
            ),
            (["lineage-benchmark", "--systems", "-1"], "need at least 2 systems"),
        ]
        for (arguments, message) in cases {
            let run = try Self.run(arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix("Error: " + message), "\(arguments): \(run.stderr)")
        }
    }

    /// README documents `--timings`: `check --help` shows it and says where it prints (it was hidden).
    @Test func checkHelpShowsTimings() throws {
        let help = try Self.run(["check", "--help"], environment: ["COLUMNS": "200"]).stdout
        let line = try #require(help.split(separator: "\n").first { $0.contains("--timings") }, "\(help)")
        #expect(line.contains("to standard error") && line.contains("TOLLGATE_TIMINGS=1"), "\(line)")
    }

    /// The overview names every report format, and its examples wrap into lines of their own.
    @Test func rootHelpReadsWell() throws {
        let help = try Self.run(["--help"], environment: ["COLUMNS": "80"]).stdout
        #expect(
            help.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("a self-contained HTML report"))
    }

    /// The "Typical use" examples of `--help`, `audit --help` and `bundle --help` fit in 80
    /// columns: a long one goes on with `\` and an indented line, so that it can be copied. (The
    /// audit and bundle examples were wrapped by the parser, options landing on unindented lines.)
    @Test(arguments: [[String](), ["audit"], ["bundle"]])
    func typicalUseExamplesCanBeCopied(_ command: [String]) throws {
        let help = try Self.run(command + ["--help"], environment: ["COLUMNS": "80"]).stdout
        let start = try #require(help.range(of: "Typical use:\n"))
        let end = try #require(help.range(of: "\nExit codes", range: start.upperBound..<help.endIndex))
        let lines = help[start.upperBound..<end.lowerBound].split(separator: "\n")
        #expect(lines.count >= 5)
        for (index, line) in lines.enumerated() {
            let continued = index > 0 && lines[index - 1].hasSuffix(" \\")
            #expect(
                continued ? line.hasPrefix("    --") : line.hasPrefix("  tollgate "),
                "orphaned in \(command) --help: \(line)")
        }
    }

    /// `bundle manifest --help` names `--version` once, as the bundle's version (ArgumentParser's
    /// "Show the version." flag was listed beside it and did not work there); `--version 3` still
    /// sets the version, and `tollgate --version` still prints Tollgate's.
    @Test func bundleManifestHelpNamesVersionOnce() throws {
        let help = try Self.run(["bundle", "manifest", "--help"], environment: ["COLUMNS": "300"]).stdout
        let lines = help.split(separator: "\n").filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("--version")
        }
        #expect(lines.count == 1 && lines[0].contains("--version <version>"), "\(help)")
        #expect(!help.contains("Show the version"), "\(help)")
        let version = try Self.run(["--version"])
        #expect(version.status == 0 && version.stdout == TollgateVersion.current + "\n", "\(version.stderr)")
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Self.write("version: 1\nname: p\n", "p.yaml", in: directory)
        let manifest = try Self.run(["bundle", "manifest", directory.path, "--name", "acme", "--version", "3"])
        #expect(manifest.status == 0 && manifest.stdout.contains("'acme' version 3"), "\(manifest.stderr)")
    }

    /// An option's help does not list the values the parser lists after it (`audit run --fail-on`
    /// named them twice: "...: info, low, medium, high, critical. (values: info, ...)").
    @Test func optionValuesAreListedOnce() throws {
        let commands = [
            ["check"], ["validate"], ["audit", "run"], ["audit", "verify"], ["audit", "diff"], ["history"],
            ["baseline", "create"], ["export", "fides"], ["rules"], ["taxonomy"], ["bundle", "keygen"],
            ["bundle", "manifest"], ["bundle", "sign"], ["bundle", "pack"], ["bundle", "verify"],
            ["bundle", "inspect"],
        ]
        for command in commands {
            let help = try Self.run(command + ["--help"], environment: ["COLUMNS": "300"]).stdout
            for line in help.split(separator: "\n") {
                guard let marker = line.range(of: "(values: ") else { continue }
                let listed = line[marker.upperBound...].prefix { $0 != ";" && $0 != ")" }
                    .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let before = Set(
                    line[..<marker.lowerBound].split { !$0.isLetter && !$0.isNumber && $0 != "-" }.map(String.init))
                #expect(listed.filter(before.contains).count < 2, "\(command): \(line)")
            }
        }
    }
}
