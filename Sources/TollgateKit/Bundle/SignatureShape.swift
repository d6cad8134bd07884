/// Checks that a signature has the length and encoding its key's algorithm produces, before any
/// cryptography runs, so that a truncated signature and a signature of the wrong algorithm are
/// reported as what they are rather than as a generic "does not verify".
///
/// The algorithm is the trusted key's; the shape of the bytes only decides which message to
/// give when they do not fit it.
enum SignatureShape {
    /// Ed25519 signatures are exactly 64 bytes (RFC 8032 §5.1.6).
    static let ed25519Length = 64

    /// The problem with `signature` for a key of `algorithm` whose largest signature is
    /// `maximumSize` bytes, or `nil` when its shape fits.
    static func problem(
        _ signature: [UInt8], algorithm: KeyAlgorithm, maximumSize: Int
    ) -> (RejectionReason, String)? {
        let expected: Bool
        switch algorithm {
        case .ed25519: expected = signature.count == ed25519Length
        case .ecdsaP256SHA256: expected = isECDSADER(signature)
        case .rsaPSSSHA256: expected = signature.count == maximumSize
        }
        if expected { return nil }
        if algorithm != .ecdsaP256SHA256, isECDSADER(signature) {
            return (
                .algorithmMismatch,
                "this is a DER-encoded ECDSA signature, but the key is \(algorithm.summary) in the trust file"
            )
        }
        if algorithm != .ed25519, signature.count == ed25519Length {
            return (
                .algorithmMismatch,
                "this is a 64-byte signature (Ed25519, or ECDSA as raw r||s), but the key is \(algorithm.summary)"
                    + (algorithm == .ecdsaP256SHA256
                        ? "; ECDSA signatures must be DER-encoded, as openssl dgst writes" : "")
            )
        }
        if algorithm != .rsaPSSSHA256, signature.count >= 256, signature.count % 128 == 0 {
            return (
                .algorithmMismatch,
                "this \(signature.count)-byte signature has the size of an RSA signature, but the key is \(algorithm.summary)"
            )
        }
        let want: String
        switch algorithm {
        case .ed25519: want = "exactly \(ed25519Length) bytes"
        case .ecdsaP256SHA256: want = "a DER SEQUENCE of two INTEGERs"
        case .rsaPSSSHA256: want = "exactly \(maximumSize) bytes (the modulus size)"
        }
        return (
            .malformedSignature,
            "\(signature.count) bytes that are not a signature of \(algorithm.summary), which is \(want); truncated or corrupted?"
        )
    }

    /// Whether `bytes` are exactly `SEQUENCE { INTEGER r, INTEGER s }` in DER with P-256-sized
    /// integers (at most 33 bytes each, short-form lengths), as `openssl dgst -sign` writes.
    static func isECDSADER(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8, bytes[0] == 0x30, Int(bytes[1]) == bytes.count - 2, bytes[1] < 0x80 else {
            return false
        }
        var index = 2
        for _ in 0..<2 {
            guard index + 2 <= bytes.count, bytes[index] == 0x02 else { return false }
            let length = Int(bytes[index + 1])
            guard (1...33).contains(length), index + 2 + length <= bytes.count else { return false }
            index += 2 + length
        }
        return index == bytes.count
    }
}
