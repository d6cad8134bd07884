/// Finds personal data pasted into tag-manager configuration: e-mail addresses and phone
/// numbers.
///
/// Tag managers are edited by marketing teams outside code review, and whatever is pasted into
/// a tag ships to every visitor's browser. A finding names only the kind of value and where it
/// is; the value itself, and any part of it, must never reach a report or a log.
///
/// Credentials are not looked for here: `SecretScanner` is the one credential detector, for
/// declarations and exports alike.
public enum PersonalDataDetector {
    /// The kinds of personal data found in `text`, each once, in a fixed order: "e-mail
    /// address", "phone number".
    public static func scan(_ text: String) -> [String] {
        // A value that is only a variable reference ({{Email}}) holds nothing itself.
        // Each pattern runs only where the character it cannot match without is present: Swift
        // regexes are slow, and PRIV-105 asks this of every value of every container.
        let text = text.containsPlainText("{{") ? text.replacing(variableReference, with: "") : text
        var found: [String] = []
        // `user:password@host` in a URL is a credential, not an e-mail address.
        if text.utf8.contains(UInt8(ascii: "@")), AddressScan.containsAddress(text, excluding: fileExtensions) {
            found.append("e-mail address")
        }
        if text.utf8.contains(UInt8(ascii: "+")) || text.containsPlainText("tel:"),
            text.matches(of: phonePattern).contains(where: { digits(String($0.output)) >= 8 })
        {
            found.append("phone number")
        }
        return found
    }

    static func digits(_ text: String) -> Int { text.filter(\.isNumber).count }

    // The patterns are compiled once, here: a regex literal inside `scan` was parsed again on
    // every call (a sixth of PRIV-105's time at L went to the regex parser).

    /// A tag-manager variable reference, `{{Page URL}}`.
    nonisolated(unsafe) static let variableReference = #/\{\{[^{}]*\}\}/#

    /// `logo@2x.png` is a file name, not an address.
    static let fileExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "js", "css", "ico"]

    /// International numbers (`+44 20 7946 0958`) and `tel:` links; bare digit runs are too
    /// often ids and conversion labels to count.
    nonisolated(unsafe) static let phonePattern = #/(?:tel:\s*|\+)[0-9][0-9 ().-]{6,18}[0-9]/#
}
