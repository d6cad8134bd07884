/// The naming rules of a bundle: where the manifest and signatures live, which paths are safe,
/// and which names are operating-system litter.
///
/// Paths use `/` and the POSIX portable filename characters (`A–Z a–z 0–9 . _ -`) only, so a
/// path means the same file on every file system: no `..`, no absolute paths, no backslashes, no
/// Unicode normalisation or case-folding surprises.
enum BundlePath {
    /// The manifest, at the bundle root.
    static let manifest = "manifest.json"
    /// The folder of detached signatures: `signatures/<key-id>.sig` (raw) and
    /// `signatures/<signer-id>.p7s` (CMS).
    static let signatures = "signatures"
    /// The longest path accepted, in bytes (what a ustar header holds).
    static let maximumLength = 255

    /// Why `path` is not a safe relative path, or `nil` when it is.
    static func problem(_ path: String) -> String? {
        if path.isEmpty { return "empty path" }
        if path.utf8.count > maximumLength { return "path longer than \(maximumLength) bytes" }
        if path.hasPrefix("/") { return "absolute path" }
        if path.contains("\\") { return "backslash in path (the separator is /)" }
        // A directory bundle must pack the same as it verifies: ustar holds a path only as a
        // prefix (≤ 155 bytes) and a name (≤ 100) split at a `/`.
        if TarArchive.split(path) == nil {
            return
                "path does not fit a ustar header (its last segment is over 100 bytes, or no '/' splits it into at most 155 + 100 bytes)"
        }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { return "empty path segment (leading, trailing or doubled /)" }
            if segment == ".." { return "'..' segment escapes the bundle" }
            if segment == "." { return "'.' segment" }
            guard segment.utf8.allSatisfy(isPortable) else {
                return "characters outside A-Z a-z 0-9 . _ - (the POSIX portable set)"
            }
        }
        return nil
    }

    /// Whether a path's last segment is macOS metadata: AppleDouble `._name` files, which macOS
    /// writes beside files copied to non-Apple file systems or archives, and `.DS_Store`.
    static func isMacOSMetadata(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasPrefix("._") || name == ".DS_Store"
    }

    /// The key id of a signature path `signatures/<id>.sig`, or `nil` when the path is not one.
    static func keyID(ofSignature path: String) -> String? {
        let prefix = signatures + "/"
        guard path.hasPrefix(prefix), path.hasSuffix(".sig") else { return nil }
        let id = String(path.dropFirst(prefix.count).dropLast(4))
        return isSignerID(id) ? id : nil
    }

    /// The signature path of a key id.
    static func signature(of keyID: String) -> String { "\(signatures)/\(keyID).sig" }

    /// The signer id of a CMS signature path `signatures/<id>.p7s`, or `nil` when the path is not one.
    static func signerID(ofCMSSignature path: String) -> String? {
        let prefix = signatures + "/"
        guard path.hasPrefix(prefix), path.hasSuffix(".p7s") else { return nil }
        let id = String(path.dropFirst(prefix.count).dropLast(4))
        return isSignerID(id) ? id : nil
    }

    /// The CMS signature path of a signer id.
    static func cmsSignature(of signerID: String) -> String { "\(signatures)/\(signerID).p7s" }

    /// The longest key or signer id: `<id>.sig` is a ustar header's 100-byte name field (the
    /// `signatures/` prefix goes in its own field), so a longer id could be signed and verified
    /// in a directory but never packed.
    static let maximumSignerIDLength = 96

    /// Whether `text` is a valid key id or CMS signer id: an identifier of at most 96 bytes.
    static func isSignerID(_ text: String) -> Bool { text.utf8.count <= maximumSignerIDLength && isIdentifier(text) }

    /// The rule for key and signer ids, in the words of a message.
    static let signerIDRule =
        "must start with a letter or digit and use only letters, digits, '.', '_' and '-' (at most \(maximumSignerIDLength))"

    /// Whether `text` is a valid bundle name: a letter or digit, then up to 127 of
    /// letters, digits, `.`, `_` and `-`.
    static func isIdentifier(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 128, isAlphanumeric(first) else { return false }
        return bytes.allSatisfy(isPortable)
    }

    /// Whether a path is reserved for the bundle's own machinery rather than policy content.
    static func isReserved(_ path: String) -> Bool {
        path == manifest || path == signatures || path.hasPrefix(signatures + "/")
    }

    /// Every directory on the way to `paths` (`a/b/c.yaml` → `a`, `a/b`).
    static func directories(leadingTo paths: some Sequence<String>) -> Set<String> {
        var directories = Set<String>()
        for path in paths {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                directories.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        return directories
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isPortable(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
