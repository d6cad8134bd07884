import Foundation

/// The highest version accepted per bundle name, kept in a small JSON file so that a pipeline
/// refuses an older bundle once it has run a newer one (TUF's rollback protection).
///
/// The file is rewritten atomically (temporary file, then rename), so a crash never leaves a
/// half-written state. A state file that exists but cannot be read is an error, never "no
/// state": treating it as empty would silently switch rollback protection off.
public struct RollbackState: Sendable, Hashable {
    /// What was accepted for one bundle name.
    public struct Record: Sendable, Hashable {
        public let version: Int
        /// The SHA-256 of the accepted manifest bytes, to notice one version with two contents.
        public let manifestSHA256: String
        /// When it was accepted (real clock).
        public let accepted: Timestamp

        public init(version: Int, manifestSHA256: String, accepted: Timestamp) {
            self.version = version
            self.manifestSHA256 = manifestSHA256
            self.accepted = accepted
        }
    }

    /// The value of the `format` key.
    public static let format = "tollgate-bundle-state/1"
    /// Where the state lives unless configured: in the working directory, beside the pipeline's checkout.
    public static let defaultPath = ".tollgate/bundle-state.json"

    /// Records by bundle name.
    public private(set) var records: [String: Record]

    public init(records: [String: Record] = [:]) {
        self.records = records
    }

    /// The problem with accepting `version` of `name` whose manifest digest is `digest`, if any.
    func problem(name: String, version: Int, digest: String, statePath: String) -> BundleRejection.Problem? {
        guard let record = records[name] else { return nil }
        if version < record.version {
            return BundleRejection.Problem(
                .rolledBack, BundlePath.manifest,
                "version \(version) of '\(name)' is older than version \(record.version), accepted \(record.accepted) (state: \(statePath))"
            )
        }
        if version == record.version, digest != record.manifestSHA256 {
            return BundleRejection.Problem(
                .versionConflict, BundlePath.manifest,
                "version \(version) of '\(name)' was accepted before with a different manifest (sha256 \(record.manifestSHA256)); a new manifest needs a new version"
            )
        }
        return nil
    }

    /// Remembers an accepted version; returns whether anything changed.
    @discardableResult
    mutating func record(name: String, version: Int, digest: String, at now: Timestamp) -> Bool {
        if let record = records[name], record.version >= version { return false }
        records[name] = Record(version: version, manifestSHA256: digest, accepted: now)
        return true
    }

    // MARK: - File

    /// Reads the state file; a missing file is an empty state. A file that cannot be used is
    /// reported at `file:line:col` of its first problem.
    public static func load(path: String) throws(BundleRejection.Problem) -> RollbackState {
        guard FileManager.default.fileExists(atPath: path) else { return RollbackState() }
        let data: Data
        switch FileAccess.read(path, maxBytes: 4 << 20) {
        case .success(let bytes): data = bytes
        case .failure(let failure):
            throw BundleRejection.Problem(
                .stateUnusable, path, "cannot read the rollback state file: \(failure.reason(limit: 4 << 20))")
        }
        let root: Node
        switch DocumentLoader().load(data: data, displayPath: path) {
        case .failure(let diagnostic):
            // The loader's hint is for declarations ("YAML and JSON are accepted"); this file is
            // Tollgate's own JSON, so say that and how to recover instead.
            throw unusable(diagnostic.location, "it is not valid JSON (\(jsonWording(diagnostic.message)))")
        case .success(let node): root = node
        }
        var reader = FieldReader(node: root, file: path, pointer: "", context: "the rollback state")
        let format = reader.string("format", required: true)
        var records: [String: Record] = [:]
        if let bundles = reader.value("bundles") {
            guard case .mapping(let entries) = bundles.kind else {
                throw unusable(location(path, bundles.mark), "'bundles' is not an object")
            }
            for entry in entries {
                guard BundlePath.isIdentifier(entry.key) else {
                    throw unusable(location(path, entry.keyMark), "'\(entry.key)' is not a bundle name")
                }
                var item = FieldReader(
                    node: entry.value, file: path, pointer: "/bundles/" + entry.key,
                    context: "the record of '\(entry.key)'")
                let version = item.int("version", required: true, minimum: 1)
                let digest = item.string("manifest_sha256", required: true)
                let acceptedText = item.string("accepted", required: true)
                let accepted = acceptedText.flatMap(Timestamp.init(rfc3339:))
                if acceptedText != nil, accepted == nil {
                    item.report("'accepted' of '\(entry.key)' is not an RFC 3339 time", at: "accepted")
                }
                item.finish()
                if let problem = item.diagnostics.first { throw unusable(problem.location, problem.message) }
                guard let version, let digest, let accepted else { continue }
                records[entry.key] = Record(version: version, manifestSHA256: digest, accepted: accepted)
            }
        }
        if let format, format != Self.format {
            reader.report("'format' is '\(format)', not '\(Self.format)'", at: "format")
        }
        reader.finish()
        if let problem = reader.diagnostics.first { throw unusable(problem.location, problem.message) }
        return RollbackState(records: records)
    }

    /// The state as JSON, keys sorted, one record per line.
    public func encoded() -> [UInt8] {
        var text = "{\n  \"bundles\": {"
        let lines = records.keys.sorted().map { name in
            let record = records[name]!
            return
                "\n    \"\(name)\": {\"accepted\": \"\(record.accepted)\", \"manifest_sha256\": \"\(record.manifestSHA256)\", \"version\": \(record.version)}"
        }
        text += lines.joined(separator: ",") + (lines.isEmpty ? "},\n" : "\n  },\n")
        text += "  \"format\": \"\(Self.format)\"\n}\n"
        return Array(text.utf8)
    }

    /// Writes the state atomically.
    public func write(to path: String) throws(BundleRejection.Problem) {
        do {
            try OutputFile.write(Data(encoded()), to: path)
        } catch {
            throw BundleRejection.Problem(
                .stateUnusable, path, "cannot write the rollback state file: \(error.localizedDescription)")
        }
    }

    /// A state file that cannot be used, at `location`, with how to recover. Never "delete it"
    /// without saying what that costs: an empty state accepts any version of any bundle once.
    private static func unusable(_ location: SourceLocation, _ detail: String) -> BundleRejection.Problem {
        BundleRejection.Problem(
            .stateUnusable, location.description,
            "the rollback state file cannot be used: \(detail); Tollgate writes this file: restore it from the pipeline's cache or a backup rather than editing it. Deleting it starts over: the versions accepted so far are forgotten and the next run accepts any version of each bundle, older ones included"
        )
    }

    private static func location(_ path: String, _ mark: Mark) -> SourceLocation {
        SourceLocation(file: path, mark: mark)
    }

    /// The YAML parser's words for what JSON calls objects and arrays.
    private static func jsonWording(_ message: String) -> String {
        message.replacingOccurrences(of: "a flow mapping", with: "an object")
            .replacingOccurrences(of: "a flow sequence", with: "an array")
    }
}
