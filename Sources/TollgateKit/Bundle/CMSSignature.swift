internal import COpenSSL

/// Detached CMS `SignedData` signatures over a manifest (RFC 5652), as
/// `openssl cms -sign -binary -outform DER` writes them: the second kind of bundle signature,
/// for signers whose keys an enterprise CA certifies.
///
/// Verification uses OpenSSL's own checks — `X509_verify_cert` for the chain and `CMS_verify`
/// for the signature — against an `X509_STORE` that holds nothing but the trust file's CA
/// certificates: no system default paths, no network (OpenSSL fetches no AIA or CRL by
/// itself), and the time set with `X509_VERIFY_PARAM_set_time`, so a check is reproducible.
/// The chain is checked once on its own to tell an expired certificate from an untrusted one,
/// then `CMS_verify` repeats it with the signature, and only its success counts.
enum CMSSignature {
    /// Digests a signature may use (SignerInfo `digestAlgorithm`).
    static let acceptedDigests: [Int32: String] = [NID_sha256: "SHA-256", NID_sha384: "SHA-384", NID_sha512: "SHA-512"]

    /// A signature that verified, with its signer's certificate.
    struct Verified {
        let signer: X509Certificate
    }

    /// Why a CMS signature does not count: a rejection reason and a message.
    struct Problem: Error, Sendable {
        let reason: RejectionReason
        let message: String

        init(_ reason: RejectionReason, _ message: String) {
            self.reason = reason
            self.message = message
        }
    }

    // MARK: - Verifying

