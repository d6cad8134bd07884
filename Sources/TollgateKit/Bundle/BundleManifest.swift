import Foundation

/// What a bundle's signers vouch for: its name, version, validity window and every file with
/// its size and SHA-256. Signatures cover the manifest's exact bytes, so the manifest is the one
/// place where the file set is pinned.
///
/// Tollgate writes manifests deterministically (see `encoded()`), but verifies whatever bytes
/// were signed: a manifest written by another tool is fine as long as it is valid JSON of this
/// shape. The format is specified in `docs/bundles.md`.
public struct BundleManifest: Sendable, Hashable {
    /// One file of the bundle.
    public struct File: Sendable, Hashable {
        /// A safe relative path (`BundlePath`), `/`-separated.
        public let path: String
        /// The size in bytes.
        public let size: Int
        /// The SHA-256 of the content, 64 lowercase hexadecimal digits.
        public let sha256: String

        public init(path: String, size: Int, sha256: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }
    }

    /// The value of the `format` key of this version of the manifest.
    public static let format = "tollgate-bundle/1"
    /// Versions above this cannot be written as an exact IEEE double, which JSON readers in other
    /// languages use for numbers.
    public static let maximumVersion = 9_007_199_254_740_991

    /// The bundle's name; rollback protection keeps the highest version per name.
    public let name: String
    /// A version that only ever goes up for a given name.
    public let version: Int
    /// When the bundle was made.
    public let created: Timestamp
    /// When the bundle stops being accepted.
    public let expires: Timestamp
    /// Every file, sorted by path in byte order.
    public let files: [File]

    public init(name: String, version: Int, created: Timestamp, expires: Timestamp, files: [File]) {
        self.name = name
        self.version = version
        self.created = created
        self.expires = expires
        self.files = files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    /// The manifest as Tollgate writes it: UTF-8 JSON, keys sorted, two-space indentation, one
    /// line per file, a final newline. Every string is from a restricted character set, so no
    /// escaping is ever needed and the same manifest always has the same bytes.
    public func encoded() -> [UInt8] {
        var text = "{\n"
        text += "  \"created\": \"\(created)\",\n"
        text += "  \"expires\": \"\(expires)\",\n"
        if files.isEmpty {
            text += "  \"files\": [],\n"
        } else {
            text += "  \"files\": [\n"
            text += files.map { "    {\"path\": \"\($0.path)\", \"sha256\": \"\($0.sha256)\", \"size\": \($0.size)}" }
                .joined(separator: ",\n")
            text += "\n  ],\n"
        }
        text += "  \"format\": \"\(Self.format)\",\n"
        text += "  \"name\": \"\(name)\",\n"
        text += "  \"version\": \(version)\n"
        text += "}\n"
        return Array(text.utf8)
    }

    /// Problems that make a manifest unwritable (the same rules `parse` enforces), so authors
    /// learn of them when they build a bundle rather than when a pipeline rejects it.
    static func problems(
        name: String, version: Int, created: Timestamp, expires: Timestamp, paths: [String]
    )
        -> [String]
    {
        fieldProblems(name: name, version: version, created: created, expires: expires, paths: paths).map(\.message)
    }

    /// What is wrong with `name` as a bundle name, or nil: asked by `bundle manifest` before
    /// anything is written, so that a bad `--name` is a usage error.
    public static func nameProblem(_ name: String) -> String? {
        guard !BundlePath.isIdentifier(name) else { return nil }
        return
            "bundle name '\(ControlCharacters.escaped(name))' must start with a letter or digit and use only letters, digits, '.', '_' and '-' (at most 128)"
    }

    /// The same problems, each with the field it is about (`name`, `version`, `expires`,
    /// `files/<index>`), so that `parse` reports it at that value's line and column.
    private static func fieldProblems(
        name: String, version: Int, created: Timestamp, expires: Timestamp, paths: [String]
    )
        -> [(field: String, message: String)]
    {
        var problems: [(field: String, message: String)] = []
        if let problem = nameProblem(name) { problems.append(("name", problem)) }
        if version < 1 || version > maximumVersion {
            problems.append(("version", "version must be between 1 and \(maximumVersion)"))
        }
        if expires <= created {
            problems.append(("expires", "expires (\(expires)) must be after created (\(created))"))
        }
        var lowered = Set<String>()
        for (index, path) in paths.enumerated() {
            let field = "files/\(index)"
            if let problem = BundlePath.problem(path) { problems.append((field, "\(path): \(problem)")) }
            if BundlePath.isReserved(path) {
                problems.append((field, "\(path): reserved for the bundle's manifest and signatures"))
            }
            if BundlePath.isMacOSMetadata(path) {
                problems.append((field, "\(path): macOS metadata cannot be a bundle file"))
            }
            if !lowered.insert(path.lowercased()).inserted {
                problems.append((field, "\(path): differs from another path only in letter case"))
            }
        }
        return problems
    }

    /// Reads a manifest whose signatures have been verified. The `SignedManifest` token can only
    /// be made by `UnverifiedBundle.verify`, after the threshold of trusted signatures is met,
    /// so unsigned manifest bytes never reach this parser.
    static func parse(_ signed: SignedManifest) -> (manifest: BundleManifest?, problems: [BundleRejection.Problem]) {
        let display = signed.displayPath
        let data = Data(signed.bytes)
        // Valid JSON first, so the manifest means the same to a verifier written in any language;
        // the location-aware loader then rejects duplicate keys, which JSON parsers resolve differently.
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            if let (line, column) = trailingData(after: signed.bytes) {
                return (
                    nil,
                    [
                        invalid(
                            "\(display):\(line):\(column)",
                            "data after the JSON object; the manifest must be exactly one UTF-8 JSON object")
                    ]
                )
            }
            return (nil, [invalid(display, "not a JSON object; the manifest must be UTF-8 JSON")])
        }
        let root: Node
        switch DocumentLoader().load(data: data, displayPath: display) {
        case .failure(let diagnostic): return (nil, [invalid(diagnostic)])
        case .success(let node): root = node
        }
        var reader = FieldReader(node: root, file: display, pointer: "", context: "the manifest")
        let format = reader.string("format", required: true)
        let name = reader.string("name", required: true)
        let version = reader.int("version", required: true, minimum: 1)
        let created = timestamp("created", &reader)
        let expires = timestamp("expires", &reader)
        let entries = reader.objects("files", FileEntry.self, context: "a file entry")
        if reader.value("files") == nil { reader.report("missing required key 'files' in the manifest") }
        reader.finish()
        if let format, format != Self.format {
            reader.report(
                "manifest format '\(format)' is not supported", at: "format", hint: "this build reads \(Self.format)")
        }
        var paths = entries.compactMap { $0.path }
        for pair in zip(paths, paths.dropFirst())
        where !Array(pair.0.utf8).lexicographicallyPrecedes(Array(pair.1.utf8)) {
            reader.report(
                "files are not sorted by path in byte order, or '\(pair.1)' is listed twice", at: "files",
                hint: "list each file once, sorted")
        }
        if let name, let version, let created, let expires, entries.count == paths.count {
            for problem in fieldProblems(
                name: name, version: version, created: created, expires: expires, paths: paths)
            {
                reader.report(problem.message, at: problem.field)
            }
        } else {
            paths = []
        }
        guard reader.diagnostics.isEmpty, let name, let version, let created, let expires else {
            return (nil, reader.diagnostics.sorted().map(invalid))
        }
        let files = entries.compactMap { entry in
            entry.path.flatMap { path in
                entry.size.flatMap { size in entry.sha256.map { File(path: path, size: size, sha256: $0) } }
            }
        }
        return (BundleManifest(name: name, version: version, created: created, expires: expires, files: files), [])
    }

