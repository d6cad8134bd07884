/// The signature algorithms a trusted key may use. Each key in the trust file names exactly one;
/// the verifier takes the algorithm from the key, never from the signature or the bundle, so a
/// signature cannot talk the verifier into a weaker or different scheme (algorithm confusion).
public enum KeyAlgorithm: String, DeclarationEnum {
    /// Ed25519 (RFC 8032, "PureEdDSA"): the manifest bytes are signed directly, 64-byte signatures.
    case ed25519
    /// ECDSA on NIST P-256 over SHA-256 of the manifest; DER-encoded signatures, as `openssl dgst` writes.
    case ecdsaP256SHA256 = "ecdsa-p256-sha256"
    /// RSASSA-PSS (RFC 8017 §8.1) with SHA-256, MGF1-SHA-256 and a 32-byte salt; keys of 3072 bits or more.
    case rsaPSSSHA256 = "rsa-pss-sha256"

    /// The smallest RSA modulus accepted, in bits (NIST SP 800-57 Part 1: 128-bit security).
    public static let minimumRSABits = 3072
    /// Largest RSA key Tollgate generates: OpenSSL's own ceiling (`OPENSSL_RSA_MAX_MODULUS_BITS`),
    /// and already minutes of key generation.
    public static let maximumRSABits = 16384

    /// The OpenSSL digest name, or `nil` for Ed25519, which hashes internally (the digest
    /// argument of `EVP_DigestSignInit_ex` must then be NULL).
    var digestName: String? {
        switch self {
        case .ed25519: return nil
        case .ecdsaP256SHA256, .rsaPSSSHA256: return "SHA256"
        }
    }

    /// The `openssl genpkey` spelling, for messages.
    public var summary: String {
        switch self {
        case .ed25519: return "Ed25519"
        case .ecdsaP256SHA256: return "ECDSA P-256 with SHA-256"
        case .rsaPSSSHA256: return "RSA-PSS with SHA-256"
        }
    }
}
