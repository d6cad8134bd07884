import ArgumentParser
import Foundation
import TollgateKit

struct BundleKeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Generate a signing key pair: <prefix>.pem (private, mode 0600) and <prefix>.pub.",
        discussion:
            "The same as `openssl genpkey -algorithm ed25519 -out k.pem` and `openssl pkey -in k.pem -pubout -out k.pub`. Prints the key's fingerprint and a trust file that trusts it."
    )

    @Option(help: "The signature algorithm of the key pair.")
    var algorithm: KeyAlgorithm = .ed25519

    @Option(name: .customLong("rsa-bits"), parsing: .unconditional, help: "RSA modulus size in bits (3072 to 16384).")
    var rsaBits: Int = KeyAlgorithm.minimumRSABits

    @Option(
        help: ArgumentHelp(
            "Path prefix of the two files, e.g. keys/compliance-a (not a directory: keys/ is refused).",
            valueName: "prefix"),
        transform: OutputPath.parse)
    var output: String

    @Flag(help: "Replace existing key files.")
    var force = false

    /// Every mistake in the options, reported together (`UsageProblems`).
    func validate() throws {
        try UsageProblems.validate { problems in
            // `keys/` would give the hidden files keys/.pem and keys/.pub: the prefix names the files.
            var isDirectory: ObjCBool = false
            if output.hasSuffix("/") || output.hasSuffix("/.") || output == "."
                || (FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue)
            {
                problems.add(
                    "--output \(output) names a directory; give the path prefix of the two files, e.g. --output \(output.hasSuffix("/") ? output : output + "/")signing-key for signing-key.pem and signing-key.pub"
                )
            }
            if rsaBits < KeyAlgorithm.minimumRSABits || rsaBits > KeyAlgorithm.maximumRSABits {
                problems.add(
                    "--rsa-bits must be between \(KeyAlgorithm.minimumRSABits) and \(KeyAlgorithm.maximumRSABits)")
            }
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
        try writePair(privatePEM: key.privatePEM, to: privatePath, publicPEM: key.publicPEM, to: publicPath)
        let id = URL(fileURLWithPath: output).lastPathComponent
        try Console.out("wrote \(privatePath) (private key: keep it secret) and \(publicPath)")
        try Console.out("algorithm:   \(key.algorithm.rawValue)")
        try Console.out("fingerprint: \(key.fingerprint)")
        // A whole trust file, not an entry: an entry alone was refused as a trust file
        // (no version, no threshold), and the next step is usually the first trust file.
        try Console.out("a trust file for this key (more keys, names, revocations: docs/bundles.md):")
        try Console.out("  version: 1")
        try Console.out("  threshold: 1")
        try Console.out("  keys:")
        try Console.out("    - id: \(id)")
        try Console.out("      algorithm: \(key.algorithm.rawValue)")
        try Console.out("      public_key_file: \(publicPath)   # relative to the trust file")
    }

    /// Writes the two files as a set, as reports are written: each into a temporary file
    /// beside it (the private key's created 0600, so it is never readable by others), then both
    /// put in place together. A failure (a full disk, `<prefix>.pub` a directory) leaves an
    /// existing pair as it was, so the .pem and .pub on disk always belong together.
    private func writePair(
        privatePEM: String, to privatePath: String, publicPEM: String, to publicPath: String
    )
        throws
    {
        var staged: [OutputFile.Staged] = []
        var current = privatePath
        do {
            staged.append(try OutputFile.Staged(path: privatePath, mode: 0o600))
            try staged[0].write(Data(privatePEM.utf8))
            current = publicPath
            staged.append(try OutputFile.Staged(path: publicPath))
            try staged[1].write(Data(publicPEM.utf8))
            try OutputFile.commitAll(staged)
        } catch {
            staged.forEach { $0.discard() }
            let path = ((error as NSError).userInfo[NSFilePathErrorKey] as? String) ?? current
            throw BundleGate.failed(.init("cannot write \(path): \(error.localizedDescription)"))
        }
    }
}
