import Foundation

/// CMS signers of a trust file (`cms_signers:`): who may sign a bundle with a certificate from an
/// enterprise CA instead of a bare key. Each names the CA certificates its certificate must
/// chain to and pins the identity the certificate must carry, so that nobody else the CA
/// certified can stand in for the signer.
extension TrustStore {
    /// A trusted CMS signer.
    public struct CMSSigner: Sendable, Hashable {
        /// What the signer certificate must carry; every field given must match.
        public struct Identity: Sendable, Hashable, CustomStringConvertible {
            /// The certificate's subject in RFC 2253 form, exactly as
            /// `openssl x509 -noout -subject -nameopt RFC2253,-esc_msb` prints it.
            public let subject: String?
            /// An e-mail address of the certificate: a subjectAltName rfc822Name (or, when it has
            /// none, the subject's emailAddress).
            public let email: String?
            /// `sha256:` and the SHA-256 of the signer certificate's DER: one certificate exactly.
            public let certificateFingerprint: String?

            public init(subject: String? = nil, email: String? = nil, certificateFingerprint: String? = nil) {
                self.subject = subject
                self.email = email
                self.certificateFingerprint = certificateFingerprint
            }

            /// `subject 'CN=…', email '…'`, for messages.
            public var description: String {
                [
                    subject.map { "subject '\($0)'" }, email.map { "email '\($0)'" },
                    certificateFingerprint.map { "certificate \($0)" },
                ].compactMap { $0 }.joined(separator: ", ")
            }

            /// What in `certificate` differs from this identity, or `nil` when all of it matches.
            func mismatch(_ certificate: X509Certificate) -> String? {
                var differences: [String] = []
                if let subject, certificate.subject != subject {
                    differences.append("its subject is '\(certificate.subject)', not '\(subject)'")
                }
                if let email, !certificate.matches(email: email) {
                    differences.append("it is not issued to '\(email)'")
                }
                if let certificateFingerprint, certificate.fingerprint != certificateFingerprint {
                    differences.append("it is \(certificate.fingerprint), not \(certificateFingerprint)")
                }
                return differences.isEmpty ? nil : differences.joined(separator: "; ")
            }
        }

        /// The id its signatures are filed under (`signatures/<id>.p7s`).
        public let id: String
        /// The DER of each CA certificate the signer's certificate must chain to. Every one is a
        /// trust anchor: a signing sub-CA may be listed without its root.
        public let caCertificatesDER: [[UInt8]]
        public let identity: Identity
        /// The first instant the signer is trusted, if limited (besides the certificate's own dates).
        public let notBefore: Timestamp?
        /// The first instant the signer is no longer trusted, if limited.
        public let notAfter: Timestamp?

        public init(
            id: String, caCertificatesDER: [[UInt8]], identity: Identity, notBefore: Timestamp? = nil,
            notAfter: Timestamp? = nil
        ) {
            self.id = id
            self.caCertificatesDER = caCertificatesDER
            self.identity = identity
            self.notBefore = notBefore
            self.notAfter = notAfter
        }
    }

    /// The most CA certificates one signer entry may list.
    static let maximumCACertificates = 64

    /// One `cms_signers` element as read.
    struct CMSSignerEntry: DeclarationDecodable {
        let id: String?
        let source: TrustFileSource
        let identity: IdentityEntry?
        let notBefore: Timestamp?
        let notAfter: Timestamp?
        let location: SourceLocation
        /// Whether the entry itself had no problem (its certificates are still read otherwise).
        let isComplete: Bool

        init(reading reader: inout FieldReader) {
            let header = TrustStore.EntryHeader(reading: &reader)
            (id, notBefore, notAfter) = (header.id, header.notBefore, header.notAfter)
            source = TrustFileSource(inline: "ca_certificates", file: "ca_certificates_file", &reader)
            identity = reader.object("identity", IdentityEntry.self)
            location = reader.origin.location
            if identity == nil, reader.diagnostics.isEmpty {
                reader.report(
                    "missing 'identity': pin the signer with at least one of 'subject', 'email' and 'certificate_fingerprint'",
                    hint: "without a pin, anyone the CA certified could sign")
            }
            header.check("signer", &reader)
            isComplete = reader.diagnostics.isEmpty
        }

        /// The signer, or the one problem with its certificates; `nil` when there is no single
        /// source to read (the entry's own diagnostics say so) or the entry is incomplete. The
        /// certificates are read even then, so a bad one is reported beside a missing id.
        func resolve(baseDirectory: String) -> Result<CMSSigner, Diagnostic>? {
            let named = id.map { "signer '\($0)'" } ?? "the signer"
            let pem: [UInt8]
            let source: String
            switch self.source.pem(baseDirectory: baseDirectory, limit: TrustStore.maximumFileBytes, at: location) {
            case nil: return nil
            case .failure(let diagnostic)?: return .failure(diagnostic)
            case .success(let read)?: (pem, source) = read
            }
            let certificates: [X509Certificate]
            do {
                certificates = try X509Certificate.readPEM(pem)
            } catch {
                return .failure(
                    Diagnostic(
                        at: location, "\(source) of \(named) \(error)",
                        hint: "give the CA certificates as PEM CERTIFICATE blocks (openssl x509 -outform PEM)"))
            }
            guard certificates.count <= TrustStore.maximumCACertificates else {
                return .failure(
                    Diagnostic(
                        at: location,
                        "\(source) of \(named) holds \(certificates.count) certificates; at most \(TrustStore.maximumCACertificates)"
                    ))
            }
            for (index, certificate) in certificates.enumerated() where !certificate.isCA {
                return .failure(
                    Diagnostic(
                        at: location,
                        "certificate \(index + 1) of \(source) ('\(certificate.subject)') is not a CA certificate",
                        hint:
                            "list the CA that issued the signer's certificate; pin the signer itself under identity: (certificate_fingerprint)"
                    ))
            }
            guard isComplete, let id, let identity else { return nil }
            return .success(
                CMSSigner(
                    id: id, caCertificatesDER: certificates.map(\.der), identity: identity.value,
                    notBefore: notBefore, notAfter: notAfter))
        }
    }

    /// An `identity` mapping as read.
    struct IdentityEntry: DeclarationDecodable {
        let value: CMSSigner.Identity

        init(reading reader: inout FieldReader) {
            let subject = reader.string("subject")
            let email = reader.string("email")
            let fingerprint = reader.string("certificate_fingerprint")
            value = CMSSigner.Identity(subject: subject, email: email, certificateFingerprint: fingerprint)
            if subject == nil, email == nil, fingerprint == nil {
                reader.report(
                    "pin the signer with at least one of 'subject', 'email' and 'certificate_fingerprint'",
                    hint: "without a pin, anyone the CA certified could sign")
            }
            if let subject, subject.isEmpty || !subject.contains("=") {
                reader.report(
                    "'subject' must be a distinguished name such as CN=Compliance Office,O=Acme", at: "subject",
                    hint: "copy it from: openssl x509 -in signer.pem -noout -subject -nameopt RFC2253,-esc_msb")
            }
            if let email, email.split(separator: "@", omittingEmptySubsequences: false).count != 2 {
                reader.report("'\(email)' is not an e-mail address", at: "email")
            }
            if let fingerprint, !TrustStore.isFingerprint(fingerprint) {
                reader.report(
                    "'certificate_fingerprint' must be sha256: followed by 64 lowercase hexadecimal digits",
                    at: "certificate_fingerprint",
                    hint: "openssl x509 -in signer.pem -outform DER | openssl dgst -sha256")
            }
        }
    }
}
