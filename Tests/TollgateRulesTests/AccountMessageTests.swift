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
