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

    /// Open-source code that ships in tags and pages: licence expressions, licence categories
    /// and the SBOM of each web property (LIC-008, LIC-010, LIC-019), the full mapping of the
    /// reference's "OSS in tags" row; LIC-009, LIC-011 and LIC-012 keep narrower ones of their
    /// own. Supply chain and intellectual property: ISO 27001 A.5.21 (ICT
    /// supply chain), A.5.32 and A.8.28 (secure coding); SOC 2 CC8.1 and CC9.2; NIST CSF
    /// ID.AM-02, PR.PS-02 and GV.SC-05; CIS 16.4 (third-party components) and 2.1.
    static let openSourceInTags = ControlMapping(
        iso27001: ["A.5.21", "A.5.32", "A.8.28"], soc2: ["CC8.1", "CC9.2"],
        nistCSF: ["ID.AM-02", "PR.PS-02", "GV.SC-05"], cis: ["16.4", "2.1"])
}
