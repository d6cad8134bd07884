import ArgumentParser
import Foundation
import TollgateHistory
import TollgateKit
import TollgateRules

/// `tollgate audit …`: evidence packs for compliance officers, and what changed between audits.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit a stack into a signed evidence pack; verify packs; compare audits.",
        discussion: """
            `tollgate audit STACK --output PACK --key auditor.pem --key-id NAME` checks the stack against \
            the whole policy (every built-in rule; or --policy packs, every pack of --policy-dir, or a \
            signed --bundle) and writes an evidence pack: the report in every format (including a \
            self-contained HTML report), the Art. 30 record of processing as CSV, the exact inputs, \
            policy and waivers, and audit.json, all listed with SHA-256 digests in a manifest signed \
            with the auditor's key. The audit is also recorded in the history database \
            (tollgate-history.sqlite, or --history PATH).

            Typical use:
              tollgate bundle keygen --output keys/auditor
              tollgate audit stack/ --policy-dir policies --output evidence/2026-q3 \\
                --key keys/auditor.pem --key-id auditor --label 2026-Q3
              tollgate audit verify evidence/2026-q3 --key keys/auditor.pub
              tollgate audit diff                 the last two audits
              tollgate audit diff 3 5             two audits by number
              tollgate history                    every audit, with the trend

            Exit codes of `audit`: as `check` (0 passed, 1 findings at or above --fail-on, 2 invalid \
            input, a file it names (--key) that cannot be read or is not a private key, or the pack could \
            not be written, 3 policy bundle not trusted; a bad --key-id is a usage error, checked before \
            anything runs). `audit verify`: 0 verified, 2 the --key file cannot be read, 3 the pack \
            does not verify.
            """,
        subcommands: [AuditRunCommand.self, AuditVerifyCommand.self, AuditDiffCommand.self],
        defaultSubcommand: AuditRunCommand.self
    )
}

/// The history database option shared by the audit and history commands.
struct HistoryOption: ParsableArguments {
    @Option(
        name: .customLong("history"),
        help: ArgumentHelp(
            "The audit history database (SQLite). Default: tollgate-history.sqlite in the working directory.",
            valueName: "file"),
        transform: OutputPath.parse)
    var path: String = HistoryStore.defaultPath

    /// Opens the history, creating it when missing, for recording an audit.
    func open() throws -> HistoryStore {
        try reportingErrors { try HistoryStore(path: path) }
    }

    /// Opens the history for reading: nil when there is none, which is not created.
    func openExisting() throws -> HistoryStore? {
        try reportingErrors { try HistoryStore.existing(path: path) }
    }

    /// Opens the history an audit is to be recorded in before the audit runs: nil when there is
    /// none yet, which `open()` creates once there is an audit to record.
    func openForRecording() throws -> HistoryStore? {
        try reportingErrors { try HistoryStore.forRecording(path: path) }
    }

    /// Turns the history's errors into exit 2 with the message on standard error.
    private func reportingErrors<Store>(_ opening: () throws -> Store) throws -> Store {
        do {
            return try opening()
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
    }
}

struct AuditRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Check the stack and write a signed evidence pack (the default of `tollgate audit`).")

