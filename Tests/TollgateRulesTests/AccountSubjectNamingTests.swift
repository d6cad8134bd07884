import Testing
import TollgateKit
import TollgateRules

/// ACC-010, ACC-015 and ACC-019 name the account or tool in the message, as the other account
/// rules do: a text log of a large export shows only the message and the position.
@Suite("Account and tool named in findings")
struct AccountSubjectNamingTests {
    @Test func messagesNameTheirSubject() {
        let yaml = """
            version: 1
            organization: { name: Acme, corporate_domains: [acme.example] }
            systems:
              - id: crm
                name: CRM
                system_type: crm
                security: { supports_separate_admin_accounts: true, sso_supported: true, sso_enforced: false }
              - id: cms
                name: CMS
                system_type: cms
                security: { sso_supported: true, sso_enforced: true, local_login_disabled: false }
            accounts:
              - { id: ann, system: crm, kind: human, is_admin: true, dedicated_admin: false }
              - { id: zoe, system: cms, kind: human, recovery_email: zoe@gmail.com }
            """
        let rules: [any Rule] = [SSOEnforced(), DedicatedAdminAccounts(), CorporateRecoveryChannel()]
        let messages = rules.flatMap { PrivacyPathTests.findings(yaml, rule: $0).map(\.message) }
        #expect(
            messages == [
                "tool 'crm' supports SSO but does not enforce it",
                "tool 'cms' leaves local password login open although SSO is enforced",
                "admin rights are on daily-use account 'ann'",
                "account 'zoe' has its recovery e-mail on 'gmail.com', not a corporate domain",
            ], "\(messages)")
    }
}
