import TollgateKit

/// The privacy policy module (GDPR, ePrivacy, CCPA/CPRA, CAN-SPAM, CASL, COPPA).
public enum PrivacyRules {
    public static let all: [any Rule] = [
        LawfulBasisDeclared(),
        ConsentOnlyUsesNeedConsent(),
        SpecialCategoryCondition(),
        NoCredentialsInFlows(),
        ProcessorContract(),
        NoRepealedSCCs(),
        Article49NotRecurring(),
        InventoryConsistency(),
        RetentionBounded(),
        DataMinimisation(),
        DPIAWhereRequired(),
        TrackersConsentGated(),
        TCFDeclarationsValid(),
        CANSPAMRequirements(),
        CASLConsentAndForm(),
        CCPASaleShareOptOut(),
        COPPACompliance(),
        NoSensitiveDataToAdTargeting(),
        TransferMechanismPresent(),
        ConsentSignalPropagated(),
        SuppressionReachesMarketing(),
        PurposeLimitationAcrossHops(),
    ]
}
