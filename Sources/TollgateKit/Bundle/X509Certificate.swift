internal import COpenSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Owns one OpenSSL `X509` certificate and frees it in `deinit`: a CA certificate of a trust
/// file, or the signer certificate of a CMS signature. Only what the CMS signer checks need is
/// exposed — DER bytes, fingerprints, the subject, e-mail matching, the validity window.
final class X509Certificate: @unchecked Sendable {
    /// The `X509 *`, shared with OpenSSL calls that take a reference (`X509_STORE_add_cert`
    /// and stacks take their own with `X509_up_ref`).
    let pointer: OpaquePointer

    /// Takes ownership of `pointer` (one reference).
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Takes a new reference to a certificate someone else owns (a CMS structure's signer).
    init(retaining pointer: OpaquePointer) {
        X509_up_ref(pointer)
        self.pointer = pointer
    }

    deinit { X509_free(pointer) }

    /// A certificate from DER bytes; the whole input must be one certificate.
    convenience init(der: [UInt8]) throws(OpenSSLError) {
        let certificate: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            let parsed = d2i_X509(nil, &cursor, buffer.count)
            if let parsed, cursor != buffer.baseAddress.map({ $0 + buffer.count }) {
                X509_free(parsed)
                return nil
            }
            return parsed
        }
        guard let certificate else { throw OpenSSLError.drain("decoding a DER certificate") }
        self.init(owning: certificate)
    }

    /// Every `CERTIFICATE` block of a PEM text, in order. Throws when a block cannot be read or
    /// when the text holds a PEM block of another kind (a key, a request, a `TRUSTED CERTIFICATE`).
    static func readPEM(_ pem: [UInt8]) throws(CertificateProblem) -> [X509Certificate] {
        let text = String(decoding: pem, as: UTF8.self)
        if text.contains("PRIVATE KEY-----") { throw CertificateProblem("holds a private key") }
        let blocks = text.components(separatedBy: "-----BEGIN ").count - 1
        let certificateBlocks = text.components(separatedBy: "-----BEGIN CERTIFICATE-----").count - 1
        guard blocks == certificateBlocks else {
            throw CertificateProblem("holds a PEM block that is not a CERTIFICATE")
        }
        guard certificateBlocks > 0 else { throw CertificateProblem("holds no PEM CERTIFICATE block") }
        var certificates: [X509Certificate] = []
        let failure: OpenSSLError? = pem.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                return OpenSSLError.drain("reading PEM certificates")
            }
            defer { BIO_free(bio) }
            for _ in 0..<certificateBlocks {
                guard let certificate = PEM_read_bio_X509(bio, nil, nil, nil) else {
                    return OpenSSLError.drain("reading PEM certificate \(certificates.count + 1)")
                }
                certificates.append(X509Certificate(owning: certificate))
            }
            return nil
        }
        if let failure { throw CertificateProblem("cannot be read: \(failure)") }
        OpenSSLError.clear()
        return certificates
    }

    // MARK: - Inspection

    /// The DER encoding.
    var der: [UInt8] {
        guard let bytes = OpenSSLOutput.der({ i2d_X509(pointer, $0) }) else {
            OpenSSLError.clear()
            return []
        }
        return bytes
    }

    /// `sha256:` and the SHA-256 of the DER certificate (what
    /// `openssl x509 -outform DER | openssl dgst -sha256` prints, in lowercase hex).
    var fingerprint: String { "sha256:" + SHA256.hex(der) }

    /// The DER SubjectPublicKeyInfo of the certificate's key, whose SHA-256 is the key
    /// fingerprint trust files use for keys and revocations.
    var publicKeyDER: [UInt8] {
        guard let key = X509_get0_pubkey(pointer), let bytes = OpenSSLOutput.der({ i2d_PUBKEY(key, $0) }) else {
            OpenSSLError.clear()
            return []
        }
        return bytes
    }

    /// The subject in RFC 2253 form with UTF-8 left as it is — what
    /// `openssl x509 -noout -subject -nameopt RFC2253,-esc_msb` prints after `subject=`
    /// (`CN=Compliance Office,O=Acme Corp,C=DE`: most specific attribute first).
    var subject: String {
        guard let name = X509_get_subject_name(pointer), let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        // XN_FLAG_RFC2253 without ASN1_STRFLGS_ESC_MSB, spelled out: Swift does not import
        // the composite macro.
        let strings = UInt(ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_UTF8_CONVERT)
        let dump = UInt(ASN1_STRFLGS_DUMP_UNKNOWN | ASN1_STRFLGS_DUMP_DER)
        let layout = UInt(XN_FLAG_SEP_COMMA_PLUS | XN_FLAG_DN_REV | XN_FLAG_FN_SN | XN_FLAG_DUMP_UNKNOWN_FIELDS)
        let flags = strings | dump | layout
        guard X509_NAME_print_ex(bio, name, 0, flags) >= 0 else {
            OpenSSLError.clear()
            return ""
        }
        return String(decoding: OpenSSLOutput.drain(bio), as: UTF8.self)
    }

    /// Whether the certificate is for `address`: a subjectAltName rfc822Name, or the subject's
    /// emailAddress when the certificate has no e-mail subjectAltName (`X509_check_email`;
    /// the domain compares without regard to case, the local part exactly).
    func matches(email address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard !bytes.isEmpty, !bytes.contains(0) else { return false }
        let result = address.withCString { X509_check_email(pointer, $0, bytes.count, 0) }
        OpenSSLError.clear()
        return result == 1
    }

    /// Whether the certificate may issue certificates (basicConstraints CA:TRUE, or an old
    /// self-signed v1 root), per `X509_check_ca`.
    var isCA: Bool { X509_check_ca(pointer) >= 1 }

    /// The first instant the certificate is valid.
    var notBefore: Timestamp? { Self.instant(X509_get0_notBefore(pointer)) }

    /// The last instant the certificate is valid (X.509 `notAfter` is inclusive).
    var notAfter: Timestamp? { Self.instant(X509_get0_notAfter(pointer)) }

    private static func instant(_ time: UnsafePointer<ASN1_TIME>?) -> Timestamp? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else {
            OpenSSLError.clear()
            return nil
        }
        return Timestamp(seconds: Int64(timegm(&parts)))
    }
}

/// Why a PEM text is not a usable list of certificates.
struct CertificateProblem: Error, Sendable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
