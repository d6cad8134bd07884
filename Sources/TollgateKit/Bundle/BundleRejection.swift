/// A policy bundle Tollgate refuses to trust, with the reason and every problem found at the
/// stage that failed.
///
/// Verification stops at the first stage that fails (container, signatures, manifest, files,
/// rollback), because later stages would read content that earlier ones did not vouch for; the
/// problems of that stage are listed, except that reading the container stops at its first
/// problem (archive order for a packed bundle, path order for a directory).
public struct BundleRejection: Error, Sendable, CustomStringConvertible {
    /// One thing wrong, with its own reason.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public let reason: RejectionReason
        /// What the problem is about: a path inside the bundle, `signatures/<id>.sig`, or the trust file.
        public let subject: String
        /// A lowercase fragment saying what is wrong and, where Tollgate can tell, what to do.
        public let message: String

        public init(_ reason: RejectionReason, _ subject: String, _ message: String) {
            self.reason = reason
            self.subject = subject
            self.message = message
        }

        /// `subject: [reason] message` on one line. Subjects and messages quote the untrusted
        /// bundle (entry names, key ids), read before anything is verified, so control characters
        /// in them are escaped (`ControlCharacters`): a crafted entry name cannot start a line of
        /// its own in a CI log or drive a terminal.
        public var description: String {
            ControlCharacters.escaped(
                subject.isEmpty ? "[\(reason.rawValue)] \(message)" : "\(subject): [\(reason.rawValue)] \(message)")
        }

        /// The message alone, escaped like `description` (for callers that name the subject themselves).
        public var printableMessage: String { ControlCharacters.escaped(message) }
    }

    /// The bundle as the user named it; for `invalid-trust-file` the trust file, and for
    /// `unsigned-policy` the plain pack given instead (or "(none)").
    public let bundle: String
    /// The reason the bundle is rejected.
    public let reason: RejectionReason
    /// Every problem of the failing stage (at least one), in a stable order.
    public let problems: [Problem]

    /// The reasons of all the problems, each once, in the order they are listed (`changed-file,
    /// extra-file`): a header naming only the first hid the other kinds.
    public var reasons: String {
        var seen: [RejectionReason] = []
        for problem in problems where !seen.contains(problem.reason) { seen.append(problem.reason) }
        return (seen.isEmpty ? [reason] : seen).map(\.rawValue).joined(separator: ", ")
    }

    public init(bundle: String, reason: RejectionReason, problems: [Problem]) {
        self.bundle = bundle
        self.reason = reason
        self.problems = problems
    }

    /// A rejection with one problem, whose reason is the rejection's.
    public init(bundle: String, _ problem: Problem) {
        self.init(bundle: bundle, reason: problem.reason, problems: [problem])
    }

    /// A headline naming what failed and the reason, then one line per problem:
    /// `error: policy bundle '<path>' is not trusted (<reason>)`. A trust file that cannot be
    /// used, or a run without a signed bundle where one is required, is not a bundle's fault,
    /// and the headline says what it is instead of calling the trust file or a plain pack an
    /// untrusted bundle.
    public var description: String {
        let bundle = ControlCharacters.escaped(self.bundle)
        var text: String
        switch reason {
        case .invalidTrustFile:
            text = "error: trust file '\(bundle)' cannot be used, so no bundle can be trusted (\(reason.rawValue))"
        case .unsignedPolicy:
            text = "error: this run requires a signed policy bundle (\(reason.rawValue))"
        default:
            text = "error: policy bundle '\(bundle)' is not trusted (\(reasons))"
        }
        for problem in problems { text += "\n  \(problem)" }
        return text
    }
}
