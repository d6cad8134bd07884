import TollgateKit

/// The control mappings that a family of licensing rules shares, written once so that the rules
/// of one family cannot drift apart when a mapping is revised (as `PrivacyControlMappings.swift`
/// does for the privacy rules).
extension ControlMapping {
    /// Creative assets: fonts, imagery, releases, music and the evidence of their licences
    /// (LIC-013 to LIC-018), each a question of using a work within the rights bought and keeping
    /// the record that shows it. ISO 27001 A.5.32 (intellectual property rights) and A.5.33
    /// (protection of records); SOC 2 CC2.3; NIST CSF GV.OC-03 (legal requirements).
    static let creativeLicences = ControlMapping(
        iso27001: ["A.5.32", "A.5.33"], soc2: ["CC2.3"], nistCSF: ["GV.OC-03"])
}