    @OptionGroup var input: InputOptions

    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp("A policy pack (YAML). Repeat for several; default: every built-in rule.", valueName: "file")
    )
    var policies: [String] = []

    @Option(
        name: .customLong("policy-dir"),
        help: ArgumentHelp(
            "Run every policy pack (.yaml, .yml) in this directory, in name order, e.g. policies/.", valueName: "dir"))
    var policyDirectory: String?

    @OptionGroup var signed: SignedPolicyOptions

    @Option(
        name: .customLong("output"), help: ArgumentHelp("The evidence pack directory to create.", valueName: "dir"),
        transform: OutputPath.parse)
    var output: String

    @Option(
        name: .customLong("key"),
        help: ArgumentHelp("The auditor's private key (PEM) to sign the pack.", valueName: "file"))
    var key: String

    @Option(
        name: .customLong("key-id"),
        help: ArgumentHelp(
            "The id the signature is filed under (signatures/ID.sig), as in trust files.", valueName: "id"))
    var keyID: String

    @Option(help: ArgumentHelp("A name for this audit in the history, e.g. 2026-Q3.", valueName: "text"))
    var label: String?

    @OptionGroup var failOnOption: FailOnOption
    var failOn: FailThreshold { failOnOption.threshold }

    @Option(
        name: .customLong("as-of"), help: ArgumentHelp("Evaluate dates as of this day (YYYY-MM-DD).", valueName: "date")
    )
    var asOf: String?

    @OptionGroup var exceptions: ExceptionOptions

    @Option(help: ArgumentHelp("A baseline file from `tollgate baseline create`.", valueName: "file"))
    var baseline: String?

    @OptionGroup var history: HistoryOption

    @Flag(name: .customLong("no-history"), help: "Do not record the audit in the history database.")
    var noHistory = false

    /// Every mistake in the options, reported together (`UsageProblems`); then the policy
    /// directory, which is read here and is not a usage mistake (exit 2).
    func validate() throws {
        try UsageProblems.validate { problems in
            input.check(&problems)
            exceptions.check(&problems)
            problems.record { _ = try AsOf.resolve(asOf) }
            if let problem = EvidencePack.keyIDProblem(keyID) { problems.add("--key-id: \(problem)") }
            // A bundle excludes plain packs, from --policy or from --policy-dir alike.
            signed.check(policies: policies + [policyDirectory].compactMap { $0 }, &problems)
        }
        _ = try allPolicies()
    }

    /// `--policy` packs, then those of `--policy-dir` in name order (later packs win where two
    /// configure the same rule).
    func allPolicies() throws -> [String] {
        guard let policyDirectory else { return policies }
        let names = try NamedFile.directoryContents(of: policyDirectory, what: "the policy directory")
        let packs = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        if packs.isEmpty {
            Console.error("error: the policy directory \(policyDirectory) holds no policy pack (.yaml or .yml)")
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
        return policies + packs.map { policyDirectory + "/" + $0 }
    }

    func run() throws {
        let sources = try input.sources
        let day = try AsOf.resolve(asOf)
        let policies = try allPolicies()
        // The pack holds JSON and copies of the declarations: inside a declaration directory the
        // next check would read them as declarations (its audit.json stands for all of them).
        // Listed once for the refusal and the loader, as `check` does.
        let inputFiles = InventoryLoader.inputFiles(sources.paths, imports: sources.imports)
        try CommandInputs(
            input, declarations: inputFiles.0, policies: policies, signed: signed, exceptions: exceptions,
            baseline: baseline
        )
        .refuse(output: output + "/audit.json", option: "--output \(output)", what: "evidence pack")
        if let problem = EvidencePack.targetProblem(output) {
            Console.error("error: \(problem); name a new or empty directory for --output")
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
        let keyPEM = try NamedFile.contents(of: key, what: "the signing key")
        // A key that cannot sign stops the audit before the check runs and anything is staged.
        do {
            try EvidencePack.checkSigningKey([UInt8](keyPEM))
        } catch {
            Console.error("error: cannot sign with \(key): \(error)")
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
        // Check the history first: a database this build cannot write stops the audit before any pack
        // exists, and a missing one is created only when there is an audit to record.
        let existing = noHistory ? nil : try history.openForRecording()
        let bundle = try signed.verifiedBundle(policies: policies)
        let report = CheckRunner(
            rules: BuiltInRules.all, limits: input.limits, importers: BuiltInImporters.all(limits: input.limits)
        )
        .run(
            paths: sources.paths, imports: sources.imports, inputFiles: inputFiles, policyPaths: policies,
            bundle: bundle,
            asOf: day, failOn: failOn, exceptions: exceptions.exceptions(baseline: baseline))
        if report.isInvalidInput {
            FileHandle.standardError.write(Data(Output.summaryLine(report).utf8))
            Console.error("error: nothing was audited and no evidence pack was written")
            throw ExitCode(report.exitCode.rawValue)
        }
        let written: EvidencePack.Written
        do {
            written = try EvidencePack.write(
                EvidencePack.Contents(
                    report: report, bundle: bundle, privateKeyPEM: [UInt8](keyPEM), keyID: keyID, created: .now()),
                to: output)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
        try Console.out(TextReporter().summary(report))
        try Console.out(
            "evidence pack \(output): \(written.fileCount) files, manifest sha256 \(written.manifestSHA256), signed by '\(keyID)' (\(written.keyFingerprint))"
        )
        if !noHistory {
            let store = try existing ?? history.open()
            do {
                let record = try store.record(
                    AuditSnapshot(report), label: label, stack: input.paths.joined(separator: " "), pack: output,
                    manifestSHA256: written.manifestSHA256)
                try Console.out("recorded audit \(AuditDiff.escaped(record.name)) in \(store.path)")
            } catch {
                Console.error("error: \(error)")
                throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
            }
        }
        throw ExitCode(report.exitCode.rawValue)
    }
}

struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an evidence pack: its signature and that no file was edited, added or removed.",
        discussion: """
            With --trust (a trust file as for policy bundles) or --key (the auditor's public key), the \
            signer is checked too. With neither, the pack is checked against the public key stored in it, \
            which shows only that nothing changed since that key signed it: compare the printed \
            fingerprint with the one the auditor published.
            """)

    @Argument(help: ArgumentHelp("The evidence pack directory.", valueName: "pack"))
    var pack: String

    @Option(help: ArgumentHelp("A trust file (YAML) naming the auditors' keys.", valueName: "file"))
    var trust: String?

    @Option(name: .customLong("key"), help: ArgumentHelp("The auditor's public key (PEM).", valueName: "file"))
    var key: String?

    func validate() throws {
        if trust != nil, key != nil { throw ValidationError("give --trust or --key, not both") }
    }

    func run() throws {
        do {
            let verified: VerifiedBundle
            var note: String?
            if let trust {
                verified = try EvidencePack.verify(pack, trust: TrustStore.load(path: trust))
            } else if let key {
                // The given key is all that is needed: the key stored in the pack is not read, so a
                // pack without one (or a policy bundle) is judged by the verification below. A
                // --key file that is not a public key is the file's problem (exit 2), not the pack's.
                let pem = try NamedFile.contents(of: key, what: "the public key")
                let given: TrustStore.Key
                do {
                    given = try TrustStore.single(keyID: "", publicKeyPEM: [UInt8](pem), file: key).keys[0]
                } catch {
                    Console.error(
                        "error: cannot use the public key \(key): \(error.problems.map(\.message).joined(separator: "; "))"
                    )
                    throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
                }
                verified = try EvidencePack.verify(pack, key: given, keyFile: key)
            } else {
                let file = pack + "/" + EvidencePack.publicKeyFile
                let stored = try TrustStore.single(
                    keyID: "", publicKeyPEM: EvidencePack.embeddedKey(pack), file: file
                ).keys[0]
                verified = try EvidencePack.verify(pack, key: stored, keyFile: file)
                note =
                    "checked against the key stored in the pack (\(stored.fingerprint)); compare it with the auditor's published fingerprint, or pass --key or --trust"
            }
            for warning in verified.warnings { Console.error("warning: \(warning)") }
            try Console.out(
                "verified evidence pack \(pack): \(verified.manifest.files.count) files unchanged, signed by \(verified.signers.joined(separator: ", ")), created \(verified.manifest.created), manifest sha256 \(verified.manifestSHA256)"
            )
            if let note { Console.error("note: \(note)") }
        } catch let rejection as BundleRejection {
            Console.error("error: evidence pack '\(pack)' does not verify (\(rejection.reasons))")
            for problem in rejection.problems { Console.error("  \(problem)") }
            throw ExitCode(TollgateKit.ExitCode.untrustedPolicy.rawValue)
        }
    }
}

struct AuditDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two recorded audits (default: the last two).",
        discussion: """
            Names new and removed systems and flows, flows whose route, categories, purpose or legal \
            basis changed, data categories newly sent to third parties, seat changes, and new, fixed, \
            newly waived and no longer waived findings, counting as new or fixed only findings of rules \
            that ran in both audits. Audits are numbered as `tollgate history` lists them.
            """)

    @Argument(help: ArgumentHelp("The earlier audit's number.", valueName: "from"))
    var from: Int64?

    @Argument(help: ArgumentHelp("The later audit's number.", valueName: "to"))
    var to: Int64?

    @OptionGroup var history: HistoryOption

    func validate() throws {
        // Audits are numbered from 1 (`tollgate history` lists them); a negative number never
        // reaches here as one (the parser reads `-1` as an option), so the message says both.
        let hint =
            "name two audits by their numbers (1 or more, as `tollgate history` lists them), e.g. "
            + "`tollgate audit diff 3 5`, or none for the last two"
        if from != nil, to == nil { throw ValidationError(hint) }
        if let from, let to, from < 1 || to < 1 { throw ValidationError(hint) }
    }

    func run() throws {
        let store = try history.openExisting()
        do {
            guard let store else { throw HistoryError.notEnoughAudits(path: history.path, needed: 2, found: 0) }
            let (before, after): (AuditRecord, AuditRecord)
            if let from, let to {
                (before, after) = (try store.audit(from), try store.audit(to))
            } else {
                let audits = try store.audits()
                guard audits.count >= 2 else {
                    throw HistoryError.notEnoughAudits(path: store.path, needed: 2, found: audits.count)
                }
                (before, after) = (audits[audits.count - 2], audits[audits.count - 1])
            }
            let diff = AuditDiff(before: try store.snapshot(before.id), after: try store.snapshot(after.id))
            try Console.write(
                Data(diff.text(beforeName: "audit \(before.name)", afterName: "audit \(after.name)").utf8))
        } catch let error as HistoryError {
            Console.error("error: \(error)")
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
    }
}
