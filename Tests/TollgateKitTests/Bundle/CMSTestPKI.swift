import Foundation
import Testing

@testable import TollgateKit

/// A small certificate hierarchy made with the real `openssl` command line, once per test
/// process, in a temporary folder (nothing is committed): a root CA, an intermediate CA under
/// it, and end-entity certificates under the intermediate, plus an unrelated root with a
/// look-alike signer. Keys are ECDSA P-256 unless a case needs another.
struct CMSTestPKI: Sendable {
    let directory: URL

    /// The signer's subject and e-mail, as the trust files pin them.
    static let officeSubject = "CN=Compliance Office,O=Tollgate Tests"
    static let officeEmail = "compliance@example.test"

    /// The PKI, or `nil` when openssl is missing or failed (the suites are then skipped or fail).
    static let shared: CMSTestPKI? = try? make()

    /// An absolute path in the PKI folder (`office.pem`, `office.key`, `root.pem`, …).
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    func fingerprint(_ name: String) throws -> String {
        let certificates = try X509Certificate.readPEM(Array(try text(name).utf8))
        return try #require(certificates.first).fingerprint
    }

    @discardableResult
    static func openssl(_ arguments: [String], in directory: URL) throws -> String {
        let result = try OpenSSLInteropTests.openssl(arguments, in: directory)
        guard result.status == 0 else {
            throw CMSTestPKIError(description: "openssl \(arguments.joined(separator: " ")): \(result.output)")
        }
        return result.output
    }

    private static let caExtensions = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
    private static let intermediateExtensions =
        "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n"
    static func signerExtensions(email: String, usage: String = "emailProtection") -> String {
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=\(usage)\nsubjectAltName=email:\(email)\n"
    }

    static func make() throws -> CMSTestPKI {
        guard BundleTestSupport.openssl != nil else { throw CMSTestPKIError(description: "no openssl") }
        let pki = CMSTestPKI(directory: try TestSupport.temporaryDirectory().appendingPathComponent("pki"))
        try FileManager.default.createDirectory(at: pki.directory, withIntermediateDirectories: true)
        try pki.root("root", subject: "/CN=Tollgate Test Root CA/O=Tollgate Tests")
        try pki.root("other-root", subject: "/CN=Some Other Root CA/O=Elsewhere")
        try pki.issue(
            "int", subject: "/CN=Tollgate Test Signing CA/O=Tollgate Tests", issuer: "root",
            extensions: intermediateExtensions, days: 1825)
        try pki.issue(
            "office", subject: "/O=Tollgate Tests/CN=Compliance Office", issuer: "int",
            extensions: signerExtensions(email: officeEmail))
        try pki.issue(
            "mallory", subject: "/O=Tollgate Tests/CN=Mallory", issuer: "int",
            extensions: signerExtensions(email: "mallory@example.test"))
        // The same subject and e-mail as the office, certified by a CA the trust file does not list.
        try pki.issue(
            "impostor", subject: "/O=Tollgate Tests/CN=Compliance Office", issuer: "other-root",
            extensions: signerExtensions(email: officeEmail))
        try pki.issue(
            "short", subject: "/O=Tollgate Tests/CN=Compliance Office", issuer: "int",
            extensions: signerExtensions(email: officeEmail), days: 1)
        try pki.issue(
            "rsa2048", subject: "/O=Tollgate Tests/CN=Compliance Office", issuer: "int",
            extensions: signerExtensions(email: officeEmail), key: ["-newkey", "rsa:2048"])
        try pki.issue(
            "codesign", subject: "/O=Tollgate Tests/CN=Compliance Office", issuer: "int",
            extensions: signerExtensions(email: officeEmail, usage: "codeSigning"))
        return pki
    }

    private func root(_ name: String, subject: String) throws {
        try Self.openssl(
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "\(name).key", "-out", "\(name).pem", "-days", "3650", "-subj", subject, "-addext",
                "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ], in: directory)
    }

    private func issue(
        _ name: String, subject: String, issuer: String, extensions: String, days: Int = 365,
        key: [String] = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
    ) throws {
        try extensions.write(to: directory.appendingPathComponent("\(name).ext"), atomically: true, encoding: .utf8)
        try Self.openssl(
            ["req", "-new"] + key + ["-nodes", "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject],
            in: directory)
        try Self.openssl(
            [
                "x509", "-req", "-in", "\(name).csr", "-CA", "\(issuer).pem", "-CAkey", "\(issuer).key",
                "-CAcreateserial", "-out", "\(name).pem", "-days", "\(days)", "-extfile", "\(name).ext",
            ], in: directory)
    }

    /// Signs `bundle`'s manifest with `openssl cms -sign -binary` as `signatures/<id>.p7s`.
    func opensslSign(
        _ bundle: URL, id: String, signer: String = "office", chain: Bool = true, extra: [String] = []
    ) throws {
        try FileManager.default.createDirectory(
            at: bundle.appendingPathComponent("signatures"), withIntermediateDirectories: true)
        try Self.openssl(
            [
                "cms", "-sign", "-binary", "-in", bundle.appendingPathComponent("manifest.json").path, "-signer",
                path("\(signer).pem"), "-inkey", path("\(signer).key"), "-outform", "DER", "-out",
                bundle.appendingPathComponent("signatures/\(id).p7s").path,
            ] + (chain ? ["-certfile", path("int.pem")] : []) + extra, in: directory)
    }

    /// A `cms_signers` entry of a trust file.
    struct Signer {
        var id: String
        var ca: String = "root.pem"
        var subject: String? = CMSTestPKI.officeSubject
        var email: String?
        var certificateFingerprint: String?
        var notAfter: String?
    }

    /// A trust file's YAML with `signers` (CA files by absolute path) and inline keys.
    func trustYAML(
        _ signers: [Signer], keys: [BundleTestSupport.TrustedKey] = [], threshold: Int = 1, revoked: [String] = []
    ) -> String {
        var text = BundleTestSupport.trustYAML(keys, threshold: threshold)
        if keys.isEmpty { text = text.replacingOccurrences(of: "keys:\n", with: "") }
        text += "cms_signers:\n"
        for signer in signers {
            text += "  - id: \(signer.id)\n    ca_certificates_file: \(path(signer.ca))\n    identity:\n"
            if let subject = signer.subject { text += "      subject: \"\(subject)\"\n" }
            if let email = signer.email { text += "      email: \(email)\n" }
            if let fingerprint = signer.certificateFingerprint {
                text += "      certificate_fingerprint: \(fingerprint)\n"
            }
            if let notAfter = signer.notAfter { text += "    not_after: \(notAfter)\n" }
        }
        if !revoked.isEmpty {
            text += "revoked:\n"
            for entry in revoked { text += "  - \(entry)\n" }
        }
        return text
    }

    func trust(
        _ signers: [Signer], keys: [BundleTestSupport.TrustedKey] = [], threshold: Int = 1, revoked: [String] = []
    ) throws -> TrustStore {
        let yaml = trustYAML(signers, keys: keys, threshold: threshold, revoked: revoked)
        let (store, diagnostics) = TrustStore.parse(data: Data(yaml.utf8), file: "trust.yaml", baseDirectory: "/")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))\n\(yaml)")
        return try #require(store)
    }
}

struct CMSTestPKIError: Error, CustomStringConvertible {
    let description: String
}
