import Testing
import TollgateKit
import TollgateRules

/// `tollgate rules` finds a rule however a person types its id, and suggests the closest one.
@Suite("Rule lookup")
struct RuleLookupTests {
    let catalog = BuiltInRules.catalog

    @Test(arguments: ["ACC-009", "acc-009", "ACC009", "acc9", "ACC-09", "ACC_009", "admin-mfa", "ADMIN-MFA"])
    func spellingsOfOneRule(_ query: String) {
        #expect(RuleLookup.rule(query, in: catalog)?.id == "ACC-009")
    }

    @Test func nothingIsFoundForWhatNamesNoRule() {
        for query in ["ACC-999", "ACC", "009", "", "ACC-9a", "PRIV-", "admin-mfaa"] {
            #expect(RuleLookup.rule(query, in: catalog) == nil, "\(query)")
        }
    }

    @Test func suggestionsPointAtTheClosestRule() {
        #expect(RuleLookup.suggestion(for: "ACC-0099", in: catalog) == "ACC-009")
        #expect(RuleLookup.suggestion(for: "PRIV-0011", in: catalog) == "PRIV-011")
        #expect(RuleLookup.suggestion(for: "admin-mfaa", in: catalog) == "admin-mfa")
        #expect(RuleLookup.suggestion(for: "completely different", in: catalog) == nil)
    }
}
