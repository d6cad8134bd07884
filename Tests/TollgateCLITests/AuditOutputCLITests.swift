import Foundation
import Testing

/// `tollgate audit --output`: nothing there is ever removed, and an interrupted or failed audit
/// leaves no staging directory (with its copies of the inputs) and no parents it created.
@Suite("Command line: audit output")
struct AuditOutputCLITests {
    typealias CLI = CLITests

    /// Makes a signing key in `directory`; the audit arguments writing to `output` with it.
    static func audit(into directory: URL, output: String) throws -> [String] {
        let keys = directory.appendingPathComponent("auditor").path
        if !FileManager.default.fileExists(atPath: keys + ".pem") {
            #expect(try CLI.run(["bundle", "keygen", "--output", keys]).status == 0)
        }
        return [
            "audit", "fixtures/retail-stack", "--as-of", "2026-11-23", "--no-history", "--key", keys + ".pem",
            "--key-id", "auditor", "--output", output,
        ]
    }

    static func entries(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    /// Starts the audit with its output and errors going to files in `directory`, with SIGINT
    /// and SIGTERM unblocked as a shell or CI runner starts it: a test runs on a libdispatch
    /// thread that blocks them, and a process spawned from it inherits that signal mask.
    static func start(_ arguments: [String], logs directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = CLI.packageRoot
        let log = directory.appendingPathComponent("log-\(UUID().uuidString).txt")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        var previous = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &signals, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
        return process
    }

    /// Waits until `path` exists while `process` runs; false when it ended first.
    static func waitFor(_ path: String, while process: Process) -> Bool {
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            if FileManager.default.fileExists(atPath: path) { return true }
            usleep(1000)
        }
        return false
    }

