import Foundation

/// Reads a baseline file written by `tollgate baseline create`, reporting every problem with
/// file:line:col.
public struct BaselineLoader: Sendable {
    public let limits: LoadLimits

    public init(limits: LoadLimits = .default) {
        self.limits = limits
    }

    public func load(path: String) -> (baseline: Baseline?, diagnostics: [Diagnostic]) {
        switch DocumentLoader(limits: limits).read(path: path) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let data): return load(data: data, file: path)
        }
    }

    /// Loads a baseline held in memory; `file` is how locations name it.
    public func load(data: Data, file path: String) -> (baseline: Baseline?, diagnostics: [Diagnostic]) {
        // An empty file is a baseline that was never written, not a declaration file to remove.
        if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            return (
                nil,
                [
                    Diagnostic(
                        at: SourceLocation(file: path, line: 1, column: 1), "the baseline file is empty",
                        hint:
                            "write one with `tollgate baseline create STACK --output \(path)`, or leave out --baseline")
                ]
            )
        }
        var reader = ListFileReader(limits: limits, listKey: "findings", entryName: "baseline", kind: .baseline)
        reader.otherKeys = ["tool", "as_of"]
        var seen: [String: SourceLocation] = [:]
        var duplicates: [Diagnostic] = []
        let loaded = reader.read(data: data, path: path) { entry -> Baseline.Entry? in
            let fingerprint = entry.string("fingerprint", required: true)
            let rule = entry.string("rule", required: true)
            let subject = entry.string("subject", required: true)
            if let fingerprint, fingerprint.count != 32 || !fingerprint.allSatisfy({ $0.isHexDigit && !$0.isUppercase })
            {
                entry.report(
                    "'\(Suggestion.shown(fingerprint))' is not a Tollgate fingerprint", at: "fingerprint",
                    hint: "fingerprints are 32 lowercase hex digits; regenerate with `tollgate baseline create`")
                return nil
            }
            guard let fingerprint, let rule, let subject else { return nil }
            let location = entry.origin.location
            if let first = seen[fingerprint] {
                duplicates.append(
                    Diagnostic(
                        .warning, at: location, "fingerprint \(fingerprint) is listed twice",
                        hint: "the first is at \(first)"))
            } else {
                seen[fingerprint] = location
            }
            return Baseline.Entry(fingerprint: fingerprint, rule: rule, subject: subject, location: location)
        }
        let diagnostics = (loaded.diagnostics + duplicates).sorted()
        guard let file = loaded.file, !diagnostics.contains(where: { $0.level == .error }) else {
            return (nil, diagnostics)
        }
        return (Baseline(file: file, entries: loaded.entries), diagnostics)
    }
}
