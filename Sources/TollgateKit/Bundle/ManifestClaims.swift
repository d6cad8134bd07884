/// What an unverified bundle's manifest says about itself: its name, version and validity
/// window, as `tollgate bundle inspect` shows them without a trust file.
///
/// Nobody vouches for these values: anyone can write a manifest. They are read with the
/// verifier's own parser (so they are well-formed, and printable as they are) only to be shown
/// to a person, marked unverified. The type holds no file list and cannot become a
/// `BundleManifest` or a policy: what a bundle contains is reached only through `verify`.
public struct ManifestClaims: Sendable, Hashable {
    /// The name the manifest claims.
    public let name: String
    /// The version the manifest claims.
    public let version: Int
    /// When the manifest claims the bundle was made.
    public let created: Timestamp
    /// When the manifest claims the bundle stops being accepted.
    public let expires: Timestamp
}
