import Foundation

/// A bundle whose signatures, manifest, file set and version were verified, holding exactly the
/// verified bytes of its files. Only `UnverifiedBundle.verify` makes one; the policy comes from
/// here and nowhere else.
public struct VerifiedBundle: Sendable {
    /// The bundle as the user named it.
    public let location: String
    /// The verified manifest.
    public let manifest: BundleManifest
    /// SHA-256 of the manifest bytes the signatures cover: the bundle's identity in reports.
    public let manifestSHA256: String
    /// The key ids and CMS signer ids whose signatures counted toward the threshold, one per
    /// distinct signer.
    public let signers: [String]
    /// Things tolerated during verification (ignored metadata files, surplus signatures).
    public let warnings: [String]
    private let files: [String: [UInt8]]

    init(
        location: String, manifest: BundleManifest, manifestSHA256: String, signers: [String], warnings: [String],
        files: [String: [UInt8]]
    ) {
        self.location = location
        self.manifest = manifest
        self.manifestSHA256 = manifestSHA256
        self.signers = signers
        self.warnings = warnings
        self.files = files
    }

    /// The verified bytes of a listed file.
    public func contents(of path: String) -> Data? { files[path].map { Data($0) } }

    /// The policy packs of the bundle: its `.yaml` and `.yml` files, in manifest (path) order,
    /// which is also the order in which later packs override earlier ones.
    public var policyFiles: [String] {
        manifest.files.map(\.path).filter(Self.isPolicyPack)
    }

    /// Whether a bundle path is a policy pack (read by `check`) rather than a carried file.
    static func isPolicyPack(_ path: String) -> Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }

    /// Loads the bundle's policy packs with `loader`, from the verified bytes. Diagnostics name
    /// each file as `<bundle>/<path>`.
    public func policy(loader: PolicyLoader) -> (policy: Policy?, diagnostics: [Diagnostic]) {
        let packs = policyFiles.map { (data: Data(files[$0]!), file: location + "/" + $0) }
        guard !packs.isEmpty else {
            return (
                nil,
                [
                    Diagnostic(
                        at: SourceLocation(file: location + "/" + BundlePath.manifest, line: 1, column: 1),
                        "the bundle holds no policy pack (.yaml or .yml file)")
                ]
            )
        }
        return loader.load(packs: packs)
    }
}
