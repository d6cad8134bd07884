import ArgumentParser
import Foundation
import TollgateKit

struct BundleInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a bundle holds; with --trust, verify it and show its manifest.",
        discussion: """
            Without --trust nothing is vouched for, so only the container is listed: files with sizes and \
            SHA-256, and which key ids and CMS signer ids signed; the manifest is not interpreted. With --trust the bundle is \
            verified (without touching rollback state) and the verified manifest is shown.
            """
    )

    @Argument(help: ArgumentHelp("The bundle: a directory or a packed file.", valueName: "path"))
    var bundle: String

    @Option(help: ArgumentHelp("A trust file, to verify and show the manifest.", valueName: "file"))
    var trust: String?

    func run() throws {
        if let trust {
            let verified = try BundleGate.verify(bundle, trust: trust, statePath: nil)
            let manifest = verified.manifest
            Console.out("bundle \(bundle) (verified)")
            Console.out("name:     \(manifest.name)")
            Console.out("version:  \(manifest.version)")
            Console.out("created:  \(manifest.created)")
            Console.out("expires:  \(manifest.expires)")
            Console.out("signed by \(verified.signers.joined(separator: ", "))")
            Console.out("manifest sha256 \(verified.manifestSHA256)")
            for file in manifest.files { Console.out("  \(file.sha256)  \(pad(file.size))  \(file.path)") }
            return
        }
        let unverified: UnverifiedBundle
        do {
            unverified = try UnverifiedBundle(contentsOf: bundle)
        } catch {
            throw BundleGate.untrusted(error)
        }
        for warning in unverified.warnings { Console.error("warning: \(warning)") }
        let listing = unverified.listing
        Console.out(
            "bundle \(bundle) (\(unverified.isPacked ? "packed" : "directory"); UNVERIFIED: pass --trust to verify)")
        Console.out("manifest.json sha256 \(listing.manifestSHA256 ?? "(missing)")")
        for signature in listing.signatures {
            Console.out("signature by key id '\(signature.keyID)' (\(signature.size) bytes)")
        }
        for signature in listing.cmsSignatures {
            Console.out("CMS signature by signer id '\(signature.signerID)' (\(signature.size) bytes)")
        }
        for file in listing.files { Console.out("  \(file.sha256)  \(pad(file.size))  \(file.path)") }
    }

    private func pad(_ size: Int) -> String {
        let text = String(size)
        return String(repeating: " ", count: max(0, 8 - text.count)) + text
    }
}
