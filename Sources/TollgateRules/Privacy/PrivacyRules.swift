import TollgateKit

/// The privacy policy module (GDPR, ePrivacy, CCPA/CPRA, CAN-SPAM, CASL, COPPA).
public enum PrivacyRules {
    public static let all: [any Rule] =
        [
            LawfulBasisDeclared(),
            ConsentOnlyUsesNeedConsent(),
            LegitimateInterestAssessment(),
            SpecialCategoryCondition(),
            NoCredentialsInFlows(),
            ProcessorContract(),
            SubprocessorControl(),
            JointControllerArrangement(),
            NoRepealedSCCs(),
            SCCModuleMatchesRoles(),
            TransferImpactAssessment(),
            Article49NotRecurring(),
            InventoryConsistency(),
            RetentionBounded(),
            DataMinimisation(),
            DPIAWhereRequired(),
            TrackersConsentGated(),
            ConsentBannerValid(),
            CookieAndConsentLifetime(),
            ThirdPartyCDNLoads(),
            TCFDeclarationsValid(),
            CANSPAMRequirements(),
            CASLConsentAndForm(),
            CCPASaleShareOptOut(),
            CCPARecipientContract(),
            MinorsSaleOptIn(),
            COPPACompliance(),
            ChildConsentAge(),
            NoSensitiveDataToAdTargeting(),
            TransferMechanismPresent(),
            ConsentSignalPropagated(),
            SuppressionReachesMarketing(),
            PurposeLimitationAcrossHops(),
        ] + ToolConfigurationRules.all
}
