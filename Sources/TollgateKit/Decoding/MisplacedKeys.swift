/// Keys written one level away from where they belong, with where to move them. The generic
/// advice for an unknown key ("remove it, or prefix it with x-") would have the user delete a
/// fact a rule needs, and "did you mean" finds nothing close at the wrong level.
enum MisplacedKeys {
    /// The keys of a system's `security:` mapping: those `SecurityConfiguration` reads, so a key
    /// added there gets the hint too.
    static let security = FieldReader.keys(readBy: SecurityConfiguration.self)

    /// Where `key`, unknown in a mapping read as `context`, belongs; nil when it is not a known
    /// misplacement.
    static func hint(for key: String, in context: String) -> String? {
        switch context {
        case "security" where key == "accounts_import":
            return "`accounts_import` belongs on the system, beside `security:`, not inside it: move it up one level"
        case "system" where security.contains(key):
            return "`\(key)` belongs in the system's `security:` mapping: move it there"
        default:
            return nil
        }
    }
}
