import TollgateKit

/// The control mappings that a family of privacy rules shares, written once so that the rules
/// of one family cannot drift apart when a mapping is revised (as `passwordPolicy` does for
/// the password rules).
extension ControlMapping {
    /// International transfers (PRIV-012 to PRIV-017).
    static let internationalTransfers = ControlMapping(
        iso27001: ["A.5.14", "A.5.20", "A.5.31", "A.5.34"], soc2: ["CC9.2", "P6.1"],
        nistCSF: ["GV.OC-03", "GV.SC-05", "GV.SC-07"], cis: ["3.8", "15.4"])

    /// Cookies, consent and TCF (PRIV-021 to PRIV-025, and the tag-manager checks of consent
    /// PRIV-101, PRIV-102 and PRIV-109): each asks whether the tags and vendors that act on a
    /// visitor's device do so with valid, correctly signalled consent. ISO 27001 A.5.34, A.5.31, A.8.32; SOC 2 P2.1, P3.2, P6.1; NIST CSF
    /// GV.OC-03, PR.PS-01; CIS 2.3 (a tag firing without consent is unauthorised software).
    static let cookieConsent = ControlMapping(
        iso27001: ["A.5.34", "A.5.31", "A.8.32"], soc2: ["P2.1", "P3.2", "P6.1"], nistCSF: ["GV.OC-03", "PR.PS-01"],
        cis: ["2.3"])

    /// Direct marketing by e-mail (PRIV-026 to PRIV-029: basis, suppression, CAN-SPAM, CASL).
    static let directMarketing = ControlMapping(
        iso27001: ["A.5.31", "A.5.33", "A.5.34"], soc2: ["P1.1", "P2.1", "P4.1", "P8.1"], nistCSF: ["GV.OC-03"])

    /// CCPA consumer choices (PRIV-030 sale and share opt-out, PRIV-032 sensitive information).
    static let ccpaConsumerChoices = ControlMapping(
        iso27001: ["A.5.20", "A.5.31", "A.5.34"], soc2: ["P2.1", "P3.2", "P6.1", "P6.4", "CC9.2"],
        nistCSF: ["GV.OC-03", "GV.SC-05", "ID.AM-07"], cis: ["15.4"])
}
