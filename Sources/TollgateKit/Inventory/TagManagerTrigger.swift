/// One trigger of a tag-manager container: when tags fire (page view, custom event, click…).
public struct TagManagerTrigger: Sendable {
    public let id: String
    public let name: String
    /// GTM's trigger type, normalised to lower case without underscores (`pageview`,
    /// `customevent`, `triggergroup`), since UI and API exports spell it differently.
    public let type: String
    /// The conditions of `filter`, `customEventFilter` and `autoEventFilter`.
    public let conditions: [TagManagerCondition]
    /// Triggers a trigger group waits for.
    public let groupedTriggers: [TagManagerReference]
    public let parameters: [TagManagerParameter]
    public let origin: Origin

    public init(
        id: String, name: String, type: String, conditions: [TagManagerCondition],
        groupedTriggers: [TagManagerReference], parameters: [TagManagerParameter], origin: Origin
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.conditions = conditions
        self.groupedTriggers = groupedTriggers
        self.parameters = parameters
        self.origin = origin
    }

    /// Triggers GTM provides without listing them in `trigger[]` (web containers).
    public static let builtIn: [String: String] = [
        "2147479553": "All Pages",
        "2147479572": "Consent Initialization - All Pages",
        "2147479573": "Initialization - All Pages",
    ]
}

/// One condition of a trigger: an operator and its two arguments (`{{_event}} equals purchase`).
public struct TagManagerCondition: Sendable {
    /// The operator in lower case: `equals`, `contains`, `matchregex`, …
    public let type: String
    /// Usually a variable reference such as `{{Page URL}}`.
    public let left: String?
    public let right: String?
    /// `left` and `right` with `{{Name}}` references to constant variables resolved on import,
    /// under the container's budget (see `TagManagerConstants`): what the trigger really
    /// compares. The same as `left` and `right` when nothing was resolved.
    public let resolvedLeft: String?
    public let resolvedRight: String?
    public let parameters: [TagManagerParameter]
    public let location: SourceLocation

    public init(
        type: String, left: String?, right: String?, parameters: [TagManagerParameter], location: SourceLocation,
        resolvedLeft: String? = nil, resolvedRight: String? = nil
    ) {
        self.type = type
        self.left = left
        self.right = right
        self.resolvedLeft = resolvedLeft ?? left
        self.resolvedRight = resolvedRight ?? right
        self.parameters = parameters
        self.location = location
    }
}
