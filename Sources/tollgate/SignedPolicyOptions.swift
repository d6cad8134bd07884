import ArgumentParser
import Foundation
import TollgateKit

/// The options for signed policy of every command that checks a stack (`check`, `audit`,
/// `baseline create`): `--bundle`, `--trust`, `--bundle-state`, and the CI switch that makes
/// anything but a verified bundle an error.
struct SignedPolicyOptions: ParsableArguments {
    @Option(
        name: .customLong("bundle"),
        help: ArgumentHelp(
            "A signed policy bundle (directory or packed file), verified against --trust before use.",
            valueName: "path"))
    var bundle: String?

    @Option(name: .customLong("trust"), help: ArgumentHelp("The trust file for --bundle (YAML).", valueName: "file"))
    var trust: String?

    @OptionGroup var state: BundleStateOption

    @Flag(
        name: .customLong("require-signed-policy"),
        help:
            "Refuse to run (exit 3) unless the policy comes from a verified --bundle. Also TOLLGATE_REQUIRE_SIGNED_POLICY=1."
    )
    var requireSignedPolicy = false

    /// The environment switch, so a CI platform can enforce signed policy for every job
    /// without editing each job's command line.
    static let environmentVariable = "TOLLGATE_REQUIRE_SIGNED_POLICY"

    /// Adds the mistakes in these options to `problems` (`UsageProblems`); `policies` are the
    /// plain packs the command was given, which a bundle excludes.
    func check(policies: [String], _ problems: inout UsageProblems) {
        if bundle != nil, !policies.isEmpty {
            problems.add("--bundle and --policy cannot be combined: put every pack into the bundle")
        }
        if bundle != nil, trust == nil { problems.add("--bundle needs --trust FILE to verify it against") }
        if bundle == nil, trust != nil { problems.add("--trust applies only with --bundle PATH") }
        // The state is only read and written when a bundle is verified: given alone it did nothing.
        if bundle == nil, state.path != nil { problems.add("--bundle-state applies only with --bundle PATH") }
        problems.record { _ = try signedPolicyRequired() }
    }

    func signedPolicyRequired() throws -> Bool {
        if requireSignedPolicy { return true }
        switch ProcessInfo.processInfo.environment[Self.environmentVariable]?.lowercased() {
        case nil, "", "0", "false", "no": return false
        case "1", "true", "yes": return true
        case let other?:
            throw ValidationError("\(Self.environmentVariable) must be 1 or 0 (true/false, yes/no), got '\(other)'")
        }
    }

    /// The verified bundle, `nil` when none is named; exits 3 when the bundle is not trusted or
    /// when signed policy is required and none was given.
    func verifiedBundle(policies: [String]) throws -> VerifiedBundle? {
        guard let bundle, let trust else {
            if try signedPolicyRequired() {
                let what = policies.isEmpty ? "no policy (built-in defaults)" : "plain --policy packs"
                throw BundleGate.untrusted(
                    BundleRejection(
                        bundle: policies.first ?? "(none)",
                        .init(
                            .unsignedPolicy, "",
                            "signed policy is required (--require-signed-policy or \(Self.environmentVariable)) but the run was given \(what); use --bundle PATH --trust FILE"
                        )))
            }
            return nil
        }
        let verified = try BundleGate.verify(bundle, trust: trust, statePath: state.resolved)
        Console.error("policy bundle \(BundleGate.summary(verified))")
        return verified
    }
}
