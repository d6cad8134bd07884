import ArgumentParser
import Foundation
import TollgateKit

struct BundleSignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract:
            "Sign a bundle directory's manifest.json, writing signatures/<key-id>.sig, or with --certificate a CMS signature signatures/<key-id>.p7s.",
        discussion: """
            The algorithm follows the key: Ed25519, ECDSA P-256 (SHA-256, DER) or RSA-PSS (SHA-256, 32-byte salt). \
            Each co-signer runs this with their own key. The new signature is checked at once against \
            the directory's files before it is written; if they no longer match the manifest, nothing is \
            written (an existing signature by that id is kept).

            With --certificate, the signature is CMS SignedData (DER, detached, binary), the same as \
            `openssl cms -sign -binary -outform DER -signer CERT -inkey KEY -certfile CHAIN`: the certificate \
            and the --chain intermediates are embedded, and --key-id names the trust file's cms_signers entry. \
            The key must be ECDSA P-256 or RSA (3072 bits or more); OpenSSL 3.0's CMS cannot use Ed25519. \
            With --ca the new signature is checked against that CA as pipelines will check it.
            """
    )

    @Argument(help: ArgumentHelp("The bundle directory.", valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("The private key (unencrypted PEM).", valueName: "file"))
    var key: String

    @Option(
        name: .customLong("key-id"),
        help: "The key's id in the pipelines' trust files (with --certificate: the cms_signers entry's id).")
    var keyID: String

    @Option(
        help: ArgumentHelp(
            "Sign with CMS: the signer's X.509 certificate (PEM), whose key is --key; further certificates in the file are embedded like --chain.",
            valueName: "file"))
    var certificate: String?

    @Option(
        help: ArgumentHelp(
            "With --certificate: intermediate CA certificates (PEM) to embed, as openssl cms -certfile.",
            valueName: "file"))
    var chain: String?

    @Option(
        help: ArgumentHelp(
            "With --certificate: the CA certificate(s) (PEM) to check the new signature against.", valueName: "file"
        ))
    var ca: String?

    /// Every mistake in the options, reported together (`UsageProblems`), all found before any
    /// key is read (a bad `--key-id` was once exit 2).
    func validate() throws {
        try UsageProblems.validate { problems in
            if let problem = EvidencePack.keyIDProblem(keyID) { problems.add("--key-id: \(problem)") }
            if certificate == nil, chain != nil || ca != nil {
                problems.add("--chain and --ca apply only with --certificate FILE")
            }
        }
    }

    func run() throws {
        func read(_ path: String, _ what: String) throws -> [UInt8] {
            // Bounded, and never a device or FIFO: a key option naming /dev/zero must not read forever.
            switch FileAccess.read(path, maxBytes: 1 << 20) {
            case .success(let data): return [UInt8](data)
            case .failure(let failure):
                throw BundleGate.failed(.init("cannot read the \(what) \(path): \(failure.reason(limit: 1 << 20))"))
            }
        }
        let pem = try read(key, "key")
        if let certificate {
            let certificatePEM = try read(certificate, "certificate")
            let chainPEM = try chain.map { try read($0, "chain") }
            let caPEM = try ca.map { try read($0, "CA file") }
            let signed: (subject: String, fingerprint: String, signaturePath: String)
            do {
                signed = try BundleBuilder.signCMS(
                    directory: directory, certificatePEM: certificatePEM, privateKeyPEM: pem, chainPEM: chainPEM,
                    caPEM: caPEM, signerID: keyID)
            } catch {
                throw BundleGate.failed(error)
            }
            try Console.out("wrote \(directory)/\(signed.signaturePath) (cms, signer \(signed.subject))")
            try Console.out("certificate fingerprint: \(signed.fingerprint)")
            return
        }
        let signature: (algorithm: KeyAlgorithm, signaturePath: String)
        do {
            signature = try BundleBuilder.sign(directory: directory, privateKeyPEM: pem, keyID: keyID)
        } catch {
            throw BundleGate.failed(error)
        }
        try Console.out("wrote \(directory)/\(signature.signaturePath) (\(signature.algorithm.rawValue))")
    }
}
