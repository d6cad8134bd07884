import ArgumentParser
import Foundation
import TollgateKit

extension KeyAlgorithm: ExpressibleByArgument {}

/// `tollgate bundle …`: make, sign, pack, inspect and verify signed policy bundles.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Make, sign, pack, inspect and verify signed policy bundles.",
        discussion: """
            A bundle is a directory (or one packed file) of policy packs, a manifest.json that lists \
            every file with its size and SHA-256, and detached signatures over the manifest's exact \
            bytes. Pipelines run `tollgate check --bundle PATH --trust FILE`; the format and the \
            openssl equivalents of every step are in docs/bundles.md.

            Typical use:
              tollgate bundle keygen --output keys/compliance-a
              tollgate bundle manifest dist/policy --name acme-policy --version 7 \\
                --valid-days 90
              tollgate bundle sign dist/policy --key keys/compliance-a.pem \\
                --key-id compliance-a
              tollgate bundle pack dist/policy --output acme-policy-7.bundle.tar
              tollgate bundle verify acme-policy-7.bundle.tar --trust trust.yaml

            Exit codes: 0 done or verified; 2 could not do it (bad input); 3 bundle not trusted; 64 usage.
            """,
        subcommands: [
            BundleKeygenCommand.self, BundleManifestCommand.self, BundleSignCommand.self, BundlePackCommand.self,
            BundleVerifyCommand.self, BundleInspectCommand.self,
        ]
    )
}

/// Where rollback state lives: `--bundle-state`, else `TOLLGATE_BUNDLE_STATE`, else
/// `.tollgate/bundle-state.json` in the working directory.
struct BundleStateOption: ParsableArguments {
    @Option(
        name: .customLong("bundle-state"),
        help: ArgumentHelp(
            "Rollback state file (highest version accepted per bundle name). Default: $TOLLGATE_BUNDLE_STATE, else .tollgate/bundle-state.json.",
            valueName: "file"),
        transform: OutputPath.parse)
    var path: String?

    var resolved: String {
        if let path { return path }
        if let value = ProcessInfo.processInfo.environment["TOLLGATE_BUNDLE_STATE"], !value.isEmpty { return value }
        return RollbackState.defaultPath
    }
}

/// Verification as the commands use it: rejections go to standard error and exit 3.
enum BundleGate {
    static func verify(_ path: String, trust trustPath: String, statePath: String?) throws -> VerifiedBundle {
        do {
            let trust = try TrustStore.load(path: trustPath)
            let verified = try UnverifiedBundle(contentsOf: path).verify(trust: trust, statePath: statePath)
            for warning in verified.warnings { Console.error("warning: \(warning)") }
            return verified
        } catch {
            throw untrusted(error)
        }
    }

    /// Prints a rejection and returns the exit that goes with it.
    static func untrusted(_ rejection: BundleRejection) -> ArgumentParser.ExitCode {
        Console.error(rejection.description)
        return ArgumentParser.ExitCode(TollgateKit.ExitCode.untrustedPolicy.rawValue)
    }

    /// Prints an authoring failure and returns exit 2.
    static func failed(_ failure: BundleBuilder.Failure) -> ArgumentParser.ExitCode {
        Console.error("error: \(failure)")
        return ArgumentParser.ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
    }

    /// `name version N (signers; manifest sha256 …)`, for confirmations.
    static func summary(_ bundle: VerifiedBundle) -> String {
        "'\(bundle.manifest.name)' version \(bundle.manifest.version), signed by \(bundle.signers.joined(separator: ", ")), "
            + "expires \(bundle.manifest.expires), manifest sha256 \(bundle.manifestSHA256)"
    }
}

/// Lines to standard output and standard error.
enum Console {
    static func out(_ line: String) throws { try write(Data((line + "\n").utf8)) }

    /// Writes to standard output with `write(2)` (`OutputFile.writeAll`), not Foundation's
    /// `FileHandle.write`, which traps on an error (a full disk, `> /dev/full`) or, in its
    /// throwing form, hides the system's reason in a generic one. A failed write is a failed
    /// output: exit 2 with `error: cannot write standard output: No space left on device`.
    static func write(_ data: Data) throws {
        do {
            try data.withUnsafeBytes { try OutputFile.writeAll($0, to: STDOUT_FILENO, path: "standard output") }
        } catch {
            throw Output.cannotWrite("standard output", error)
        }
    }

    /// Standard error is where failures are told, so one that cannot be written is dropped.
    static func error(_ line: String) { try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8)) }
}
