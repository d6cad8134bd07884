/// The PEM of a trust-file entry, given inline (`public_key`, `ca_certificates`) or as a file
/// beside the trust file (`public_key_file`, `ca_certificates_file`): exactly one of the two.
///
/// Keys and CMS signers name their material the same way; this reads the pair, says when both
/// or neither are given, and reads the bytes with a size limit (a `*_file` naming `/dev/zero`
/// or a large file is refused unread).
struct TrustFileSource {
    let inlineKey: String
    let fileKey: String
    let inlinePEM: String?
    let pemFile: String?

    /// Reads the two keys from `reader` and reports when not exactly one of them is given.
    init(inline inlineKey: String, file fileKey: String, _ reader: inout FieldReader) {
        self.inlineKey = inlineKey
        self.fileKey = fileKey
        inlinePEM = reader.string(inlineKey)
        pemFile = reader.string(fileKey)
        if (inlinePEM == nil) == (pemFile == nil) {
            reader.report("give exactly one of '\(inlineKey)' (PEM) and '\(fileKey)' (a path)")
        }
    }

    /// The PEM bytes and how to name where they came from in messages; `nil` when not exactly
    /// one source was given (already reported), a failure when the file cannot be read.
    func pem(
        baseDirectory: String, limit: Int, at location: SourceLocation
    ) -> Result<
        (bytes: [UInt8], source: String), Diagnostic
    >? {
        guard (inlinePEM == nil) != (pemFile == nil) else { return nil }
        guard let pemFile else { return .success((Array((inlinePEM ?? "").utf8), "inline \(inlineKey)")) }
        let path = pemFile.hasPrefix("/") ? pemFile : baseDirectory + "/" + pemFile
        switch FileAccess.read(path, maxBytes: limit) {
        case .success(let data): return .success(([UInt8](data), "\(fileKey) '\(pemFile)'"))
        case .failure(.tooLarge):
            return .failure(
                Diagnostic(
                    at: location, "\(fileKey) '\(pemFile)' is larger than \(limit) bytes",
                    hint: "name the PEM file itself"))
        case .failure(.unreadable(let access)):
            return .failure(
                Diagnostic(
                    at: location,
                    "cannot read \(fileKey) '\(pemFile)' (resolved to \(path)): \(access.reason ?? "it could not be read")",
                    hint: "paths are relative to the trust file; \(access.hint)"))
        }
    }
}
