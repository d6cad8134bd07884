/// Which controls of each framework the rules that ran provide evidence for, and how those
/// checks came out: the table an auditor asks for first ("what did you test for A.5.34?").
///
/// GDPR articles come from the rules' legal references (`GDPR Art. 6(1)` counts for Art. 6);
/// ISO 27001, SOC 2, NIST CSF and CIS come from each rule's `ControlMapping`.
public struct FrameworkCoverage: Sendable {
    /// The frameworks, in the order reports show them.
    public enum Framework: String, Sendable, CaseIterable {
        case gdpr = "GDPR"
        case iso27001 = "ISO 27001 Annex A"
        case soc2 = "SOC 2"
        case nistCSF = "NIST CSF"
        case cis = "CIS Controls"
    }

    /// How a control fared.
    public enum Status: String, Sendable, CaseIterable {
        /// At least one evaluation failed (an open finding at or above `--fail-on`).
        case failing
        /// Findings exist, but all are waived, baselined or below the threshold.
        case findings
        /// Every evaluation passed.
        case passing
        /// The rules for the control applied to nothing in this stack.
        case notApplicable = "not applicable"
    }

    /// One control and the checks behind it.
    public struct Control: Sendable {
        public let framework: Framework
        public let id: String
        /// Rule ids that provide evidence for the control, sorted.
        public let rules: [String]
        /// (rule, subject) evaluations behind it.
        public let evaluations: Int
        /// Evaluations that passed.
        public let passed: Int
        /// Evaluations that failed the gate.
        public let failed: Int
        public let status: Status
    }

    public let controls: [Control]

    public init(_ report: Report) {
        struct Tally {
            var rules = Set<String>()
            var evaluations = 0
            var passed = 0
            var failed = 0
            var findings = 0
        }
        var tallies: [Framework: [String: Tally]] = [:]
        for result in report.results {
            let mapping = result.rule.controls
            let ids: [(Framework, [String])] = [
                (.gdpr, Self.gdprArticles(result.rule.references)), (.iso27001, mapping.iso27001),
                (.soc2, mapping.soc2), (.nistCSF, mapping.nistCSF), (.cis, mapping.cis),
            ]
            let outcomes = result.subjects.outcomeCounts(failOn: report.failOn)
            let evaluations = result.subjects.count
            for (framework, controls) in ids {
                for control in Set(controls) {
                    var tally = tallies[framework, default: [:]][control, default: Tally()]
                    tally.rules.insert(result.rule.id)
                    tally.evaluations += evaluations
                    tally.passed += outcomes[.passed, default: 0]
                    tally.failed += outcomes[.failed, default: 0]
                    tally.findings += evaluations - outcomes[.passed, default: 0]
                    tallies[framework, default: [:]][control] = tally
                }
            }
        }
        var controls: [Control] = []
        for framework in Framework.allCases {
            let entries = tallies[framework, default: [:]]
            for id in entries.keys.sorted(by: Self.controlOrder) {
                let tally = entries[id]!
                let status: Status =
                    tally.failed > 0
                    ? .failing
                    : tally.findings > 0 ? .findings : tally.evaluations == 0 ? .notApplicable : .passing
                controls.append(
                    Control(
                        framework: framework, id: id, rules: tally.rules.sorted(), evaluations: tally.evaluations,
                        passed: tally.passed, failed: tally.failed, status: status))
            }
        }
        self.controls = controls
    }

    /// The controls of one framework.
    public func controls(of framework: Framework) -> [Control] { controls.filter { $0.framework == framework } }

    /// `Art. 6` for `GDPR Art. 6(1)(a)`; references to other laws are ignored. A reference may
    /// name several articles (`GDPR Art. 13(1)(c), 14(1)(c)`): each counts.
    static func gdprArticles(_ references: [String]) -> [String] {
        var articles: [String] = []
        for reference in references where reference.hasPrefix("GDPR Art") {
            let rest = reference.drop { $0 != " " }.dropFirst().drop { $0 != " " }
            for part in rest.split(separator: ",") {
                let digits = part.drop { $0 == " " }.prefix { $0.isNumber }
                if !digits.isEmpty { articles.append("Art. \(digits)") }
            }
        }
        return articles
    }

    /// Orders ids so that numbers compare as numbers: `A.5.9` before `A.5.10`, `Art. 6` before `Art. 28`.
    static func controlOrder(_ lhs: String, _ rhs: String) -> Bool {
        func parts(_ text: String) -> [(Int, String)] {
            var result: [(Int, String)] = []
            var number = ""
            var word = ""
            for character in text {
                if character.isNumber {
                    if !word.isEmpty {
                        result.append((-1, word))
                        word = ""
                    }
                    number.append(character)
                } else {
                    if !number.isEmpty {
                        result.append((Int(number) ?? 0, ""))
                        number = ""
                    }
                    word.append(character)
                }
            }
            if !number.isEmpty { result.append((Int(number) ?? 0, "")) }
            if !word.isEmpty { result.append((-1, word)) }
            return result
        }
        let left = parts(lhs)
        let right = parts(rhs)
        for (a, b) in zip(left, right) where a != b {
            return a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
        }
        return left.count != right.count ? left.count < right.count : lhs < rhs
    }
}
