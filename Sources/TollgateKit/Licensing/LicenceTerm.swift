/// One licence in an SPDX licence expression: a listed identifier (optionally with `+` and a
/// `WITH` exception), a user-defined `LicenseRef-`, or the special values `NONE` and
/// `NOASSERTION`.
public struct LicenceTerm: Sendable, Hashable, CustomStringConvertible {
    /// What the identifier refers to.
    public enum Kind: String, Sendable, Hashable {
        /// An identifier on the SPDX License List.
        case listed
        /// A `LicenseRef-…` (optionally `DocumentRef-…:LicenseRef-…`) defined by the document.
        case reference
        /// An identifier that is neither on the list nor a `LicenseRef-` (an error in the expression).
        case unknown
        /// `NONE`: the author states there is no licence.
        case none
        /// `NOASSERTION`: nobody has determined the licence.
        case noAssertion
    }

    public let kind: Kind
    /// The identifier in canonical case for listed licences, as written otherwise.
    public let id: String
    /// `+`: this version or any later one (SPDX 2.3 Annex D.3).
    public let orLater: Bool
    /// The exception after `WITH` (canonical case when listed), if any.
    public let exception: String?

    public init(kind: Kind, id: String, orLater: Bool = false, exception: String? = nil) {
        self.kind = kind
        self.id = id
        self.orLater = orLater
        self.exception = exception
    }

    /// The identifier with its `+`, without the exception: what categories are looked up by.
    public var licence: String { orLater ? id + "+" : id }

    /// `id[+][ WITH exception]`.
    public var description: String {
        exception.map { "\(licence) WITH \($0)" } ?? licence
    }
}
