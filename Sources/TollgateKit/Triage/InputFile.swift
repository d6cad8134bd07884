/// A file a run read, with the SHA-256 of the exact bytes read, so a report says precisely
/// which waivers or baseline were in force.
public struct InputFile: Sendable, Hashable {
    public let path: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public let sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}
