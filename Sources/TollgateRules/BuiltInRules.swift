import TollgateKit

/// Every rule that ships with Tollgate, by domain, in id order.
public enum BuiltInRules {
    public static let all: [any Rule] = (PrivacyRules.all + AccountRules.all + LicensingRules.all)
        .sorted { $0.description.id < $1.description.id }

    /// The descriptions of all built-in rules (the catalogue policies are validated against).
    public static var catalog: [RuleDescription] { all.map(\.description) }
}
