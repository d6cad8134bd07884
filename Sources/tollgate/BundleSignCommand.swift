import ArgumentParser
import Foundation
import TollgateKit

struct BundleSignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a bundle directory's manifest.json, writing signatures/<key-id>.sig.",
        discussion: """
            The algorithm follows the key: Ed25519, ECDSA P-256 (SHA-256, DER) or RSA-PSS (SHA-256, 32-byte salt). \
            Each co-signer runs this with their own key. The new signature is checked at once against \
            the directory's files; if they no longer match the manifest, it is removed again.
            """
    )

    @Argument(help: ArgumentHelp("The bundle directory.", valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("The private key (unencrypted PEM).", valueName: "file"))
    var key: String

    @Option(name: .customLong("key-id"), help: "The key's id in the pipelines' trust files.")
    var keyID: String

    func run() throws {
        guard let pem = FileManager.default.contents(atPath: key) else {
            throw BundleGate.failed(.init("cannot read the key \(key)"))
        }
        do {
            let (algorithm, path) = try BundleBuilder.sign(
                directory: directory, privateKeyPEM: [UInt8](pem), keyID: keyID)
            Console.out("wrote \(directory)/\(path) (\(algorithm.rawValue))")
        } catch {
            throw BundleGate.failed(error)
        }
    }
}
