/// Framework controls a rule provides evidence for (rules-reference §6.2), so a compliance
/// officer can map findings to ISO 27001, SOC 2, NIST CSF and CIS.
public struct ControlMapping: Sendable, Hashable {
    public let iso27001: [String]
    public let soc2: [String]
    public let nistCSF: [String]
    public let cis: [String]

    public init(iso27001: [String] = [], soc2: [String] = [], nistCSF: [String] = [], cis: [String] = []) {
        self.iso27001 = iso27001
        self.soc2 = soc2
        self.nistCSF = nistCSF
        self.cis = cis
    }

    /// Every control id prefixed with its framework (`ISO27001:A.5.34`), in a fixed order.
    public var qualifiedIDs: [String] {
        iso27001.map { "ISO27001:\($0)" } + soc2.map { "SOC2:\($0)" } + nistCSF.map { "NIST-CSF:\($0)" }
            + cis.map { "CIS:\($0)" }
    }
}
