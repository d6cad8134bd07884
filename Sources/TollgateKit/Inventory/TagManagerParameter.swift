/// One parameter of a tag, trigger condition or variable in a tag-manager export: a key, a
/// type and a value, or a list or map of further parameters (GTM's `Parameter` resource).
public struct TagManagerParameter: Sendable {
    /// The parameter's key; list elements have none.
    public let key: String?
    /// The parameter type in lower case (`template`, `boolean`, `list`, `map`, `integer`,
    /// `triggerreference`, `tagreference`): UI exports write it in upper case, API exports in
    /// lower camel case, so it is normalised on import.
    public let type: String
    public let value: String?
    public let list: [TagManagerParameter]
    public let map: [TagManagerParameter]
    /// Where the parameter's value is (or the parameter itself, for lists and maps).
    public let location: SourceLocation

    public init(
        key: String?, type: String, value: String?, list: [TagManagerParameter] = [], map: [TagManagerParameter] = [],
        location: SourceLocation
    ) {
        self.key = key
        self.type = type
        self.value = value
        self.list = list
        self.map = map
        self.location = location
    }

    /// A literal string found in a parameter tree, with a path made of keys and indexes only
    /// (never values), so that it can be named in a report without revealing anything.
    public struct Literal: Sendable {
        public let path: String
        public let value: String
        public let location: SourceLocation
    }

    /// Every value in this parameter and below it.
    public func literals(prefix: String = "") -> [Literal] {
        let here = key.map { prefix.isEmpty ? $0 : prefix + "." + $0 } ?? prefix
        var found: [Literal] = []
        if let value, !value.isEmpty { found.append(Literal(path: here, value: value, location: location)) }
        for (index, item) in list.enumerated() { found += item.literals(prefix: "\(here)[\(index)]") }
        for item in map { found += item.literals(prefix: here) }
        return found
    }

    /// This parameter with every value below it passed through `transform`.
    public func mapValues(_ transform: (String) throws -> String) rethrows -> TagManagerParameter {
        TagManagerParameter(
            key: key, type: type, value: try value.map(transform), list: try list.map { try $0.mapValues(transform) },
            map: try map.map { try $0.mapValues(transform) }, location: location)
    }

    /// The value of the map entry with `key`, for list-of-map parameters such as GA4 event
    /// parameter tables.
    public func mapValue(_ key: String) -> String? { map.first(where: { $0.key == key })?.value }
}

extension Array where Element == TagManagerParameter {
    /// The top-level parameter with `key`.
    public func named(_ key: String) -> TagManagerParameter? { first(where: { $0.key == key }) }

    /// Every literal value of every parameter.
    public var literals: [TagManagerParameter.Literal] { flatMap { $0.literals() } }
}
