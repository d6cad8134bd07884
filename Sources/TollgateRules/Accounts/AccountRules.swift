import TollgateKit

/// The passwords and accounts policy module (NIST SP 800-63B-4, CIS Controls v8.1), plus the
/// governance of the stack itself (ACC-021…023: owners, reviews, vendor evidence).
public enum AccountRules {
    public static let all: [any Rule] = [
        MinimumPasswordLength(), LongPasswordsAllowed(), NoCompositionRules(), NoForcedRotation(),
        PasswordBlocklist(), FailedAttemptThrottling(), NoHintsOrSecurityQuestions(), MFAForAllUsers(),
        AdminMFA(), SSOEnforced(), NoSharedAccounts(), NoSecretsInDeclarations(), DormantAccounts(), LeaversRemoved(),
        AdminCountBounded(),
        DedicatedAdminAccounts(), APIKeyHygiene(), AccessReviews(), CorporateRecoveryChannel(), SessionTimeouts(),
        BusinessOwnerDeclared(), SecurityReviewCurrent(), VendorSecurityEvidence(),
    ]
}
