/// A field of a vendor's export format whose values look like credentials to the secret scan's
/// heuristics but are not: Google's profile-photo URLs (random-looking paths), SSH *public*
/// keys, a paging cursor under a key named `…Token`, Okta's API links to a user.
///
/// Why the importer says so, after the scan: the scan judges every string before anyone knows
/// what the file is (strict JSON is scanned while it is read), and ACC-018's heuristics only see
/// a key and a string. An importer that recognised the file knows its format's fields, so it
/// lists these (`Importer.fieldsWithoutSecrets`) and the loader drops the heuristic sightings
/// found there (`Importer.keptSecrets(_:in:)`). Only the heuristics are waived, and only for a
/// value of the field's known shape: a known token format (`ghp_…`, `AKIA…`, a PEM private key,
/// a password in a URL) is reported in these fields too, and every other field of the export
/// (a custom schema field, a profile attribute) is scanned as before.
public struct FieldWithoutSecrets: Sendable {
    /// The field's JSON pointer, split on `/`, with `*` for any one step (a list index, a link
    /// relation): `/users/*/thumbnailPhotoUrl`.
    let pattern: [Substring]
    /// The heuristic sightings waived there (never a known token format).
    let kinds: Set<SecretKind>
    /// Whether the whole value has the field's known shape.
    let hasKnownShape: @Sendable (String) -> Bool

    /// The field at `pointer` (`*` for any one step), where `kinds` of sighting are waived for
    /// a value `hasKnownShape` accepts.
    public init(
        _ pointer: String, waiving kinds: Set<SecretKind> = [.highEntropy],
        when hasKnownShape: @escaping @Sendable (String) -> Bool
    ) {
        self.pattern = pointer.split(separator: "/", omittingEmptySubsequences: false)
        self.kinds = kinds
        self.hasKnownShape = hasKnownShape
    }

    /// Whether `secret`, found in the document `root`, is a false alarm in this field.
    func waives(_ secret: ExposedSecret, in root: Node) -> Bool {
        guard kinds.contains(secret.kind) else { return false }
        let steps = secret.location.pointer.split(separator: "/", omittingEmptySubsequences: false)
        guard steps.count == pattern.count,
            zip(steps, pattern).allSatisfy({ step, expected in expected == "*" || step == expected }),
            let text = Self.scalar(at: steps.dropFirst(), in: root)
        else { return false }
        return hasKnownShape(text)
    }

    /// The text of the scalar at the pointer's (unescaped, RFC 6901) steps.
    private static func scalar(at steps: ArraySlice<Substring>, in root: Node) -> String? {
        var node = root
        for step in steps {
            switch node.kind {
            case .mapping(let entries):
                // Nearly every step has no escape: Foundation's replacing only for those that do.
                let key =
                    step.utf8.contains(UInt8(ascii: "~"))
                    ? Substring(
                        step.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~"))
                    : step
                guard let entry = entries.first(where: { $0.key == key }) else { return nil }
                node = entry.value
            case .sequence(let items):
                guard let index = Int(step), items.indices.contains(index) else { return nil }
                node = items[index]
            case .scalar:
                return nil
            }
        }
        guard case .scalar(let text, _) = node.kind else { return nil }
        return text
    }

    /// Whether `text` is an `https` URL on a host `host` accepts, with no user name, password,
    /// query or fragment (where a token could ride along), and a path starting with `path`.
    static func isPlainURL(_ text: String, host: (Substring) -> Bool, path: String = "/") -> Bool {
        guard text.hasPrefix("https://"), !text.contains(where: { "?#@ ".contains($0) }) else { return false }
        let rest = text.dropFirst("https://".count)
        guard let slash = rest.firstIndex(of: "/") else { return false }
        return host(rest[..<slash]) && rest[slash...].hasPrefix(path)
    }
}

extension Importer {
    /// No field of the format is known to hold no secret.
    public var fieldsWithoutSecrets: [FieldWithoutSecrets] { [] }

    /// `secrets` found in `root`, a document this importer recognised, without the heuristic
    /// sightings in its fields known to hold no secret.
    public func keptSecrets(_ secrets: [ExposedSecret], in root: Node) -> [ExposedSecret] {
        let fields = fieldsWithoutSecrets
        guard !fields.isEmpty else { return secrets }
        return secrets.filter { secret in !fields.contains { $0.waives(secret, in: root) } }
    }
}
