/// A password policy read from a vendor export, waiting to be attached to the system(s) whose
/// `security.password_policy_import` names its file.
public struct ImportedPasswordPolicy: Sendable {
    /// The export's path as it was loaded.
    public let file: String
    /// The importer that read it (`aws-iam-password-policy`, `okta-password-policy`).
    public let kind: String
    /// The policy in Tollgate's terms, with locations in the export.
    public let policy: PasswordPolicy

    public init(file: String, kind: String, policy: PasswordPolicy) {
        self.file = file
        self.kind = kind
        self.policy = policy
    }
}
