/// The container's constant variables (`c`), and the expansion of `{{Name}}` references to them
/// in tag parameters.
///
/// A constant's value may itself refer to other constants (`{{Pixel Base}}` holding
/// `https://{{Pixel Host}}`), so expansion recurses. A container is untrusted input: a reference
/// cycle or constants that double at each level (`{{A}}` = `{{B}}{{B}}`, …) must not hang the run
/// or exhaust memory, so expansion stops at `maximumDepth` levels, after `maximumReferences`
/// references and once the text has grown by `maximumGrowth` characters; whatever is left stays as written. References to anything other
/// than a constant (data-layer, URL, custom JavaScript variables, built-in variables) depend on
/// the page and are kept as written.
public struct TagManagerConstants: Sendable {
    /// How many constants deep a reference is followed.
    public static let maximumDepth = 8
    /// How many characters expansion may add to one text.
    public static let maximumGrowth = 256 * 1024
    /// How many references one text may expand, nested ones included.
    public static let maximumReferences = 10_000

    private let values: [String: String]

    /// The constants among `variables`; of two with the same name (GTM keeps names unique), the first.
    public init(variables: [TagManagerVariable]) {
        values = Dictionary(
            variables.compactMap { variable in variable.constantValue.map { (variable.name, $0) } },
            uniquingKeysWith: { first, _ in first })
    }

    /// `text` with references to constants replaced by their (expanded) values.
    public func resolve(_ text: String) -> String {
        guard !values.isEmpty, text.contains("{{") else { return text }
        var budget = Budget(characters: Self.maximumGrowth, references: Self.maximumReferences)
        return expand(text, depth: 0, budget: &budget)
    }

    /// What one `resolve` may still spend: characters added, and references expanded (constants
    /// that expand to nothing add no characters but still cost work).
    private struct Budget {
        var characters: Int
        var references: Int
    }

    private func expand(_ text: String, depth: Int, budget: inout Budget) -> String {
        var result = ""
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let reference = rest[open.lowerBound..<close.upperBound]
            let value = values[String(rest[open.upperBound..<close.lowerBound])]
            rest = rest[close.upperBound...]
            guard let value, depth < Self.maximumDepth, budget.references > 0, budget.characters >= 0 else {
                result += reference
                continue
            }
            budget.references -= 1
            let expanded = value.contains("{{") ? expand(value, depth: depth + 1, budget: &budget) : value
            let growth = expanded.utf8.count - reference.utf8.count
            guard growth <= budget.characters else {
                // Out of budget: keep this and every later reference as written.
                budget.characters = -1
                result += reference
                continue
            }
            budget.characters -= max(growth, 0)
            result += expanded
        }
        result += rest
        return result
    }
}
