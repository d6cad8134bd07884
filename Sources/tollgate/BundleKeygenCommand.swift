import ArgumentParser
import Foundation
import TollgateKit

struct BundleKeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Generate a signing key pair: <prefix>.pem (private, mode 0600) and <prefix>.pub.",
        discussion:
            "The same as `openssl genpkey -algorithm ed25519 -out k.pem` and `openssl pkey -in k.pem -pubout -out k.pub`. Prints the key's fingerprint and a trust file entry."
    )

    @Option(help: "The signature algorithm of the key pair.")
    var algorithm: KeyAlgorithm = .ed25519

    @Option(name: .customLong("rsa-bits"), parsing: .unconditional, help: "RSA modulus size in bits (3072 to 16384).")
    var rsaBits: Int = KeyAlgorithm.minimumRSABits

    @Option(
        help: ArgumentHelp("Path prefix of the two files, e.g. keys/compliance-a.", valueName: "prefix"),
        transform: OutputPath.parse)
    var output: String

    @Flag(help: "Replace existing key files.")
    var force = false

    func validate() throws {
        if rsaBits < KeyAlgorithm.minimumRSABits || rsaBits > KeyAlgorithm.maximumRSABits {
            throw ValidationError(
                "--rsa-bits must be between \(KeyAlgorithm.minimumRSABits) and \(KeyAlgorithm.maximumRSABits)")
        }
    }

    func run() throws {
        let privatePath = output + ".pem"
        let publicPath = output + ".pub"
        for path in [privatePath, publicPath] where !force && FileManager.default.fileExists(atPath: path) {
            throw BundleGate.failed(.init("\(path) exists; pass --force to replace it"))
        }
        let key: BundleBuilder.GeneratedKey
        do {
            key = try BundleBuilder.generateKey(algorithm, rsaBits: rsaBits)
        } catch {
            throw BundleGate.failed(error)
        }
        try writeSecret(key.privatePEM, to: privatePath)
        do {
            try OutputFile.write(Data(key.publicPEM.utf8), to: publicPath)
        } catch {
            throw BundleGate.failed(.init("cannot write \(publicPath): \(error.localizedDescription)"))
        }
        let id = URL(fileURLWithPath: output).lastPathComponent
        try Console.out("wrote \(privatePath) (private key: keep it secret) and \(publicPath)")
        try Console.out("algorithm:   \(key.algorithm.rawValue)")
        try Console.out("fingerprint: \(key.fingerprint)")
        try Console.out("trust file entry:")
        try Console.out("  - id: \(id)")
        try Console.out("    algorithm: \(key.algorithm.rawValue)")
        try Console.out("    public_key_file: \(publicPath)   # relative to the trust file")
    }

    /// Creates the file with mode 0600 from the start, so the key is never readable by others.
    private func writeSecret(_ text: String, to path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if force { unlink(path) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw BundleGate.failed(.init("cannot create \(path): \(String(cString: strerror(errno)))"))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        handle.write(Data(text.utf8))
    }
}
