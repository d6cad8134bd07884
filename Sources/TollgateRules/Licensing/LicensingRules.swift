import TollgateKit

/// The licensing policy module (SaaS terms, SPDX licences, creative assets).
public enum LicensingRules {
    public static let all: [any Rule] = [
        SeatsWithinEntitlement(), SeatWaste(), SubscriptionCurrent(), RenewalDecisionWindow(), PermittedUse(),
        PlanLimits(), NamedUserNotShared(), LicenceExpressionValid(), DeprecatedLicenceIDs(), LicenceCategoryPolicy(),
        CopyleftSourceOffer(), AttributionPreserved(), FontLicenceScope(), EditorialOnlyImagery(),
        ReleasesForPeopleAndProperty(), CreativeTermsRespected(), MusicClearedForUse(), LicenceEvidenceRecorded(),
        SBOMForWebProperties(),
    ]
}