    /// Reads `der` as a detached CMS SignedData with exactly one signer, whose certificate is
    /// embedded and whose digest is SHA-2. Nothing about it is trusted yet.
    static func parse(_ der: [UInt8]) -> Result<Parsed, Problem> {
        guard !der.isEmpty else {
            return .failure(
                Problem(
                    .malformedSignature,
                    "0 bytes that are not one DER-encoded CMS structure (an empty file); write it with openssl cms -sign -binary -outform DER"
                ))
        }
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            let value = d2i_CMS_ContentInfo(nil, &cursor, buffer.count)
            if let value, cursor != buffer.baseAddress.map({ $0 + buffer.count }) {
                CMS_ContentInfo_free(value)
                return nil
            }
            return value
        }
        guard let cms = parsed else {
            let error = OpenSSLError.drain("decoding the CMS signature")
            return .failure(
                Problem(
                    .malformedSignature,
                    "\(der.count) bytes that are not one DER-encoded CMS structure (\(error.details.first ?? "no detail")); write it with openssl cms -sign -binary -outform DER"
                ))
        }
        var keep = false
        defer { if !keep { CMS_ContentInfo_free(cms) } }
        guard let type = CMS_get0_type(cms), OBJ_obj2nid(type) == NID_pkcs7_signed else {
            return .failure(Problem(.malformedSignature, "a CMS structure that is not SignedData"))
        }
        guard CMS_is_detached(cms) == 1 else {
            return .failure(
                Problem(
                    .malformedSignature,
                    "the CMS signature embeds its content; sign detached (openssl cms -sign without -nodetach)"))
        }
        let signerInfos = CMS_get0_SignerInfos(cms)
        let count = signerInfos.map { Int(OPENSSL_sk_num($0)) } ?? 0
        guard count == 1 else {
            return .failure(
                Problem(
                    .malformedSignature,
                    "the CMS signature has \(count) signers; exactly one per file (each signer writes signatures/<id>.p7s)"
                ))
        }
        // Matches the SignerInfo against the embedded certificates; failure leaves no signer.
        _ = CMS_set1_signers_certs(cms, nil, 0)
        OpenSSLError.clear()
        let signerInfo = OpaquePointer(OPENSSL_sk_value(signerInfos, 0))
        var signer: OpaquePointer?
        var digest: UnsafeMutablePointer<X509_ALGOR>?
        CMS_SignerInfo_get0_algs(signerInfo, nil, &signer, &digest, nil)
        guard let signer else {
            return .failure(
                Problem(
                    .malformedSignature,
                    "the CMS signature does not embed its signer's certificate (do not sign with -nocerts)"))
        }
        var object: OpaquePointer?
        if let digest { X509_ALGOR_get0(&object, nil, nil, digest) }
        let nid = object.map { OBJ_obj2nid($0) } ?? NID_undef
        guard acceptedDigests[nid] != nil else {
            let name = OBJ_nid2sn(nid).map { String(cString: $0) } ?? "unknown"
            return .failure(
                Problem(
                    .unsupportedAlgorithm, "the CMS signature uses digest \(name); accepted: SHA-256, SHA-384, SHA-512"
                ))
        }
        keep = true
        return .success(Parsed(owning: cms, signer: X509Certificate(retaining: signer)))
    }

    /// A decoded CMS signature, not yet trusted.
    final class Parsed {
        let cms: OpaquePointer
        /// The signer's certificate, taken from the certificates the signature embeds.
        let signer: X509Certificate

        fileprivate init(owning cms: OpaquePointer, signer: X509Certificate) {
            self.cms = cms
            self.signer = signer
        }

        deinit { CMS_ContentInfo_free(cms) }

        /// Checks the signer's key, its chain to `anchors` at `time`, then the signature over
        /// `content` with `CMS_verify` (binary, detached). The caller checks the pinned identity
        /// between the chain and the signature via `identityCheck`, so that an identity
        /// mismatch is reported as such rather than as whatever comes last.
        func verify(
            content: [UInt8], anchors: [X509Certificate], at time: Timestamp,
            identityCheck: (X509Certificate) -> Problem?
        ) -> Result<Verified, Problem> {
            if let problem = Self.keyProblem(signer) { return .failure(problem) }
            guard let store = Self.store(anchors, at: time) else {
                return .failure(Problem(.untrustedCertificate, "\(OpenSSLError.drain("building the CA store"))"))
            }
            defer { X509_STORE_free(store) }
            let embedded = CMS_get1_certs(cms)
            defer {
                if let embedded { OPENSSL_sk_pop_free(embedded, { X509_free(OpaquePointer($0)) }) }
            }
            if let problem = Self.chainProblem(signer, embedded, store) { return .failure(problem) }
            if let problem = identityCheck(signer) { return .failure(problem) }
            let verified: Int32 = content.withUnsafeBytes { buffer in
                guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return -1 }
                defer { BIO_free(bio) }
                return CMS_verify(cms, nil, store, bio, nil, UInt32(CMS_BINARY))
            }
            guard verified == 1 else {
                let error = OpenSSLError.drain("verifying the CMS signature")
                return .failure(
                    Problem(
                        .badSignature,
                        "the CMS signature does not match manifest.json: the manifest changed after signing, or it was signed as text rather than with -binary ("
                            + (error.details.last ?? "no detail") + ")"))
            }
            OpenSSLError.clear()
            return .success(Verified(signer: signer))
        }

        /// The signer's key must be ECDSA P-256 or RSA of 3072 bits or more — the rules for
        /// trusted keys. Ed25519 is refused: OpenSSL 3.0's CMS cannot use it.
        private static func keyProblem(_ signer: X509Certificate) -> Problem? {
            let key: EVPKey
            do {
                key = try EVPKey(publicDER: signer.publicKeyDER)
            } catch {
                return Problem(.unsupportedAlgorithm, "the signer certificate's key cannot be read: \(error)")
            }
            switch key.algorithm() {
            case .failure(let problem):
                return Problem(.unsupportedAlgorithm, "the signer certificate's key is \(problem)")
            case .success(.ed25519):
                return Problem(
                    .unsupportedAlgorithm,
                    "the signer certificate has an Ed25519 key, which CMS signatures of OpenSSL 3.0 do not support; use ECDSA P-256"
                )
            case .success: return nil
            }
        }

        /// A store of exactly `anchors`, checking at `time`. Partial chains are accepted: any
        /// certificate the trust file lists is an anchor, so a trust file may name a signing
        /// sub-CA instead of trusting everything the enterprise root ever issued.
        private static func store(_ anchors: [X509Certificate], at time: Timestamp) -> OpaquePointer? {
            guard let store = X509_STORE_new() else { return nil }
            for anchor in anchors where X509_STORE_add_cert(store, anchor.pointer) != 1 {
                X509_STORE_free(store)
                return nil
            }
            guard let parameters = X509_STORE_get0_param(store),
                X509_VERIFY_PARAM_set_flags(parameters, UInt(X509_V_FLAG_PARTIAL_CHAIN)) == 1
            else {
                X509_STORE_free(store)
                return nil
            }
            X509_VERIFY_PARAM_set_time(parameters, time_t(time.seconds))
            return store
        }

        /// The chain check `CMS_verify` makes (purpose `smime_sign`, as `openssl cms -verify`),
        /// run alone to name the problem: expired, not yet valid, wrong purpose, or untrusted.
        private static func chainProblem(
            _ signer: X509Certificate, _ untrusted: OpaquePointer?, _ store: OpaquePointer
        ) -> Problem? {
            guard let context = X509_STORE_CTX_new() else {
                return Problem(.untrustedCertificate, "\(OpenSSLError.drain("creating a verification context"))")
            }
            defer { X509_STORE_CTX_free(context) }
            guard X509_STORE_CTX_init(context, store, signer.pointer, untrusted) == 1,
                X509_STORE_CTX_set_default(context, "smime_sign") == 1
            else {
                return Problem(.untrustedCertificate, "\(OpenSSLError.drain("starting certificate verification"))")
            }
            if X509_verify_cert(context) == 1 {
                OpenSSLError.clear()
                return nil
            }
            OpenSSLError.clear()
            let code = X509_STORE_CTX_get_error(context)
            let depth = X509_STORE_CTX_get_error_depth(context)
            let certificate = X509_STORE_CTX_get_current_cert(context).map { X509Certificate(retaining: $0) }
            let which =
                depth == 0
                ? "the signer certificate (\(signer.subject))"
                : "certificate \(certificate.map { "'\($0.subject)'" } ?? "") at depth \(depth) of the chain"
            let detail = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "error \(code)"
            switch code {
            case X509_V_ERR_CERT_HAS_EXPIRED:
                let end = certificate?.notAfter.map { " at \($0)" } ?? ""
                return Problem(.certificateExpired, "\(which) expired\(end); re-sign with a current certificate")
            case X509_V_ERR_CERT_NOT_YET_VALID:
                let start = certificate?.notBefore.map { " before \($0)" } ?? ""
                return Problem(.certificateNotYetValid, "\(which) is not valid\(start); check the clocks")
            case X509_V_ERR_INVALID_PURPOSE:
                return Problem(
                    .untrustedCertificate,
                    "\(which) may not sign: \(detail) (key usage must allow digitalSignature, extended key usage emailProtection, as openssl cms -verify requires)"
                )
            default:
                return Problem(
                    .untrustedCertificate,
                    "\(which) does not chain to the CA certificates of this signer in the trust file (\(detail))")
            }
        }
    }

    // MARK: - Signing

    /// Signs `content` as `openssl cms -sign -binary -outform DER` does: detached SignedData by
    /// `certificate` with `key`, embedding `certificate` and `chain` (the intermediates, as
    /// `-certfile`), with the default signed attributes and SHA-256.
    static func sign(
        _ content: [UInt8], certificate: X509Certificate, key: EVPKey, chain: [X509Certificate]
    ) throws(OpenSSLError) -> [UInt8] {
        guard let stack = OPENSSL_sk_new_null() else { throw OpenSSLError.drain("creating a certificate list") }
        defer { OPENSSL_sk_pop_free(stack, { X509_free(OpaquePointer($0)) }) }
        for certificate in chain {
            X509_up_ref(certificate.pointer)
            guard OPENSSL_sk_push(stack, UnsafeRawPointer(certificate.pointer)) > 0 else {
                X509_free(certificate.pointer)
                throw OpenSSLError.drain("listing the chain certificates")
            }
        }
        let cms: OpaquePointer? = content.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return key.withPointer { key in
                CMS_sign(certificate.pointer, key, stack, bio, UInt32(CMS_BINARY | CMS_DETACHED))
            }
        }
        guard let cms else { throw OpenSSLError.drain("signing with CMS") }
        defer { CMS_ContentInfo_free(cms) }
        guard let der = OpenSSLOutput.der({ i2d_CMS_ContentInfo(cms, $0) }) else {
            throw OpenSSLError.drain("encoding the CMS signature")
        }
        return der
    }
}
