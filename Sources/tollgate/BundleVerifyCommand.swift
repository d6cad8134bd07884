import ArgumentParser
import Foundation
import TollgateKit

struct BundleVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a bundle against a trust file; exit 3 with the reason when it is not trusted.",
        discussion: """
            Checks the signatures (threshold, revocation, key validity; for CMS signatures the certificate \
            chain to the trust file's CA certificates and the pinned identity), the manifest's expiry by this \
            machine's real clock, the exact file set, and rollback: a version lower than the highest \
            accepted for the bundle name is refused, and a newly accepted version is recorded in the \
            state file.
            """
    )

    @Argument(help: ArgumentHelp("The bundle: a directory or a packed file.", valueName: "path"))
    var bundle: String

    @Option(help: ArgumentHelp("The trust file (YAML).", valueName: "file"))
    var trust: String

    @OptionGroup var state: BundleStateOption

    func run() throws {
        let verified = try BundleGate.verify(bundle, trust: trust, statePath: state.resolved)
        try Console.out("verified \(bundle): \(BundleGate.summary(verified))")
        for path in verified.policyFiles { try Console.out("  policy pack \(path)") }
    }
}
