/// How a tool authenticates its users: SSO, MFA, password policy and sessions.
/// A class, like the entities that hold it: the account rules read it for every account, and
/// each copy of a struct retained all its fields (docs/performance.md, nineteenth round).
public final class SecurityConfiguration: DeclarationDecodable {
    public let ssoSupported: Bool?
    public let ssoEnforced: Bool?
    public let localLoginDisabled: Bool?
    public let mfaSupported: Bool?
    public let mfaEnforced: MFAEnforcement?
    public let mfaMethodsAllowed: [MFAMethod]
    /// Whether the platform offers role-based delegation (so shared logins are never needed).
    public let supportsDelegation: Bool?
    /// Whether the tool can give administrators separate accounts or roles.
    public let supportsSeparateAdminAccounts: Bool?
    /// The declared policy, or the one imported from `password_policy_import` after loading.
    public let passwordPolicy: PasswordPolicy?
    /// Path (relative to the declaring file) of a vendor export holding the tool's password
    /// policy: AWS IAM `get-account-password-policy` or an Okta PASSWORD policy object.
    public let passwordPolicyImport: String?
    public let session: SessionPolicy?
    /// Date of the last access review of the tool's accounts.
    public let lastAccessReview: Day?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        ssoSupported = r.bool("sso_supported")
        ssoEnforced = r.bool("sso_enforced")
        localLoginDisabled = r.bool("local_login_disabled")
        mfaSupported = r.bool("mfa_supported")
        mfaEnforced = r.enumValue("mfa_enforced")
        mfaMethodsAllowed = r.enumValues("mfa_methods_allowed")
        supportsDelegation = r.bool("supports_delegation")
        supportsSeparateAdminAccounts = r.bool("supports_separate_admin_accounts")
        passwordPolicy = r.object("password_policy")
        passwordPolicyImport = r.string("password_policy_import")
        session = r.object("session")
        lastAccessReview = r.day("last_access_review")
        origin = r.origin
        if passwordPolicy != nil && passwordPolicyImport != nil {
            r.report(
                "both `password_policy` and `password_policy_import` are declared", at: "password_policy_import",
                hint: "keep one: the export is the tool's real configuration, so prefer the import")
        }
    }

    /// This configuration with the policy read from its `password_policy_import` export.
    func importing(_ policy: PasswordPolicy) -> SecurityConfiguration {
        SecurityConfiguration(self, passwordPolicy: policy)
    }

    private init(_ other: SecurityConfiguration, passwordPolicy: PasswordPolicy?) {
        ssoSupported = other.ssoSupported
        ssoEnforced = other.ssoEnforced
        localLoginDisabled = other.localLoginDisabled
        mfaSupported = other.mfaSupported
        mfaEnforced = other.mfaEnforced
        mfaMethodsAllowed = other.mfaMethodsAllowed
        supportsDelegation = other.supportsDelegation
        supportsSeparateAdminAccounts = other.supportsSeparateAdminAccounts
        self.passwordPolicy = passwordPolicy
        passwordPolicyImport = other.passwordPolicyImport
        session = other.session
        lastAccessReview = other.lastAccessReview
        origin = other.origin
    }
}

/// A tool's password rules, as configured (or imported from AWS IAM / Okta exports). A class
/// for the reason `SecurityConfiguration` is one.
public final class PasswordPolicy: DeclarationDecodable {
    public let minLength: Int?
    public let maxLength: Int?
    public let compositionRules: Bool?
    public let maxAgeDays: Int?
    public let blocklistEnabled: Bool?
    public let lockoutThreshold: Int?
    public let hintsAllowed: Bool?
    public let securityQuestions: Bool?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        minLength = r.int("min_length")
        maxLength = r.int("max_length")
        compositionRules = r.bool("composition_rules")
        maxAgeDays = r.int("max_age_days")
        blocklistEnabled = r.bool("blocklist_enabled")
        lockoutThreshold = r.int("lockout_threshold")
        hintsAllowed = r.bool("hints_allowed")
        securityQuestions = r.bool("security_questions")
        origin = r.origin
    }

    public init(
        minLength: Int?, maxLength: Int?, compositionRules: Bool?, maxAgeDays: Int?, blocklistEnabled: Bool?,
        lockoutThreshold: Int?, hintsAllowed: Bool?, securityQuestions: Bool?, origin: Origin
    ) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.compositionRules = compositionRules
        self.maxAgeDays = maxAgeDays
        self.blocklistEnabled = blocklistEnabled
        self.lockoutThreshold = lockoutThreshold
        self.hintsAllowed = hintsAllowed
        self.securityQuestions = securityQuestions
        self.origin = origin
    }
}

/// Reauthentication and idle timeouts of a tool's sessions (SP 800-63B-4 §2.2.3).
public struct SessionPolicy: DeclarationDecodable {
    public let reauthHours: Int?
    public let idleMinutes: Int?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        reauthHours = r.int("reauth_hours")
        idleMinutes = r.int("idle_minutes")
        origin = r.origin
    }
}
