import ArgumentParser
import Foundation
import TollgateKit

struct BundleManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Write manifest.json for the files in a bundle directory (and remove stale signatures).",
        discussion:
            "Lists every file with its size and SHA-256. Versions must only go up for a bundle name: pipelines that accepted version N refuse anything lower."
    )

    @Argument(help: ArgumentHelp("The bundle directory holding the policy packs.", valueName: "dir"))
    var directory: String

    @Option(help: "The bundle name (letters, digits, '.', '_', '-').")
    var name: String

    @Option(parsing: .unconditional, help: "The version, a whole number above every earlier version of this bundle.")
    var version: Int

    @Option(
        name: .customLong("valid-days"), parsing: .unconditional,
        help: "Days until the bundle expires, from --created (default 90, at most \(Self.maximumValidDays)).")
    var validDays: Int?

    @Option(help: ArgumentHelp("Expiry as YYYY-MM-DDTHH:MM:SSZ (instead of --valid-days).", valueName: "time"))
    var expires: String?

    @Option(help: ArgumentHelp("Creation time as YYYY-MM-DDTHH:MM:SSZ (default: now).", valueName: "time"))
    var created: String?

    /// A century: bundles are meant to expire (and be re-signed) far sooner, and the bound keeps
    /// the expiry a four-digit-year timestamp instead of overflowing.
    static let maximumValidDays = 36_500

    /// Every mistake in the options, reported together (`UsageProblems`), all found before the
    /// directory is read (a bad `--name` was once exit 2).
    func validate() throws {
        try UsageProblems.validate { problems in
            let before = problems.messages.count
            if validDays != nil && expires != nil { problems.add("give --valid-days or --expires, not both") }
            if let validDays, validDays < 1 || validDays > Self.maximumValidDays {
                problems.add("--valid-days must be between 1 and \(Self.maximumValidDays)")
            }
            for (flag, value) in [("--expires", expires), ("--created", created)] {
                if let value, Timestamp(rfc3339: value) == nil {
                    problems.add("\(flag) must be YYYY-MM-DDTHH:MM:SSZ (UTC), got '\(value)'")
                }
            }
            // Compared only when each time option is valid: `times` replaces a bad one by a
            // default, and a --valid-days out of range overflows it.
            let timesAreValid = problems.messages.count == before
            if version < 1 || version > BundleManifest.maximumVersion {
                problems.add("--version must be between 1 and \(BundleManifest.maximumVersion)")
            }
            if let problem = BundleManifest.nameProblem(name) { problems.add("--name: \(problem)") }
            if timesAreValid, case (let createdAt, let expiresAt) = times, expiresAt <= createdAt {
                problems.add("--expires (\(expiresAt)) must be after the creation time (\(createdAt))")
            }
        }
    }

    /// The creation and expiry times the options give.
    var times: (created: Timestamp, expires: Timestamp) {
        let createdAt = created.flatMap(Timestamp.init(rfc3339:)) ?? .now()
        let expiresAt =
            expires.flatMap(Timestamp.init(rfc3339:)) ?? createdAt.adding(seconds: Int64(validDays ?? 90) * 86_400)
        return (createdAt, expiresAt)
    }

    func run() throws {
        let (createdAt, expiresAt) = times
        let manifest: BundleManifest
        do {
            let warnings: [String]
            let removed: [String]
            (manifest, warnings, removed) = try BundleBuilder.writeManifest(
                directory: directory, name: name, version: version, created: createdAt, expires: expiresAt)
            for warning in warnings { Console.error("warning: \(warning)") }
            for path in removed { Console.error("removed stale signature \(path)") }
        } catch {
            throw BundleGate.failed(error)
        }
        try Console.out(
            "wrote \(directory)/manifest.json: '\(manifest.name)' version \(manifest.version), \(manifest.files.count.counted("file")), expires \(manifest.expires)"
        )
    }
}
