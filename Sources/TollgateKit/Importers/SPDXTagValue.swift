import Foundation

/// Recognises an SPDX document in the tag-value format (`SPDXVersion: SPDX-2.3`, one `Tag: value`
/// per line), which Tollgate does not read, so that it gets one clear error instead of the
/// YAML syntax errors or unknown declaration keys its lines would otherwise produce.
///
/// A tag-value document is a sequence of `Tag: value` lines, with `#` comments and blank lines
/// between them; `SPDXVersion` (SPDX 2.3 §6.1) opens its document creation information, so it is
/// looked for among the first lines, and the file must start with a tag.
enum SPDXTagValue {
    /// How far into a file the first tag is looked for.
    static let scannedBytes = 4096

    /// The error for `data` when it is an SPDX tag-value document, at its `SPDXVersion` line.
    static func diagnostic(data: Data, file: String) -> Diagnostic? {
        guard let line = versionLine(data.prefix(scannedBytes)) else { return nil }
        return Diagnostic(
            at: SourceLocation(file: file, line: line, column: 1, pointer: ""),
            "SPDX tag-value is not read: Tollgate reads SPDX 2.3 as JSON",
            hint: "export the SBOM as SPDX JSON (the generating tool's JSON option, e.g. 'syft -o spdx-json'), "
                + "or convert this file with the SPDX tools, and point at the .spdx.json file")
    }

    /// Whether the file at `path` starts like an SPDX tag-value document (read only its start).
    static func isTagValue(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let start = try? handle.read(upToCount: scannedBytes) else { return false }
        return versionLine(start) != nil
    }

    /// The 1-based line of the `SPDXVersion:` tag when the text (after an optional byte-order
    /// mark, blank lines and `#` comments) starts with `Tag:` lines, one of them `SPDXVersion`.
    private static func versionLine(_ bytes: Data) -> Int? {
        var text = Substring(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if line.hasPrefix("SPDXVersion:") { return index + 1 }
            // Every line before it is a tag: letters (and digits) up to the colon.
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex,
                line[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else { return nil }
        }
        return nil
    }
}