    /// Where non-blank bytes follow a balanced top-level `{ … }` (strings and escapes
    /// respected), as line and column (1-based, in bytes), or `nil` when nothing does.
    private static func trailingData(after bytes: [UInt8]) -> (Int, Int)? {
        var index = 0
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        var depth = 0
        var inString = false
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            if depth == 0 { break }
        }
        guard depth == 0 else { return nil }
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        let before = bytes[..<index]
        let line = before.filter { $0 == 0x0A }.count + 1
        let column = index - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return (line, column)
    }

    private static func timestamp(_ key: String, _ reader: inout FieldReader) -> Timestamp? {
        guard let text = reader.string(key, required: true) else { return nil }
        guard let value = Timestamp(rfc3339: text) else {
            reader.report(
                "'\(text)' is not a timestamp for '\(key)'", at: key, hint: "write YYYY-MM-DDTHH:MM:SSZ in UTC")
            return nil
        }
        return value
    }

    private static func invalid(_ diagnostic: Diagnostic) -> BundleRejection.Problem {
        invalid(diagnostic.location.description, diagnostic.text)
    }

    private static func invalid(_ subject: String, _ message: String) -> BundleRejection.Problem {
        BundleRejection.Problem(.invalidManifest, subject, message)
    }

    /// One `files` element as read, before cross-checks.
    private struct FileEntry: DeclarationDecodable {
        let path: String?
        let size: Int?
        let sha256: String?

        init(reading reader: inout FieldReader) {
            path = reader.string("path", required: true)
            size = reader.int("size", required: true, minimum: 0)
            let digest = reader.string("sha256", required: true)
            if let digest,
                digest.utf8.count != 64
                    || !digest.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
            {
                reader.report("'sha256' must be 64 lowercase hexadecimal digits", at: "sha256")
                sha256 = nil
            } else {
                sha256 = digest
            }
        }
    }
}
