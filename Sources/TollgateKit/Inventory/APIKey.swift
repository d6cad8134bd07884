/// An API key or integration token of a system. Only metadata: the secret itself never belongs
/// in a declaration (it is referenced with `secret_ref: vault://…`).
/// A class, not a struct: rules and indexes pass these around by the hundred thousand, and copying
/// a struct of thirty fields retains every one of them (measured: 15% of an L run in swift_retain).
public final class APIKey: DeclarationDecodable, Identifiable {
    public let id: String
    public let system: String
    public let owner: String?
    public let purpose: String?
    public let created: Day?
    public let lastRotated: Day?
    public let lastUsed: Day?
    public let scopes: [String]
    public let expires: Day?
    public let secretRef: String?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        id = r.string("id", required: true) ?? ""
        system = r.string("system", required: true) ?? ""
        owner = r.string("owner")
        purpose = r.string("purpose")
        created = r.day("created")
        lastRotated = r.day("last_rotated")
        lastUsed = r.day("last_used")
        scopes = r.strings("scopes")
        expires = r.day("expires")
        secretRef = r.string("secret_ref")
        origin = r.origin
    }
}
