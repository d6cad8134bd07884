/// A login to a system: a person's, a shared one, a service account or a break-glass account.
/// A class, not a struct: rules and indexes pass these around by the hundred thousand, and copying
/// a struct of thirty fields retains every one of them (measured: 15% of an L run in swift_retain).
public final class Account: DeclarationDecodable, Identifiable {
    public let id: String
    public let system: String
    public let kind: AccountKind
    /// Person id (in `people`) or name responsible for the account.
    public let owner: String?
    /// People who know the credentials of a shared account.
    public let holders: [String]
    public let isAdmin: Bool
    public let role: String?
    public let enabled: Bool
    public let mfaEnabled: Bool?
    public let mfaMethods: [MFAMethod]
    public let sso: Bool?
    public let created: Day?
    public let lastLogin: Day?
    /// Where a shared or service credential is held (`vault://…`).
    public let vaultRef: String?
    public let recoveryEmail: String?
    public let recoveryPhone: String?
    /// From an HR/IdP export; when absent, taken from the owner's `people` entry.
    public let ownerActive: Bool?
    /// Whether this admin account is used only for administration (CIS 5.4).
    public let dedicatedAdmin: Bool?
    /// Legal entity of the account's user, for licensee-scope checks.
    public let userEntity: String?
    public let usageCountry: String?
    public let isContractor: Bool?
    public let purpose: String?
    public let lastReviewed: Day?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        id = r.string("id", required: true) ?? ""
        system = r.string("system", required: true) ?? ""
        kind = r.enumValue("kind", required: true) ?? .human
        owner = r.string("owner")
        holders = r.strings("holders")
        isAdmin = r.bool("is_admin") ?? false
        role = r.string("role")
        enabled = r.bool("enabled") ?? true
        mfaEnabled = r.bool("mfa_enabled")
        mfaMethods = r.enumValues("mfa_methods")
        sso = r.bool("sso")
        created = r.day("created")
        lastLogin = r.day("last_login")
        vaultRef = r.string("vault_ref")
        recoveryEmail = r.string("recovery_email")
        recoveryPhone = r.string("recovery_phone")
        ownerActive = r.bool("owner_active")
        dedicatedAdmin = r.bool("dedicated_admin")
        userEntity = r.string("user_entity")
        usageCountry = r.string("usage_country")
        isContractor = r.bool("is_contractor")
        purpose = r.string("purpose")
        lastReviewed = r.day("last_reviewed")
        origin = r.origin
    }

    /// An account read from an identity provider's user export (`ImportedAccount`), once the
    /// system that names the export and the owner (a person matched by e-mail, or the e-mail
    /// itself) are known. A person's own login: the export says nothing of shared or service use.
    init(id: String, system: String, owner: String?, imported: ImportedAccount) {
        self.id = id
        self.system = system
        kind = .human
        self.owner = owner
        holders = []
        isAdmin = imported.isAdmin
        role = nil
        enabled = imported.enabled
        mfaEnabled = imported.mfaEnabled
        mfaMethods = []
        sso = nil
        created = imported.created
        lastLogin = imported.lastLogin
        vaultRef = nil
        recoveryEmail = imported.recoveryEmail
        recoveryPhone = imported.recoveryPhone
        ownerActive = nil
        dedicatedAdmin = nil
        userEntity = nil
        usageCountry = nil
        isContractor = nil
        purpose = nil
        lastReviewed = nil
        origin = imported.origin
    }
}
