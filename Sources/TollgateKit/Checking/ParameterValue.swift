/// A policy threshold or list: the value of one rule parameter.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case strings([String])

    /// The name of the value's type, for messages.
    public var typeName: String {
        switch self {
        case .int: return "a whole number"
        case .double: return "a number"
        case .bool: return "true or false"
        case .string: return "a string"
        case .strings: return "a list of strings"
        }
    }

    public var description: String {
        switch self {
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return String(value)
        case .string(let value): return value
        case .strings(let values): return "[" + values.joined(separator: ", ") + "]"
        }
    }
}

/// One tunable parameter of a rule, with its default, what it means and the values it takes.
public struct RuleParameter: Sendable, Hashable {
    public let name: String
    public let defaultValue: ParameterValue
    public let summary: String
    /// The values a policy may set (each item, for a list), checked when the policy loads;
    /// `nil` for numbers and flags, whose type is all there is to check.
    public let vocabulary: ParameterVocabulary?

    public init(
        _ name: String, _ defaultValue: ParameterValue, _ summary: String, values vocabulary: ParameterVocabulary? = nil
    ) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
        self.vocabulary = vocabulary
    }
}

/// The parameter values a rule runs with: the policy's overrides over the rule's defaults.
public struct Parameters: Sendable {
    private let values: [String: ParameterValue]

    public init(defaults: [RuleParameter], overrides: [String: ParameterValue] = [:]) {
        var values: [String: ParameterValue] = [:]
        for parameter in defaults { values[parameter.name] = parameter.defaultValue }
        for (name, value) in overrides { values[name] = value }
        self.values = values
    }

    // A rule asking for a parameter it did not declare is a programming error, caught by the
    // rule-example tests, which run every rule.
    public func int(_ name: String) -> Int {
        guard case .int(let value) = values[name] else {
            preconditionFailure("rule parameter '\(name)' is not a declared int")
        }
        return value
    }

    public func double(_ name: String) -> Double {
        switch values[name] {
        case .double(let value): return value
        case .int(let value): return Double(value)
        default: preconditionFailure("rule parameter '\(name)' is not a declared number")
        }
    }

    public func bool(_ name: String) -> Bool {
        guard case .bool(let value) = values[name] else {
            preconditionFailure("rule parameter '\(name)' is not a declared bool")
        }
        return value
    }

    public func string(_ name: String) -> String {
        guard case .string(let value) = values[name] else {
            preconditionFailure("rule parameter '\(name)' is not a declared string")
        }
        return value
    }

    public func strings(_ name: String) -> [String] {
        guard case .strings(let value) = values[name] else {
            preconditionFailure("rule parameter '\(name)' is not a declared list")
        }
        return value
    }
}
