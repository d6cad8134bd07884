import Foundation
import Testing

/// Options that name a key, certificate, trust file or rollback state refuse a device or FIFO
/// with the reason instead of reading it: `/dev/zero` never ends, so reading it whole ran until
/// memory was gone.
@Suite("Command line: devices as option files")
struct DeviceArgumentsCLITests {
    typealias CLI = CLITests

    @Test func aKeyOrTrustFileThatIsADeviceIsRefusedUnread() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bundle = directory.appendingPathComponent("bundle")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        _ = try CLI.write("version: 1\n", "base.yaml", in: bundle)
        #expect(
            try CLI.run(["bundle", "manifest", bundle.path, "--name", "acme", "--version", "1"]).status == 0)

        let sign = try CLI.run(["bundle", "sign", bundle.path, "--key", "/dev/zero", "--key-id", "a"])
        #expect(sign.status != 0)
        #expect(sign.stderr.contains("cannot read the key /dev/zero: it is not a regular file"), "\(sign.stderr)")

        let audit = try CLI.run([
            "audit", "fixtures/retail-stack", "--as-of", "2026-11-23", "--no-history", "--key", "/dev/zero",
            "--key-id", "a", "--output", directory.appendingPathComponent("pack").path,
        ])
        #expect(audit.status == 2)
        #expect(audit.stderr.contains("cannot read the signing key /dev/zero: it is not a regular file"))

        let check = try CLI.run([
            "check", "fixtures/retail-stack", "--as-of", "2026-11-23", "--bundle", bundle.path, "--trust", "/dev/zero",
        ])
        #expect(check.status == 3)
        #expect(check.stderr.contains("cannot read the trust file: it is not a regular file"), "\(check.stderr)")
    }

    /// A failed write to standard output is a failed output (exit 2, one line saying so), not
    /// a trap in Foundation's non-throwing `FileHandle.write` (exit 132 with a backtrace).
    @Test func aFullStandardOutputIsACannotWriteError() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        let rules = try CLI.run(["rules"], standardOutput: full)
        #expect(rules.status == 2, "\(rules.stderr)")
        let lines = rules.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(rules.stderr)")
        #expect(lines.first == "error: cannot write standard output: No space left on device", "\(rules.stderr)")
    }
}
