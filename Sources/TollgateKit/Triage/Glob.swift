/// A shell-style pattern for rule ids and subjects in waivers: `*` matches any run of
/// characters (none included), `?` exactly one; everything else matches itself.
///
/// Deliberately small: no character classes and no escapes, because ids are plain names and a
/// waiver reviewer must be able to read a pattern at a glance.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let scalars: [Unicode.Scalar]

    public init(_ pattern: String) {
        self.pattern = pattern
        scalars = Array(pattern.unicodeScalars)
    }

    /// Whether the pattern has a wildcard at all (an exact id otherwise).
    public var isLiteral: Bool { !scalars.contains("*") && !scalars.contains("?") }

    /// Whether `text` matches the whole pattern. Linear backtracking over the last `*`, so a
    /// hostile pattern such as `*a*a*a*b` stays O(n·m).
    public func matches(_ text: String) -> Bool {
        let text = Array(text.unicodeScalars)
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < scalars.count, scalars[p] == "?" || (scalars[p] != "*" && scalars[p] == text[t]) {
                p += 1
                t += 1
            } else if p < scalars.count, scalars[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < scalars.count, scalars[p] == "*" { p += 1 }
        return p == scalars.count
    }

    public var description: String { pattern }
}
