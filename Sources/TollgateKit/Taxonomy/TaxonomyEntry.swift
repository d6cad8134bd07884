/// One key of the Fides taxonomy (a data category, data use or data subject).
///
/// Keys are dot-separated paths (`user.contact.email`); `parent` is the key one level up, or
/// `nil` for a root. Deprecated keys stay valid input but are reported with their replacement.
public struct TaxonomyEntry: Sendable, Hashable {
    /// The dot-separated key, e.g. `user.contact.email`.
    public let key: String
    /// The human-readable name from the taxonomy.
    public let name: String
    /// The parent key, or `nil` for a root key.
    public let parent: String?
    /// The key that replaces this one, when it is deprecated.
    public let replacedBy: String?
    /// Whether the taxonomy marks this key as deprecated.
    public let isDeprecated: Bool

    public init(key: String, name: String, parent: String?, replacedBy: String? = nil, isDeprecated: Bool = false) {
        self.key = key
        self.name = name
        self.parent = parent
        self.replacedBy = replacedBy
        self.isDeprecated = isDeprecated
    }
}
