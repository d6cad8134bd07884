/// One identifier on the SPDX License List: a licence, or an exception for use after `WITH`.
public struct SPDXListEntry: Sendable, Hashable {
    /// The identifier in its canonical case, e.g. `Apache-2.0`, `Classpath-exception-2.0`.
    public let id: String
    /// The full name, e.g. "Apache License 2.0".
    public let name: String
    /// Approved by the Open Source Initiative (licences only).
    public let osiApproved: Bool
    /// Listed as free by the Free Software Foundation (licences only).
    public let fsfLibre: Bool
    /// The SPDX Legal Team deprecated the identifier; new SBOMs should not use it.
    public let deprecated: Bool
    /// The expression to write instead of a deprecated identifier, when there is one.
    public let replacement: String?

    public init(
        id: String, name: String, osiApproved: Bool = false, fsfLibre: Bool = false, deprecated: Bool = false,
        replacement: String? = nil
    ) {
        self.id = id
        self.name = name
        self.osiApproved = osiApproved
        self.fsfLibre = fsfLibre
        self.deprecated = deprecated
        self.replacement = replacement
    }
}
