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
    ///
    /// Reads a line at a time and stops at the first that is not a tag, so a JSON or YAML file
    /// costs a few characters; every input file is asked, and splitting all 4 KiB into lines
    /// first (grapheme by grapheme) was 2.5 % of a whole check's instructions.
    private static func versionLine(_ bytes: Data) -> Int? {
        var text = Substring(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        var line = 1
        while true {
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            if let first = trimmed.first, !first.isNewline, first != "#" {
                if text.hasPrefix("SPDXVersion:") { return line }
                // Every line before it is a tag: letters (and digits) up to the colon.
                let tag = text.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
                guard !tag.isEmpty, text[tag.endIndex...].first == ":" else { return nil }
            }
            guard let end = text.firstIndex(where: \.isNewline) else { return nil }
            text = text[text.index(after: end)...]
            line += 1
        }
    }
}
