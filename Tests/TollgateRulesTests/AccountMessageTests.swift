import Testing
import TollgateKit
import TollgateRules

/// Account findings read as sentences and name their subject: text and XML reports show only
/// the message (the review of session 16, items 3 and 11).
@Suite("Account finding messages")
struct AccountMessageTests {
    /// ACC-008 says whom MFA is left out for, and reports unknown support (absent is not false).
    @Test(arguments: [
        (
            "mfa_supported: true, mfa_enforced: admins",
            "tool 'esp' enforces MFA only for admins; enforce it for all users"
        ),
        (
            "mfa_enforced: none",
            "tool 'esp' does not enforce MFA for anyone; enforce it for all users, or declare mfa_supported: false if the tool cannot do MFA"
        ),
        (
            "mfa_supported: true",
            "tool 'esp' does not declare whom it enforces MFA for; enforce it for all users"
        ),
    ])
    func mfaEnforcementGap(_ security: String, _ message: String) {
        let findings = PrivacyPathTests.findings(
            """
            version: 1
            systems: [{ id: esp, name: ESP, system_type: esp, security: { \(security) } }]
            accounts:
              - { id: ann, system: esp, kind: human }
            """, rule: MFAForAllUsers())
        #expect(findings.map(\.message) == [message])
    }
}

extension AccountMessageTests {
    /// ACC-009, ACC-011 and ACC-012 name the account in the message, as ACC-008 does.
    @Test func accountFindingsNameTheAccount() {
        let yaml = """
            version: 1
            people:
              - { id: ann, active: false, left_on: 2026-04-30 }
            systems:
              - { id: forum, name: Forum, system_type: other, security: { supports_delegation: false } }
            accounts:
              - { id: bob-admin, system: forum, kind: human, is_admin: true, mfa_enabled: false, last_login: 2026-01-02 }
              - { id: dave-admin, system: forum, kind: human, is_admin: true, mfa_enabled: true, mfa_methods: [sms] }
              - { id: erin-admin, system: forum, kind: human, is_admin: true, mfa_enabled: true, mfa_methods: [totp] }
              - { id: new-hire, system: forum, kind: human, created: 2026-07-01 }
              - { id: forum-brand, system: forum, kind: shared, holders: [ann] }
            """
        let rules: [any Rule] = [AdminMFA(), NoSharedAccounts(), DormantAccounts()]
        let messages: [String] = rules.flatMap { rule in
            PrivacyPathTests.findings(yaml, rule: rule).map(\.message)
        }
        #expect(
            messages == [
                "admin account 'bob-admin' has no MFA",
                "admin account 'dave-admin' relies only on sms for MFA",
                "admin account 'erin-admin' uses MFA that is not phishing-resistant (totp); prefer a passkey or security key",
                "shared login 'forum-brand' has no MFA",
                "shared login 'forum-brand' is not held in a vault",
                "holder 'ann' of shared login 'forum-brand' has left; rotate the credential and remove them",
                "account 'bob-admin' is dormant: last sign-in 150 days ago, over 45",
                "account 'new-hire' was created on 2026-07-01, after the as-of date 2026-06-01, so it is not on record as of that day",
            ], "\(messages)")
    }
}

extension AccountMessageTests {
    /// ACC-014, ACC-016, ACC-017, ACC-021 and ACC-022 name the tool or key, as ACC-009 names the account.
    @Test func toolAndKeyFindingsNameTheirSubject() {
        let yaml = """
            version: 1
            people:
              - { id: ann, active: false, left_on: 2026-04-30 }
            systems:
              - { id: forum, name: Forum, system_type: other, security: { last_access_review: 2025-01-01 } }
              - { id: blog, name: Blog, system_type: other, business_owner: ann, it_review: { outcome: pending } }
            accounts:
              - { id: etl, system: forum, kind: service }
              - { id: bob, system: blog, kind: human }
            api_keys:
              - { id: k1, system: forum, owner: ann, created: 2025-01-01, last_used: 2026-01-01, scopes: [admin] }
              - { id: k2, system: forum, created: 2026-07-01, expires: 2027-01-01 }
            """
        let rules: [any Rule] = [
            AdminCountBounded(), APIKeyHygiene(), AccessReviews(), BusinessOwnerDeclared(), SecurityReviewCurrent(),
        ]
        let messages: [String] = rules.flatMap { rule in
            PrivacyPathTests.findings(yaml, rule: rule).map(\.message)
        }
        for message in messages {
            #expect(
                message.contains("'forum'") || message.contains("'blog'") || message.contains("'k1'")
                    || message.contains("'k2'"), "\(message)")
        }
        #expect(
            Set(messages).isSuperset(of: [
                "tool 'forum' has 0 administrators, fewer than 2",
                "key 'k1' was created 516 days ago, over 90",
                "owner 'ann' of key 'k1' has left",
                "key 'k1' has the full-access scope 'admin'",
                "key 'k1' never expires",
                "key 'k2' has no owner",
                "key 'k2' was created on 2026-07-01, after the as-of date 2026-06-01, so it is not on record as of that day",
                "the accounts of tool 'forum' were last reviewed 516 days ago, over 90",
                "no access review of the accounts of tool 'blog' is recorded",
                "service account 'etl' of tool 'forum' lacks owner, purpose, last_reviewed",
                "tool 'forum' has no business owner",
                "business owner 'ann' of tool 'blog' left on 2026-04-30",
                "no IT/security review of tool 'forum' is recorded",
                "the IT/security review of tool 'blog' is still pending",
                "the IT/security review of tool 'blog' records no reviewer",
            ]), "\(messages)")
    }
}
