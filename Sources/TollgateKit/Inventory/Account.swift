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
    /// Set when the identity provider's export shows the user was never activated (Okta
    /// `STAGED`, `PROVISIONED`); nil for a declared account and an activated user.
    public let pendingActivation: PendingActivation?
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
        pendingActivation = nil
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
        enabled = imported.enabled ?? true
        pendingActivation = imported.pendingActivation
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

    /// A user of an identity provider's export refined by the account declared in YAML with the
    /// same id for the same system (docs/declarations.md, "A declaration that refines an imported
    /// user"). What only a declaration can say (`kind`, `holders`, `mfa_methods`, `vault_ref`, …)
    /// is the declaration's. What the identity provider records is the export's where the export
    /// has a value, the declaration's otherwise: `enabled` (not in a restricted export), `mfa_enabled`
    /// (not in Okta's list), `created`, `last_login`, `recovery_email`, `recovery_phone`, because
    /// the export is the live record and a declaration of these goes stale; a pending activation
    /// is the export's alone (a declaration cannot state one). `is_admin` is true
    /// when either says so: the export cannot show every admin role (Okta's list shows none), and
    /// a declaration cannot take rights away that the identity provider grants. A declared
    /// `owner` wins over the person matched by e-mail (`matchedOwner`). The origin is the
    /// declaration's, with each field taken from the export pointing into the export.
    init(refining declared: Account, matchedOwner: String?, imported: ImportedAccount) {
        var fromExport: [String] = []
        /// The export's value of `field`, noted as taken from the export when it has one; the
        /// caller falls back on the declaration's with `??`, so a fact the declaration always has
        /// (`enabled`) stays non-optional and needs no default of its own.
        func exported<T>(_ field: String, _ value: T?) -> T? {
            if value != nil { fromExport.append(field) }
            return value
        }
        id = declared.id
        system = declared.system
        kind = declared.kind
        if declared.origin.has("owner") {
            owner = declared.owner
        } else {
            owner = matchedOwner
            fromExport.append("owner")
        }
        holders = declared.holders
        isAdmin = declared.isAdmin || imported.isAdmin
        if !declared.isAdmin && (imported.isAdmin || !declared.origin.has("is_admin")) { fromExport.append("is_admin") }
        role = declared.role
        enabled = exported("enabled", imported.enabled) ?? declared.enabled
        pendingActivation = imported.pendingActivation
        mfaEnabled = exported("mfa_enabled", imported.mfaEnabled) ?? declared.mfaEnabled
        mfaMethods = declared.mfaMethods
        sso = declared.sso
        created = exported("created", imported.created) ?? declared.created
        lastLogin = exported("last_login", imported.lastLogin) ?? declared.lastLogin
        vaultRef = declared.vaultRef
        recoveryEmail = exported("recovery_email", imported.recoveryEmail) ?? declared.recoveryEmail
        recoveryPhone = exported("recovery_phone", imported.recoveryPhone) ?? declared.recoveryPhone
        ownerActive = declared.ownerActive
        dedicatedAdmin = declared.dedicatedAdmin
        userEntity = declared.userEntity
        usageCountry = declared.usageCountry
        isContractor = declared.isContractor
        purpose = declared.purpose
        lastReviewed = declared.lastReviewed
        origin = declared.origin.taking(fromExport, from: imported.origin)
    }
}
