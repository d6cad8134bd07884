/// Bounds on untrusted input, so that a hostile or accidental file fails fast with a clear
/// message instead of exhausting memory or the stack.
public struct LoadLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes. Large stacks are split into several files.
    public var maxFileBytes: Int
    /// Deepest nesting of mappings and lists accepted. Declarations need fewer than ten levels.
    public var maxDepth: Int
    /// Extra nodes that aliases may add on top of one node per input byte (YAML alias bombs).
    public var aliasNodeAllowance: Int
    /// Most components one SBOM may list. Sites ship hundreds to tens of thousands; past this
    /// an SBOM is refused with a clear error rather than turned into a million assets.
    public var maxSBOMComponents: Int
    /// Most elements an XML file may hold (checked while streaming, before a tree is built).
    public var maxXMLElements: Int

    public init(
        maxFileBytes: Int = 32 << 20, maxDepth: Int = 64, aliasNodeAllowance: Int = 100_000,
        maxSBOMComponents: Int = 100_000, maxXMLElements: Int = 4_000_000
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.aliasNodeAllowance = aliasNodeAllowance
        self.maxSBOMComponents = maxSBOMComponents
        self.maxXMLElements = maxXMLElements
    }

    /// The defaults: 32 MiB per file, 64 levels of nesting.
    public static let `default` = LoadLimits()
}
