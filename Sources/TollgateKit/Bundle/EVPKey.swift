internal import COpenSSL

/// Owns one OpenSSL `EVP_PKEY` (public, or private with its public half) and frees it in
/// `deinit`. Everything Tollgate does with keys goes through the EVP API of OpenSSL 3 —
/// `EVP_DigestSignInit_ex` / `EVP_DigestVerifyInit_ex` — so no deprecated `RSA_*` or `EC_KEY_*`
/// call is involved (the shim compiles with `OPENSSL_NO_DEPRECATED`).
final class EVPKey {
    private let key: OpaquePointer

    private init(owning key: OpaquePointer) {
        self.key = key
    }

    deinit { EVP_PKEY_free(key) }

    // MARK: - Loading

    /// A public key from a PEM `PUBLIC KEY` block (SubjectPublicKeyInfo, as `openssl pkey -pubout` writes).
    convenience init(publicPEM pem: [UInt8]) throws(OpenSSLError) {
        let key = try Self.withMemoryBIO(pem, "reading a PEM public key") { bio in
            PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        self.init(owning: key)
    }

    /// A public key from DER SubjectPublicKeyInfo bytes.
    convenience init(publicDER der: [UInt8]) throws(OpenSSLError) {
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let key else { throw OpenSSLError.drain("decoding a DER public key") }
        self.init(owning: key)
    }

    /// A private key from an unencrypted PEM block (PKCS#8 `PRIVATE KEY`, as `openssl genpkey`
    /// writes). Encrypted keys are refused rather than prompting on a terminal a CI job lacks.
    convenience init(privatePEM pem: [UInt8]) throws(OpenSSLError) {
        let key = try Self.withMemoryBIO(pem, "reading a PEM private key (encrypted keys are not supported)") { bio in
            // A password callback that refuses: OpenSSL would otherwise prompt on the terminal.
            PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in -1 }, nil)
        }
        self.init(owning: key)
    }

    /// A fresh key pair for `algorithm` (`rsaBits` applies to RSA only).
    static func generate(
        _ algorithm: KeyAlgorithm, rsaBits: Int = KeyAlgorithm.minimumRSABits
    ) throws(OpenSSLError)
        -> EVPKey
    {
        let typeName: String
        switch algorithm {
        case .ed25519: typeName = "ED25519"
        case .ecdsaP256SHA256: typeName = "EC"
        case .rsaPSSSHA256: typeName = "RSA"
        }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, typeName, nil) else {
            throw OpenSSLError.drain("creating a key generation context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw OpenSSLError.drain("starting key generation") }
        switch algorithm {
        case .ed25519: break
        case .ecdsaP256SHA256:
            guard EVP_PKEY_CTX_set_group_name(context, "P-256") == 1 else {
                throw OpenSSLError.drain("choosing the P-256 curve")
            }
        case .rsaPSSSHA256:
            guard EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(clamping: rsaBits)) == 1 else {
                throw OpenSSLError.drain("setting the RSA key size")
            }
        }
        var generated: OpaquePointer?
        guard EVP_PKEY_generate(context, &generated) == 1, let generated else {
            throw OpenSSLError.drain("generating a key")
        }
        return EVPKey(owning: generated)
    }

    // MARK: - Inspection

    /// The algorithm this key can serve, or why it serves none (wrong curve, RSA too short,
    /// unsupported type).
    func algorithm() -> Result<KeyAlgorithm, KeyProblem> {
        if EVP_PKEY_is_a(key, "ED25519") == 1 { return .success(.ed25519) }
        if EVP_PKEY_is_a(key, "EC") == 1 {
            var buffer = [CChar](repeating: 0, count: 64)
            var length = 0
            guard EVP_PKEY_get_utf8_string_param(key, "group", &buffer, buffer.count, &length) == 1 else {
                OpenSSLError.clear()
                return .failure(KeyProblem("an EC key without a named curve; only P-256 is accepted"))
            }
            let group = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard group == "prime256v1" || group == "P-256" else {
                return .failure(KeyProblem("an EC key on curve \(group); only P-256 (prime256v1) is accepted"))
            }
            return .success(.ecdsaP256SHA256)
        }
        if EVP_PKEY_is_a(key, "RSA") == 1 || EVP_PKEY_is_a(key, "RSA-PSS") == 1 {
            let bits = Int(EVP_PKEY_get_bits(key))
            guard bits >= KeyAlgorithm.minimumRSABits else {
                return .failure(
                    KeyProblem("an RSA key of \(bits) bits; at least \(KeyAlgorithm.minimumRSABits) are required"))
            }
            return .success(.rsaPSSSHA256)
        }
        let name = EVP_PKEY_get0_type_name(key).map { String(cString: $0) } ?? "unknown"
        return .failure(KeyProblem("a key of type \(name); use Ed25519, ECDSA P-256 or RSA-PSS (3072 bits or more)"))
    }

    /// Runs `body` with the `EVP_PKEY *`, which stays owned by this object (for `CMS_sign`).
    func withPointer<T>(_ body: (OpaquePointer) -> T) -> T { body(key) }

    /// The largest signature this key makes, in bytes (the modulus size for RSA).
    var maximumSignatureSize: Int { Int(EVP_PKEY_get_size(key)) }

    /// The DER SubjectPublicKeyInfo, whose SHA-256 is the key's fingerprint.
    func publicDER() throws(OpenSSLError) -> [UInt8] {
        guard let der = OpenSSLOutput.der({ i2d_PUBKEY(key, $0) }) else {
            throw OpenSSLError.drain("encoding a public key")
        }
        return der
    }

    /// The public key as a PEM `PUBLIC KEY` block.
    func publicPEM() throws(OpenSSLError) -> String {
        try Self.writePEM("writing a PEM public key") { bio in PEM_write_bio_PUBKEY(bio, key) }
    }

    /// The private key as an unencrypted PKCS#8 PEM block.
    func privatePEM() throws(OpenSSLError) -> String {
        try Self.writePEM("writing a PEM private key") { bio in
            PEM_write_bio_PrivateKey(bio, key, nil, nil, 0, nil, nil)
        }
    }

    // MARK: - Signatures

    /// Signs `message` with this (private) key under `algorithm`.
    func sign(_ message: [UInt8], algorithm: KeyAlgorithm) throws(OpenSSLError) -> [UInt8] {
        try withDigestContext(signing: true, algorithm) { context throws(OpenSSLError) in
            var length = 0
            guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else {
                throw OpenSSLError.drain("sizing a signature")
            }
            var signature = [UInt8](repeating: 0, count: length)
            guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else {
                throw OpenSSLError.drain("signing")
            }
            return Array(signature.prefix(length))
        }
    }

    /// Whether `signature` is a valid signature of `message` by this key under `algorithm`.
    /// A malformed signature is simply not valid; only a broken context throws.
    func verify(_ signature: [UInt8], of message: [UInt8], algorithm: KeyAlgorithm) throws(OpenSSLError) -> Bool {
        try withDigestContext(signing: false, algorithm) { context in
            let result = EVP_DigestVerify(context, signature, signature.count, message, message.count)
            // 1 is valid; 0 is a wrong signature; a negative value is a signature OpenSSL could not
            // even decode. Both of the latter mean "not valid"; their queued errors are not news.
            OpenSSLError.clear()
            return result == 1
        }
    }

    /// Runs `body` with a digest-sign or digest-verify context for this key and `algorithm`
    /// (`EVP_DigestSignInit_ex` / `EVP_DigestVerifyInit_ex`; NULL digest for Ed25519), freed afterwards.
    private func withDigestContext<T>(
        signing: Bool, _ algorithm: KeyAlgorithm, _ body: (OpaquePointer) throws(OpenSSLError) -> T
    ) throws(OpenSSLError) -> T {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSLError.drain("creating a digest context") }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        let started =
            signing
            ? EVP_DigestSignInit_ex(context, &keyContext, algorithm.digestName, nil, nil, key, nil)
            : EVP_DigestVerifyInit_ex(context, &keyContext, algorithm.digestName, nil, nil, key, nil)
        guard started == 1 else { throw OpenSSLError.drain(signing ? "starting to sign" : "starting to verify") }
        try Self.configurePadding(keyContext, algorithm)
        return try body(context)
    }

    /// RSA-PSS needs its padding and salt set on the key context; the salt length is the digest
    /// length (32), which is what `openssl dgst -sigopt rsa_pss_saltlen:-1` means.
    private static func configurePadding(_ keyContext: OpaquePointer?, _ algorithm: KeyAlgorithm) throws(OpenSSLError) {
        guard algorithm == .rsaPSSSHA256 else { return }
        guard let keyContext, EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1,
            EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1,
            EVP_PKEY_CTX_set_rsa_mgf1_md_name(keyContext, "SHA256", nil) == 1
        else { throw OpenSSLError.drain("configuring RSA-PSS padding") }
    }

    // MARK: - BIO plumbing

    private static func withMemoryBIO(
        _ bytes: [UInt8], _ operation: String, _ body: (OpaquePointer) -> OpaquePointer?
    ) throws(OpenSSLError) -> OpaquePointer {
        let result: OpaquePointer?? = bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return .none }
            defer { BIO_free(bio) }
            return .some(body(bio))
        }
        guard case .some(.some(let value)) = result else { throw OpenSSLError.drain(operation) }
        return value
    }

    private static func writePEM(_ operation: String, _ body: (OpaquePointer) -> Int32) throws(OpenSSLError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw OpenSSLError.drain(operation) }
        defer { BIO_free(bio) }
        guard body(bio) == 1 else { throw OpenSSLError.drain(operation) }
        return String(decoding: OpenSSLOutput.drain(bio), as: UTF8.self)
    }
}

/// Why a key cannot serve as a bundle signing or trusted key.
struct KeyProblem: Error, Sendable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
