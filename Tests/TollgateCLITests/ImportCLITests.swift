import Foundation
import Testing
import TollgateKit

/// Tool exports on the command line: detection, `--import KIND=PATH`, `export fides`, and
/// secrets never reaching a report.
@Suite("Command line: tool exports")
struct ImportCLITests {
    static let stack = "fixtures/importers/stack.yaml"
    static let secrets = "fixtures/importers/gtm/test-keys-secrets-in-tags.json"

    @Test func exportsAreDetectedByContent() throws {
        let run = try CLITests.run([
            "check", Self.stack, "fixtures/importers/gtm", "fixtures/importers/tcf", "--as-of", "2026-06-01",
        ])
        #expect(run.status == 1, "\(run.stderr)")
        for id in [
            "PRIV-101", "PRIV-102", "PRIV-103", "PRIV-104", "PRIV-105", "PRIV-106", "PRIV-107", "PRIV-108", "PRIV-109",
        ] {
            #expect(run.stdout.contains("[\(id)]"), "\(id) reports on the fixtures")
        }
    }

    @Test func explicitImportKind() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // An export with an unusual name is read when named with --import.
        let renamed = directory.appendingPathComponent("container.export").path
        try FileManager.default.copyItem(
            atPath: CLITests.packageRoot.appendingPathComponent(Self.secrets).path, toPath: renamed)
        let run = try CLITests.run([
            "check", Self.stack, "--import", "gtm-container=\(renamed)", "--as-of", "2026-06-01",
        ])
        #expect(run.status == 1 && run.stdout.contains("[PRIV-105]"), "\(run.stdout)\(run.stderr)")
        let wrong = try CLITests.run(["validate", "--import", "tcf-vendor-list=\(renamed)"])
        #expect(wrong.status == 2 && wrong.stderr.contains("does not look like a 'tcf-vendor-list' export"))
        let unknown = try CLITests.run(["check", Self.stack, "--import", "gtm=\(renamed)"])
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown import kind 'gtm'"))
    }

    /// A Google Workspace user export named by a system's `accounts_import`: findings about its
    /// users point at the line of the user's field in the export.
    @Test func workspaceUserExportFindingsPointIntoTheExport() throws {
        let run = try CLITests.run(["check", "fixtures/importers/workspace", "--as-of", "2026-06-01"])
        #expect(run.status == 1, "\(run.stderr)")
        let export = "fixtures/importers/workspace/workspace-users.json"
        #expect(
            run.stdout.contains("\(export):79:26: critical: admin account 'workspace/bob@example.com'"), "\(run.stdout)"
        )
        #expect(run.stdout.contains("\(export):135:23: medium: account 'workspace/dan@example.com' is dormant"))
        #expect(!run.stdout.contains("erin@example.com"))
    }

    /// The help of `--import` names every kind it accepts (it once named three of seven).
    @Test func importHelpNamesEveryKind() throws {
        for command in [["check"], ["validate"], ["baseline", "create"], ["audit", "run"]] {
            let help = try CLITests.run(command + ["--help"])
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let missing = BuiltInImporters.all().map(\.kind).filter { !text.contains($0) }
            #expect(missing.isEmpty, "\(command.joined(separator: " ")) --help leaves out \(missing)")
        }
    }

    /// Naming a file again (beside its directory, with `./`, or as an `--import` of a file in a
    /// directory also named) changes nothing: the same findings and inputs as naming it once.
    @Test func overlappingPathsGiveTheSameReport() throws {
        let once = try CLITests.run([
            "check", Self.stack, "fixtures/importers/gtm", "--import",
            "gtm-container=fixtures/importers/gtm/api-2025-lowercase.json", "--as-of", "2026-06-01", "--format", "json",
        ])
        #expect(once.status == 1, "\(once.stderr)")
        let first = try JSONSerialization.jsonObject(with: Data(once.stdout.utf8)) as? [String: Any]
        let total = ((first?["summary"] as? [String: Any])?["findings"] as? Int) ?? 0
        #expect(total > 0)
        for arguments in [
            [
                Self.stack, "fixtures/importers/gtm", "--import",
                "gtm-container=./fixtures/importers/gtm/api-2025-lowercase.json",
            ],
            [Self.stack, "fixtures/importers/gtm", "fixtures/importers/gtm/api-2025-lowercase.json", Self.stack],
        ] {
            let run = try CLITests.run(["check"] + arguments + ["--as-of", "2026-06-01", "--format", "json"])
            #expect(run.status == 1, "\(run.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            #expect(((report?["summary"] as? [String: Any])?["findings"] as? Int) == total, "\(arguments)")
            let inputs = report?["inputs"] as? [String] ?? []
            #expect(inputs.count == 6 && Set(inputs).count == 6, "\(inputs)")
        }
        let twice = try CLITests.run(["validate", "fixtures/retail-stack", "fixtures/retail-stack/accounts.yaml"])
        #expect(twice.status == 0, "\(twice.stderr)")
    }

    /// The values in the secrets fixture must not appear in any report format.
    @Test func secretsAreMaskedInEveryFormat() throws {
        let values = [
            "AKIAIOSFODNN7EXAMPLE", "jane.doe@example.com", "TESTKEY0123456789", "TestPassw0rd", "7946 0958",
            "support.lead@example.com",
        ]
        for format in ["text", "json", "junit"] {
            let run = try CLITests.run([
                "check", Self.stack, Self.secrets, "--format", format, "--as-of", "2026-06-01",
            ])
            #expect(run.status == 1)
            #expect(run.stdout.contains("PRIV-105"))
            for value in values {
                #expect(!run.stdout.contains(value) && !run.stderr.contains(value), "\(format) output reveals a value")
            }
        }
    }

    @Test func exportFidesRoundTripsThroughTheCommandLine() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("fides.yml").path
        let run = try CLITests.run(["export", "fides", Self.stack, "--output", output])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("note: 2 web properties not exported"))
        let again = try CLITests.run(["validate", output])
        #expect(again.status == 0 && again.stdout.contains("6 systems, 2 flows"), "\(again.stdout)\(again.stderr)")
    }
}
