/// The container's constant variables (`c`), and the expansion of `{{Name}}` references to them
/// in tag parameters.
///
/// A constant's value may itself refer to other constants (`{{Pixel Base}}` holding
/// `https://{{Pixel Host}}`). A container is untrusted input: a reference cycle, or constants that
/// double at each level (`{{A}}` = `{{B}}{{B}}`, …) referenced from thousands of tags, must not
/// hang the run or exhaust memory. So each constant is expanded at most once per container and
/// its value kept; a constant that refers to itself (directly or through others), or whose chain
/// of constants is more than `maximumDepth` deep, is not expanded at all. One budget covers the
/// whole container, the constants' own expansion and every text resolved with them:
/// `maximumGrowth` characters added and `maximumReferences` references replaced. Once it is spent
/// (`isExhausted`), every later reference stays as written. References to anything other than a
/// constant (data-layer, URL, custom JavaScript variables, built-in variables) depend on the page
/// and are kept as written too.
public struct TagManagerConstants: Sendable {
    /// How many constants deep a chain of references is followed.
    public static let maximumDepth = 8
    /// How many characters expansion may add in one container.
    public static let maximumGrowth = 256 * 1024
    /// How many references one container may expand, nested ones included.
    public static let maximumReferences = 10_000

    private let values: [String: String]
    /// The constants that can be expanded: in no cycle, and no more than `maximumDepth` deep.
    private let expandable: Set<String>
    /// Expanded values, each worked out the first time it is needed; nil for a constant that ran
    /// out of budget.
    private var expanded: [String: String?] = [:]
    private var budget = Budget(characters: maximumGrowth, references: maximumReferences)

    /// Whether the budget ran out, so that some references were left as written.
    public var isExhausted: Bool { budget.isSpent }

    /// The constants among `variables`; of two with the same name (GTM keeps names unique), the first.
    public init(variables: [TagManagerVariable]) {
        let values = Dictionary(
            variables.compactMap { variable in variable.constantValue.map { (variable.name, $0) } },
            uniquingKeysWith: { first, _ in first })
        self.values = values
        expandable = Self.expandable(values)
    }

    /// `text` with references to constants replaced by their (expanded) values, as far as the
    /// container's budget allows.
    public mutating func resolve(_ text: String) -> String {
        guard !values.isEmpty, text.contains("{{") else { return text }
        return substitute(text)
    }

    /// What the container may still spend: characters added, and references expanded (constants
    /// that expand to nothing add no characters but still cost work).
    private struct Budget {
        var characters: Int
        var references: Int
        /// Set once an expansion did not fit; nothing is expanded after it, so that the result
        /// does not depend on which later reference happens to be small.
        var isSpent = false

        /// Takes one reference adding `growth` characters, if it fits.
        mutating func take(growth: Int) -> Bool {
            guard !isSpent, references > 0, growth <= characters else {
                isSpent = true
                return false
            }
            references -= 1
            characters -= max(growth, 0)
            return true
        }
    }

    /// `text` with each reference to an expandable constant replaced, while the budget lasts.
    private mutating func substitute(_ text: String) -> String {
        var result = ""
        Self.scan(text) { piece in
            switch piece {
            case .text(let literal):
                result += literal
            case .reference(let reference, let name):
                if let value = value(of: name), budget.take(growth: value.utf8.count - reference.utf8.count) {
                    result += value
                } else {
                    result += reference
                }
            }
        }
        return result
    }

    /// The expanded value of constant `name`; nil when it is not a constant, cannot be expanded,
    /// or its expansion ran out of budget. The recursion is at most `maximumDepth` deep, since
    /// only constants of `expandable` are followed.
    private mutating func value(of name: Substring) -> String? {
        let name = String(name)
        if let known = expanded[name] { return known }
        guard expandable.contains(name), let raw = values[name] else { return nil }
        var value: String? = raw
        if raw.contains("{{") {
            let result = substitute(raw)
            // A value left partly as written for want of budget is not kept as the constant's value.
            value = budget.isSpent ? nil : result
        }
        expanded[name] = value
        return value
    }

    /// The constants whose chain of references ends within `maximumDepth` levels: those referring
    /// to no constant first, then those referring only to constants found in earlier rounds.
    /// Whatever is left after the last round is in a cycle or too deep.
    private static func expandable(_ values: [String: String]) -> Set<String> {
        var pending: [String: Set<String>] = [:]
        for (name, value) in values {
            var referenced = Set<String>()
            scan(value) { piece in
                if case .reference(_, let name) = piece, values[String(name)] != nil {
                    referenced.insert(String(name))
                }
            }
            pending[name] = referenced
        }
        var found = Set<String>()
        for _ in 0..<maximumDepth {
            let round = pending.filter { _, referenced in referenced.isSubset(of: found) }.keys
            guard !round.isEmpty else { break }
            for name in round { pending[name] = nil }
            found.formUnion(round)
        }
        return found
    }

    /// A run of text, or one `{{Name}}` reference.
    private enum Piece {
        case text(Substring)
        case reference(Substring, name: Substring)
    }

    /// Calls `body` with the pieces of `text` in order; an unclosed `{{` is text.
    private static func scan(_ text: String, _ body: (Piece) -> Void) {
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            if open.lowerBound > rest.startIndex { body(.text(rest[..<open.lowerBound])) }
            body(.reference(rest[open.lowerBound..<close.upperBound], name: rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { body(.text(rest)) }
    }
}