    /// A file at --output: exit 2, the file untouched. A parent that is a file: exit 2 naming
    /// --output and the reason, not the hidden staging path. Both are refused before the check.
    @Test func aFileAtOrAboveTheOutputIsRefused() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let precious = try CLI.write("IMPORTANT DATA\n", "precious.txt", in: directory)
        let run = try CLI.run(try Self.audit(into: directory, output: precious))
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("error: \(precious) exists and is not a directory"), "\(run.stderr)")
        #expect(try String(contentsOfFile: precious, encoding: .utf8) == "IMPORTANT DATA\n")

        // Refused before the check runs: a stack that does not load is not reported first.
        let broken = try CLI.write("version: 1\nsystems: [\n", "broken.yaml", in: directory)
        var early = try Self.audit(into: directory, output: precious)
        early[1] = broken
        let refused = try CLI.run(early)
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("error: \(precious) exists and is not a directory"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("broken.yaml"), "\(refused.stderr)")
        try FileManager.default.removeItem(atPath: broken)

        let below = precious + "/sub"
        let blocked = try CLI.run(try Self.audit(into: directory, output: below))
        #expect(blocked.status == 2, "\(blocked.stderr)")
        #expect(
            blocked.stderr.contains("error: cannot create \(below): \(precious) is not a directory"),
            "\(blocked.stderr)")
        #expect(!blocked.stderr.contains(".partial") && !blocked.stderr.contains("NSCocoaErrorDomain"))
        #expect(Self.entries(directory) == ["auditor.pem", "auditor.pub", "precious.txt"])

        // Below a file, deeper too: refused before the check runs as well.
        for output in [below, precious + "/sub/deeper"] {
            let broken = try CLI.write("version: 1\nsystems: [\n", "broken.yaml", in: directory)
            var early = try Self.audit(into: directory, output: output)
            early[1] = broken
            let refused = try CLI.run(early)
            #expect(refused.status == 2)
            #expect(
                refused.stderr.hasPrefix("error: cannot create \(output): \(precious) is not a directory"),
                "\(refused.stderr)")
            #expect(!refused.stderr.contains("broken.yaml"), "\(refused.stderr)")
            try FileManager.default.removeItem(atPath: broken)
        }
        #expect(Self.entries(directory) == ["auditor.pem", "auditor.pub", "precious.txt"])
    }

    /// Two audits into one --output at once: one pack is written, the other audit fails with
    /// exit 2 and does not replace it; the pack on disk is the one the winner reported.
    @Test func twoAuditsIntoOneOutputDoNotReplaceEachOther() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pack = directory.appendingPathComponent("race").path
        let arguments = try Self.audit(into: directory, output: pack)
        let runs = try [0, 1].map { _ in try Self.start(arguments, logs: directory) }
        for process in runs { process.waitUntilExit() }
        let statuses = runs.map(\.terminationStatus).sorted()
        #expect(statuses == [1, 2], "one writes the pack (blocking findings: 1), the other is refused")
        let logs = Self.entries(directory).filter { $0.hasPrefix("log-") }.map {
            (try? String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) ?? ""
        }
        let loser = logs.first { $0.contains("error:") } ?? ""
        #expect(loser.contains("appeared meanwhile") || loser.contains("already exists and is not empty"), "\(loser)")
        let winner = try #require(logs.first { $0.contains("evidence pack \(pack):") })
        let verified = try CLI.run([
            "audit", "verify", pack, "--key", directory.appendingPathComponent("auditor.pub").path,
        ])
        #expect(verified.status == 0, "\(verified.stderr)")
        let sha = try #require(verified.stdout.components(separatedBy: "manifest sha256 ").last?.prefix(64))
        #expect(winner.contains("manifest sha256 \(sha)"))
        #expect(!Self.entries(directory).contains { $0.hasSuffix(".partial") })
    }

    /// SIGINT or SIGTERM while the pack is staged: the staging directory and the parents the
    /// audit created are removed, and the process ends by the signal (130/143 in a shell).
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedAuditLeavesNothing(signal: Int32) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let logs = directory.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: false)
        let output = directory.appendingPathComponent("ev/new/deep/pack").path
        let arguments = try Self.audit(into: logs, output: output)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("ev"), withIntermediateDirectories: false)
        // The audit may finish before it is caught staging on a fast machine: try again then.
        for _ in 0..<5 {
            let process = try Self.start(arguments, logs: logs)
            let staging = directory.appendingPathComponent(
                "ev/new/deep/.pack.tollgate-\(process.processIdentifier).partial")
            guard Self.waitFor(staging.path, while: process) else {
                process.waitUntilExit()
                try? FileManager.default.removeItem(at: directory.appendingPathComponent("ev/new"))
                continue
            }
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            if process.terminationReason == .exit, process.terminationStatus == 1 {
                // Renamed into place just before the signal came: a whole pack; again.
                try FileManager.default.removeItem(at: directory.appendingPathComponent("ev/new"))
                continue
            }
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(process.terminationStatus == signal)
            #expect(Self.entries(directory.appendingPathComponent("ev")) == [], "no staging directory, no parents")
            return
        }
        let log = Self.entries(logs).filter { $0.hasPrefix("log-") }.compactMap {
            try? String(contentsOf: logs.appendingPathComponent($0), encoding: .utf8)
        }
        Issue.record("the audit was never caught while its pack was staged: \(log)")
    }

    /// SIGKILL cannot be caught: the staging directory stays, and the next audit to the same
    /// --output removes it once its process is gone.
    @Test func theNextAuditRemovesWhatSIGKILLLeft() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("pack").path
        let arguments = try Self.audit(into: directory, output: output)
        for _ in 0..<5 {
            let process = try Self.start(arguments, logs: directory)
            let name = ".pack.tollgate-\(process.processIdentifier).partial"
            guard Self.waitFor(directory.appendingPathComponent(name).path, while: process) else {
                process.waitUntilExit()
                try? FileManager.default.removeItem(atPath: output)
                continue
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard Self.entries(directory).contains(name) else { continue }
            let next = try CLI.run(arguments)
            #expect(next.status == 1, "\(next.stderr)")
            #expect(!Self.entries(directory).contains { $0.hasSuffix(".partial") })
            #expect(Self.entries(directory).contains("pack"))
            return
        }
        Issue.record("the audit was never caught while its pack was staged")
    }
}
