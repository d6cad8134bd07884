/// Finds the hosts a piece of custom HTML or a pixel URL loads from.
///
/// A tag manager lets anyone with edit rights paste markup that loads any script; the hosts in
/// that markup are where visitors' data goes. The extractor reads URLs in `src` attributes,
/// in string literals of the script (`s.src = "https://…"`, `fetch("…")`) and protocol-relative
/// URLs, and ignores links (`href`), which load nothing until clicked. It never executes or
/// evaluates anything: hosts built at run time from variables are not found.
public enum ScriptHostExtractor {
    /// The distinct hosts `text` loads from, lower-cased, in order of first appearance.
    public static func hosts(in text: String) -> [String] {
        var found: [String] = []
        // Looked up in a set: custom HTML can hold tens of thousands of hosts, and searching
        // the array for each one cost their number squared (100,000 hosts took 93 s).
        var seen: Set<String> = []
        for match in text.matches(of: urlPattern) {
            let preceding = text[text.startIndex..<match.range.lowerBound].suffix(12).lowercased()
            if preceding.replacingASCII(" ", with: nil).hasSuffix("href=\"")
                || preceding.replacingASCII(" ", with: nil).hasSuffix("href='")
            {
                continue
            }
            let host = String(match.output.1).lowercased()
            guard host.contains("."), !host.hasSuffix("."), seen.insert(host).inserted else { continue }
            found.append(host)
        }
        return found
    }

    /// The host of one URL (custom image tags), or `nil` when it is relative or templated.
    public static func host(ofURL text: String) -> String? {
        hosts(in: text).first
    }

    /// `https://host`, `http://host` or `//host`, with an optional port; the host is group 1.
    nonisolated(unsafe) static let urlPattern =
        #/(?:https?:)?//([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)(?::[0-9]+)?/#
}
