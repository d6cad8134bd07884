/// Size limits for reading a bundle, which is untrusted input until verified: a hostile bundle
/// must fail fast rather than exhaust memory.
public struct BundleLimits: Sendable, Hashable {
    /// The largest single file, in bytes.
    public var maximumFileBytes: Int
    /// The largest bundle in total (directory contents or packed file), in bytes.
    public var maximumTotalBytes: Int
    /// The most entries (files, signatures, directories).
    public var maximumEntries: Int
    /// The largest signature, in bytes (an RSA-8192 signature is 1,024).
    public var maximumSignatureBytes: Int

    public init(
        maximumFileBytes: Int = 32 << 20, maximumTotalBytes: Int = 64 << 20, maximumEntries: Int = 10_000,
        maximumSignatureBytes: Int = 2048
    ) {
        self.maximumFileBytes = maximumFileBytes
        self.maximumTotalBytes = maximumTotalBytes
        self.maximumEntries = maximumEntries
        self.maximumSignatureBytes = maximumSignatureBytes
    }

    public static let `default` = BundleLimits()
}
