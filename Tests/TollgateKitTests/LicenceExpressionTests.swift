import Testing
import TollgateKit

/// The SPDX expression parser: grammar, precedence, case rules, errors at columns, DNF policy.
@Suite("SPDX licence expressions")
struct LicenceExpressionTests {
    let parser = LicenceExpressionParser()

    func canonical(_ text: String) -> String? {
        guard case .success(let parsed) = parser.parse(text), parsed.isValid else { return nil }
        return parsed.expression.description
    }

    func failure(_ text: String) -> LicenceExpressionError? {
        switch parser.parse(text) {
        case .failure(let error): return error
        case .success(let parsed): return parsed.errors.first
        }
    }

    @Test func precedenceIsPlusWithAndOr() {
        #expect(canonical("LGPL-2.1-only OR BSD-3-Clause AND MIT") == "LGPL-2.1-only OR (BSD-3-Clause AND MIT)")
        #expect(canonical("MIT AND BSD-3-Clause OR ISC") == "(MIT AND BSD-3-Clause) OR ISC")
        #expect(canonical("(MIT OR ISC) AND BSD-3-Clause") == "(MIT OR ISC) AND BSD-3-Clause")
        #expect(
            canonical("GPL-2.0-or-later WITH Classpath-exception-2.0 OR MIT")
                == "GPL-2.0-or-later WITH Classpath-exception-2.0 OR MIT")
        #expect(canonical("Apache-2.0+ AND MIT") == "Apache-2.0+ AND MIT")
        #expect(canonical("((MIT))") == "MIT")
        #expect(canonical("MIT OR ISC OR 0BSD") == "MIT OR ISC OR 0BSD")
    }

    @Test func idsAreCaseInsensitiveAndComeOutCanonical() {
        #expect(canonical("mit or apache-2.0") == "MIT OR Apache-2.0")
        #expect(
            canonical("gpl-2.0-or-later with classpath-exception-2.0")
                == "GPL-2.0-or-later WITH Classpath-exception-2.0")
        #expect(canonical("(mit)and(isc)") == "MIT AND ISC")
    }

    @Test func operatorsAreAllUpperOrAllLower() {
        let error = failure("MIT Or ISC")
        #expect(error?.column == 5)
        #expect(error?.message.contains("all upper or all lower case") == true)
        #expect(failure("MIT aNd ISC")?.column == 5)
    }

    @Test func errorsPointAtTheColumn() {
        #expect(failure("MIT AND")?.column == 8)
        #expect(failure("MIT AND AND ISC")?.column == 9)
        #expect(failure("MIT ISC")?.column == 5)
        #expect(failure("(MIT OR ISC")?.message == "'(' is never closed")
        #expect(failure("MIT OR ISC)")?.column == 11)
        #expect(failure("MIT OR MTI")?.column == 8)
        #expect(failure("MIT OR MTI")?.hint == "did you mean 'MIT'?")
        // npm's UNLICENSED (no rights granted) is not a typo of the Unlicense (public domain).
        #expect(failure("UNLICENSED")?.message == "unknown licence id 'UNLICENSED'")
        #expect(failure("UNLICENSED")?.hint?.contains("Unlicense'") != true)
        #expect(failure("UNLICENSED")?.hint?.hasPrefix("npm's UNLICENSED grants no licence") == true)
        #expect(failure("MIT & ISC")?.column == 5)
        #expect(failure("")?.message == "expression is empty")
        #expect(failure("()")?.column == 2)
    }

    /// A licence name with spaces is not two licences missing an operator: the error says it is
    /// not an SPDX id and what to write (the id it spells, or a LicenseRef-); two ids keep the
    /// "join licences with AND or OR" advice.
    @Test func licenceNamesWithSpacesAreNotIds() {
        let eula = failure("MIT AND Acme EULA v2")
        #expect(eula?.column == 9)
        #expect(eula?.message == "'Acme EULA v2' is a licence name, not an SPDX id")
        #expect(
            eula?.hint
                == "use its SPDX id if it has one, or declare it as LicenseRef-Acme-EULA-v2 for a licence the SPDX list lacks"
        )
        #expect(failure("(Acme EULA) OR MIT")?.message == "'Acme EULA' is a licence name, not an SPDX id")
        #expect(failure("Apache 2.0")?.hint == "write its SPDX id, Apache-2.0")
        let twoIds = failure("MIT ISC")
        #expect(twoIds?.message == "expected AND, OR or WITH before 'ISC'")
        #expect(twoIds?.hint == "join licences with AND or OR")
        #expect(failure("(MIT ISC)")?.hint == "join licences with AND or OR")
    }

    @Test func exceptionsOnlyAfterWith() {
        #expect(failure("Classpath-exception-2.0")?.message.contains("can only follow WITH") == true)
        #expect(failure("MIT WITH Apache-2.0")?.message.contains("is a licence, not an exception") == true)
        #expect(failure("(MIT OR ISC) WITH Classpath-exception-2.0")?.column == 14)
        #expect(failure("MIT WITH")?.message == "expected an exception id after WITH")
        #expect(failure("MIT WITH Classpath-exception-2.0 WITH LLVM-exception") != nil)
    }

    @Test func plusRules() {
        #expect(failure("MIT +")?.column == 5)
        #expect(failure("GPL-2.0-only+")?.message.contains("already states its versions") == true)
        #expect(failure("LicenseRef-foo+") != nil)
        #expect(failure("MI+T") != nil)
    }

    @Test func referencesAndSpecialValues() {
        #expect(canonical("LicenseRef-acme-eula") == "LicenseRef-acme-eula")
        #expect(
            canonical("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2")
                == "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2")
        #expect(canonical("MIT WITH AdditionRef-acme-exception") == "MIT WITH AdditionRef-acme-exception")
        #expect(failure("licenseref-acme")?.hint == "write the prefix as 'LicenseRef-'")
        #expect(failure("LicenseRef-") != nil)
        #expect(failure("DocumentRef-x:LicenseRef-y:z") != nil)
        #expect(canonical("NONE") == "NONE")
        #expect(canonical("NOASSERTION") == "NOASSERTION")
        #expect(canonical("NOASSERTION AND MIT") == "NOASSERTION AND MIT")
        #expect(failure("NOASSERTION OR MIT")?.message == "NOASSERTION cannot be combined with OR")
        #expect(failure("NONE WITH Classpath-exception-2.0") != nil)
    }

    @Test func deprecatedIdsAreFlaggedWithTheirReplacement() throws {
        guard case .success(let parsed) = parser.parse("GPL-2.0+ OR LGPL-2.1 AND MIT") else {
            Issue.record("expected a parse")
            return
        }
        #expect(parsed.isValid)
        #expect(parsed.deprecations.map(\.id) == ["GPL-2.0+", "LGPL-2.1"])
        #expect(parsed.deprecations.map(\.replacement) == ["GPL-2.0-or-later", "LGPL-2.1-only"])
        #expect(parsed.deprecations.map(\.column) == [1, 13])
        #expect(parsed.updated == "GPL-2.0-or-later OR (LGPL-2.1-only AND MIT)")
        guard case .success(let withException) = parser.parse("gpl-2.0-with-classpath-exception") else { return }
        #expect(withException.updated == "GPL-2.0-only WITH Classpath-exception-2.0")
        guard case .success(let later) = parser.parse("GFDL-1.3+") else { return }
        #expect(later.deprecations.first?.replacement == "GFDL-1.3-or-later")
    }

    @Test func hostileExpressionsFailFast() {
        let deep = String(repeating: "(", count: 10_000) + "MIT" + String(repeating: ")", count: 10_000)
        #expect(failure(deep) != nil)
        let nested = String(repeating: "(", count: 70) + "MIT" + String(repeating: ")", count: 70)
        #expect(failure(nested)?.message.contains("nested deeper") == true)
        // 2^20 branches in normal form: refused, not expanded.
        let factors = (0..<20).map { _ in "(MIT OR ISC)" }.joined(separator: " AND ")
        guard case .success(let parsed) = parser.parse(factors) else {
            Issue.record("expected a parse")
            return
        }
        #expect(parsed.expression.disjunctiveNormalForm(limit: 4096) == nil)
    }

    // MARK: - Policy over the normal form

    let policy = LicencePolicy(
        table: .standard, deniedCategories: [.forbidden], reviewCategories: [.restricted, .byExceptionOnly])

    func verdict(_ text: String) -> LicencePolicy.Verdict? {
        guard case .success(let parsed) = parser.parse(text) else { return nil }
        return policy.evaluate(parsed.expression)?.verdict
    }

    @Test func anyAcceptableBranchIsEnough() {
        #expect(verdict("AGPL-3.0-only OR MIT") == .allowed)
        #expect(verdict("AGPL-3.0-only AND MIT") == .denied)
        #expect(verdict("GPL-3.0-only OR AGPL-3.0-only") == .review)
        #expect(verdict("(AGPL-3.0-only OR GPL-2.0-only) AND (MIT OR AGPL-3.0-only)") == .review)
        #expect(verdict("CC-BY-NC-4.0") == .denied)
        #expect(verdict("CC-BY-4.0") == .allowed)
        #expect(verdict("CC-BY-SA-4.0") == .review)
        #expect(verdict("MPL-2.0") == .allowed)
        #expect(verdict("GPL-2.0-or-later WITH Classpath-exception-2.0") == .allowed)
        #expect(verdict("LicenseRef-acme") == .review)
        #expect(verdict("NONE") == .denied)
    }

    @Test func categoriesPreferTheMostSpecificPattern() {
        let table = LicenceCategoryTable.standard
        func category(_ id: String) -> LicenceCategory? {
            guard case .success(let parsed) = parser.parse(id), case .term(let term) = parsed.expression else {
                return nil
            }
            return table.category(of: term)
        }
        #expect(category("MIT") == .notice)
        #expect(category("MIT-0") == .unencumbered)
        #expect(category("CC-BY-NC-SA-4.0") == .forbidden)
        #expect(category("GPL-2.0+") == .restricted)
        #expect(category("GPL-2.0-only WITH Classpath-exception-2.0") == .reciprocal)
        #expect(category("GPL-3.0-only WITH Classpath-exception-2.0") == .restricted)
        #expect(category("Glide") == nil)
    }

    @Test func organisationOverrides() {
        let strict = LicencePolicy(
            table: LicenceCategoryTable([.restricted: ["MPL-*"], .notice: ["MIT"]]), deniedCategories: [.restricted],
            reviewCategories: [], allow: ["LicenseRef-acme-*"], deny: ["ISC"], uncategorised: .denied)
        func verdict(_ text: String) -> LicencePolicy.Verdict? {
            guard case .success(let parsed) = parser.parse(text) else { return nil }
            return strict.evaluate(parsed.expression)?.verdict
        }
        #expect(verdict("MPL-2.0") == .denied)
        #expect(verdict("LicenseRef-acme-eula") == .allowed)
        #expect(verdict("ISC OR MIT") == .allowed)
        #expect(verdict("ISC") == .denied)
        #expect(verdict("Zlib") == .denied)
    }
}
