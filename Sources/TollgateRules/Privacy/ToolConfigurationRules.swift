import TollgateKit

/// Privacy rules over imported tool configurations (tag managers, the TCF vendor list): what
/// the stack really does, checked against what was declared. Ids PRIV-101 and up.
public enum ToolConfigurationRules {
    public static let all: [any Rule] = [
        TagConsentRequired(), GoogleConsentModeV2Configured(), TagVendorDeclared(), CustomHTMLThirdPartyScript(),
        TagManagerSensitiveValues(), TagTriggerReferences(), PausedTags(), UnknownTagType(),
        TCFRegistrationMatchesVendorList(),
    ]
}
