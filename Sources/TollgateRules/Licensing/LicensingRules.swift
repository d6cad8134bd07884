import TollgateKit

/// The licensing policy module (SaaS terms, SPDX licences, creative assets).
public enum LicensingRules {
    public static let all: [any Rule] = [
        SeatsWithinEntitlement()
    ]
}
