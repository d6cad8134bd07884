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
    /// The largest CMS signature (`signatures/<id>.p7s`), in bytes: it embeds the signer's
    /// certificate and intermediates, a few kilobytes for a chain of three RSA certificates.
    public var maximumCMSSignatureBytes: Int

    public init(
        maximumFileBytes: Int = 32 << 20, maximumTotalBytes: Int = 64 << 20, maximumEntries: Int = 10_000,
        maximumSignatureBytes: Int = 2048, maximumCMSSignatureBytes: Int = 64 << 10
    ) {
        self.maximumFileBytes = maximumFileBytes
        self.maximumTotalBytes = maximumTotalBytes
        self.maximumEntries = maximumEntries
        self.maximumSignatureBytes = maximumSignatureBytes
        self.maximumCMSSignatureBytes = maximumCMSSignatureBytes
    }

    public static let `default` = BundleLimits()
}
