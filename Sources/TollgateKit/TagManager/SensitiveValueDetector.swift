/// Finds credentials and personal data pasted into tag-manager configuration: API keys and
/// tokens, passwords in URLs, e-mail addresses and phone numbers.
///
/// Tag managers are edited by marketing teams outside code review, and whatever is pasted into
/// a tag ships to every visitor's browser. A finding names only the kind of value and where it
/// is; the value itself, and any part of it, must never reach a report or a log.
///
/// This is a small detector focused on what turns up in GTM containers; a general secret
/// scanner for declarations should absorb it when one exists.
public enum SensitiveValueDetector {
    /// What was found, without the value.
    public struct Match: Sendable, Hashable {
        public let kind: Kind
        /// A description safe to print, e.g. "AWS access key id".
        public let label: String
    }

    /// The two families of sensitive values, reported at different severities.
    public enum Kind: String, Sendable, Hashable {
        case credential
        case personalData = "personal data"
    }

    /// Query and field names whose values are secrets (compared lower-cased, without `-`/`_`).
    static let secretNames: Set<String> = [
        "password", "passwd", "pwd", "pass", "secret", "clientsecret", "apisecret", "apikey", "token", "accesstoken",
        "authtoken", "auth", "privatekey", "secretkey", "sharedsecret",
    ]

    /// The sensitive values in `text`, each reported once per kind of value. `key` is the name
    /// of the field holding `text`: a value of a field named like a secret (`apiSecret`,
    /// `password`) is a secret whatever it looks like.
    public static func scan(_ text: String, key: String? = nil) -> [Match] {
        var found: [Match] = []
        func add(_ kind: Kind, _ label: String) {
            let match = Match(kind: kind, label: label)
            if !found.contains(match) { found.append(match) }
        }
        if let key, isSecretName(key), !text.hasPrefix("{{"), text.count >= 6 {
            add(.credential, "value of a field named '\(key)'")
        }
        // A value that is only a variable reference ({{Email}}) holds nothing itself.
        let text = text.replacing(#/\{\{[^{}]*\}\}/#, with: "")
        for (pattern, label) in tokenPatterns where text.contains(pattern) {
            add(.credential, label)
        }
        if text.contains(#/-----BEGIN [A-Z ]*PRIVATE KEY-----/#) { add(.credential, "private key") }
        if text.contains(#/[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@'"]+:[^/\s@'"]+@/#) {
            add(.credential, "password in a URL")
        }
        for match in text.matches(of: #/[?&;]\s*([A-Za-z_-]{3,24})\s*=\s*([^&#\s'"]{6,})/#)
        where secretNames.contains(normalised(match.output.1)) {
            add(.credential, "secret in URL parameter '\(match.output.1)'")
        }
        for match in text.matches(of: #/["']?([A-Za-z_-]{3,24})["']?\s*[:=]\s*["']([^"'\s{}]{8,})["']/#)
        where secretNames.contains(normalised(match.output.1)) {
            add(.credential, "secret assigned to '\(match.output.1)'")
        }
        // `user:password@host` in a URL is a credential (above), not an e-mail address.
        let withoutUserInfo = text.replacing(#/[A-Za-z][A-Za-z0-9+.-]*://[^/\s@'"]*@/#, with: "")
        if withoutUserInfo.matches(of: emailPattern).contains(where: {
            !fileExtensions.contains($0.output.1.lowercased())
        }) {
            add(.personalData, "e-mail address")
        }
        if text.matches(of: phonePattern).contains(where: { digits(String($0.output)) >= 8 }) {
            add(.personalData, "phone number")
        }
        return found
    }

    /// Values of a parameter whose key names a secret (`apiSecret`, `password`) are secrets
    /// themselves, whatever they look like.
    public static func isSecretName(_ key: String) -> Bool { secretNames.contains(normalised(key)) }

    static func normalised(_ name: Substring) -> String {
        name.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
    }

    static func normalised(_ name: String) -> String { normalised(Substring(name)) }

    static func digits(_ text: String) -> Int { text.filter(\.isNumber).count }

    nonisolated(unsafe) static let tokenPatterns: [(Regex<Substring>, String)] = [
        (#/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/#, "AWS access key id"),
        (#/\bAIza[0-9A-Za-z_-]{35}\b/#, "Google API key"),
        (#/\b[sr]k_live_[0-9A-Za-z]{20,}\b/#, "Stripe secret key"),
        (#/\bxox[abposr]-[0-9A-Za-z-]{10,}/#, "Slack token"),
        (#/\bgh[pousr]_[0-9A-Za-z]{36,}\b/#, "GitHub token"),
        (#/\bglpat-[0-9A-Za-z_-]{20,}/#, "GitLab token"),
        (#/\bSG\.[0-9A-Za-z_-]{16,}\.[0-9A-Za-z_-]{16,}/#, "SendGrid API key"),
        (#/\beyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]{8,}/#, "JSON Web Token"),
        (#/\bEAA[A-Za-z0-9]{60,}/#, "Meta access token"),
    ]

    nonisolated(unsafe) static let emailPattern =
        #/[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.([A-Za-z]{2,})\b/#

    /// `logo@2x.png` is a file name, not an address.
    static let fileExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "js", "css", "ico"]

    /// International numbers (`+44 20 7946 0958`) and `tel:` links; bare digit runs are too
    /// often ids and conversion labels to count.
    nonisolated(unsafe) static let phonePattern = #/(?:tel:\s*|\+)[0-9][0-9 ().-]{6,18}[0-9]/#
}
