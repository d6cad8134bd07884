/// Why a policy bundle was not trusted. Every rejection names one; the kebab-case raw value is
/// printed and documented in `docs/bundles.md`, so pipelines and auditors can tell a tampered
/// file from an expired manifest without reading prose. All of them exit 3
/// (`ExitCode.untrustedPolicy`).
public enum RejectionReason: String, CaseIterable, Sendable, Hashable {
    // The container.
    /// The bundle path cannot be read.
    case unreadable
    /// The packed file is not a well-formed archive of the documented subset.
    case malformedContainer = "malformed-container"
    /// The bundle, a file in it, or a signature is larger than the limits allow.
    case tooLarge = "too-large"
    /// A path that is absolute, contains `..`, `.`, an empty segment, or characters outside the portable set.
    case unsafePath = "unsafe-path"
    /// A symbolic or hard link, which could make the verifier and a later reader see different files.
    case symlink
    /// A directory entry, device, FIFO or extended header inside a packed bundle.
    case unsupportedEntry = "unsupported-entry"
    /// The same path appears twice in a packed bundle.
    case duplicateEntry = "duplicate-entry"
    /// There is no `manifest.json`.
    case missingManifest = "missing-manifest"

    // Trust configuration and policy requirements.
    /// The trust file cannot be read or is invalid.
    case invalidTrustFile = "invalid-trust-file"
    /// The run requires a signed bundle but was given plain policy files or none.
    case unsignedPolicy = "unsigned-policy"

    // Signatures.
    /// No signature at all.
    case missingSignature = "missing-signature"
    /// A signature names a key id (or CMS signer id) the trust file does not list.
    case unknownKey = "unknown-key"
    /// A signature is by a key the trust file revokes.
    case revokedKey = "revoked-key"
    /// A signature is by a key whose validity ended (judged by the real clock).
    case keyExpired = "key-expired"
    /// A signature is by a key whose validity has not started yet.
    case keyNotYetValid = "key-not-yet-valid"
    /// A signature has the wrong length or encoding for its key's algorithm (for example truncated).
    case malformedSignature = "malformed-signature"
    /// A signature has the shape of another algorithm than its key's (an ECDSA signature for an Ed25519 key).
    case algorithmMismatch = "algorithm-mismatch"
    /// A well-formed signature that does not verify: the manifest changed, or the key is not the signer's.
    case badSignature = "bad-signature"
    /// A CMS signature uses a digest or a signer key Tollgate does not accept (SHA-1; RSA below
    /// 3072 bits, a curve other than P-256, Ed25519).
    case unsupportedAlgorithm = "unsupported-algorithm"
    /// A CMS signer certificate does not chain to the trust file's CA certificates for that
    /// signer, or may not sign (key usage, extended key usage).
    case untrustedCertificate = "untrusted-certificate"
    /// A certificate of a CMS signature's chain had expired at verification time.
    case certificateExpired = "certificate-expired"
    /// A certificate of a CMS signature's chain was not yet valid at verification time.
    case certificateNotYetValid = "certificate-not-yet-valid"
    /// A CMS signer certificate chains to a trusted CA but is not the identity the trust file pins.
    case identityMismatch = "identity-mismatch"
    /// Some signatures are valid, but fewer distinct trusted keys signed than the threshold requires.
    case thresholdNotMet = "threshold-not-met"

    // The manifest (read only after its signatures verified).
    /// The signed manifest is not valid manifest JSON.
    case invalidManifest = "invalid-manifest"
    /// The bundle name is not one the trust file accepts.
    case unexpectedName = "unexpected-name"
    /// The manifest's `expires` has passed (judged by the real clock, not `--as-of`).
    case expired
    /// The manifest's `created` lies in the future.
    case notYetValid = "not-yet-valid"

    // The files.
    /// A file's size or SHA-256 differs from the manifest.
    case changedFile = "changed-file"
    /// A file the manifest lists is absent.
    case missingFile = "missing-file"
    /// A file the manifest does not list is present.
    case extraFile = "extra-file"
    /// A listed file is absent and an unlisted file with exactly its content is present.
    case renamedFile = "renamed-file"

    // Rollback protection.
    /// The version is lower than the highest accepted for this bundle name.
    case rolledBack = "rolled-back"
    /// The version equals the highest accepted, but the manifest differs: one version, two contents.
    case versionConflict = "version-conflict"
    /// The rollback state file exists but cannot be read or written.
    case stateUnusable = "state-unusable"
}
