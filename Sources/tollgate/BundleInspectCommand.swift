import ArgumentParser
import Foundation
import TollgateKit

struct BundleInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a bundle holds; with --trust, verify it and show its manifest.",
        discussion: """
            Without --trust nothing is vouched for: the container is listed (files with sizes and SHA-256, and \
            which key ids and CMS signer ids signed), with what the manifest claims (name, version, created, \
            expires) marked unverified; a manifest that does not parse is a warning. With --trust the bundle is \
            verified (without touching rollback state) and the verified manifest is shown.

            Exit codes: 0 listed (or verified); 2 the path cannot be read or is not a bundle; 3 (with --trust) the \
            bundle does not verify; 64 usage.
            """
    )

    @Argument(help: ArgumentHelp("The bundle: a directory or a packed file.", valueName: "path"))
    var bundle: String

    @Option(help: ArgumentHelp("A trust file, to verify and show the manifest.", valueName: "file"))
    var trust: String?

    func run() throws {
        let unverified = try container()
        if let trust {
            let verified: VerifiedBundle
            do {
                verified = try unverified.verify(trust: TrustStore.load(path: trust), statePath: nil)
            } catch {
                throw BundleGate.untrusted(error)
            }
            for warning in verified.warnings { Console.error("warning: \(warning)") }
            let manifest = verified.manifest
            try Console.out("bundle \(bundle) (verified)")
            try Console.out("name:     \(manifest.name)")
            try Console.out("version:  \(manifest.version)")
            try Console.out("created:  \(manifest.created)")
            try Console.out("expires:  \(manifest.expires)")
            try Console.out("signed by \(verified.signers.joined(separator: ", "))")
            try Console.out("manifest sha256 \(verified.manifestSHA256)")
            for file in manifest.files { try Console.out("  \(file.sha256)  \(pad(file.size))  \(file.path)") }
            return
        }
        for warning in unverified.warnings { Console.error("warning: \(warning)") }
        let listing = unverified.listing
        try Console.out(
            "bundle \(bundle) (\(unverified.isPacked ? "packed" : "directory"); UNVERIFIED: pass --trust to verify)")
        switch unverified.claims() {
        case .success(let claims):
            try Console.out(
                "claims: name \(claims.name), version \(claims.version), created \(claims.created), expires "
                    + "\(claims.expires) (unverified)")
        case .failure(let rejection):
            for problem in rejection.problems {
                Console.error("warning: the manifest does not parse, so its claims are not shown: \(problem)")
            }
        case nil:
            break
        }
        try Console.out("manifest.json sha256 \(listing.manifestSHA256 ?? "(missing)")")
        for signature in listing.signatures {
            try Console.out("signature by key id '\(signature.keyID)' (\(signature.size) bytes)")
        }
        for signature in listing.cmsSignatures {
            try Console.out("CMS signature by signer id '\(signature.signerID)' (\(signature.size) bytes)")
        }
        for file in listing.files { try Console.out("  \(file.sha256)  \(pad(file.size))  \(file.path)") }
    }

    /// The bundle's container, read without trusting anything. A path that cannot be read, or
    /// is not a bundle at all, is input the command cannot use (exit 2): inspecting passes no
    /// verdict on trust, so it is not "not trusted" (exit 3, which `--trust` gives a bundle that
    /// does not verify).
    private func container() throws -> UnverifiedBundle {
        do {
            return try UnverifiedBundle(contentsOf: bundle)
        } catch {
            let problems = error.problems.map { problem in
                problem.subject.isEmpty || problem.subject == bundle
                    ? problem.printableMessage : problem.description
            }
            let headline =
                error.reason == .unreadable ? "cannot read '\(bundle)'" : "'\(bundle)' is not a policy bundle"
            if problems.count == 1 {
                Console.error("error: \(headline): \(problems[0])")
            } else {
                Console.error("error: \(headline):")
                for problem in problems { Console.error("  \(problem)") }
            }
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
    }

    private func pad(_ size: Int) -> String {
        let text = String(size)
        return String(repeating: " ", count: max(0, 8 - text.count)) + text
    }
}
