/// The entity a rule evaluated: what a JUnit test case is named after and a finding is about.
public struct Subject: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Kinds of entity a rule can evaluate.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case organization, person, system, flow, account, apiKey = "api_key", asset, webProperty = "web_property"
        case emailProgram = "email_program", file
        /// A tag of an imported tag-manager container, named `GTM-XXXX/Tag name`.
        case tag
        /// An imported tag-manager container, named by its public id.
        case tagManagerContainer = "tag_manager_container"
    }

    public let kind: Kind
    public let id: String
    /// Where the entity is declared.
    public let location: SourceLocation

    public init(_ kind: Kind, _ id: String, at location: SourceLocation) {
        self.kind = kind
        self.id = id
        self.location = location
    }

    /// `kind:id`, stable across runs: used as the JUnit test name and in fingerprints.
    public var description: String { "\(kind.rawValue):\(id)" }

    /// The order of `description`, without building the strings: where one kind's name starts
    /// another's (`tag`, `tag_manager_container`), the longer one goes on with a character that
    /// sorts after `:`, so `kind:id` strings compare by kind first and then by id.
    public static func < (lhs: Subject, rhs: Subject) -> Bool {
        precedes(lhs.kind, lhs.id, rhs.kind, rhs.id)
    }

    /// The same order on the two fields it reads, for callers that sort results without copying
    /// whole subjects (`Report.SubjectResults.sortBySubject`).
    static func precedes(_ kind: Kind, _ id: String, _ otherKind: Kind, _ otherID: String) -> Bool {
        kind == otherKind ? id < otherID : kind.rawValue < otherKind.rawValue
    }

    public static func system(_ system: System) -> Subject { Subject(.system, system.id, at: system.origin.location) }
    public static func flow(_ flow: Flow) -> Subject { Subject(.flow, flow.id, at: flow.origin.location) }
    public static func account(_ account: Account) -> Subject {
        Subject(.account, account.id, at: account.origin.location)
    }
    public static func apiKey(_ key: APIKey) -> Subject { Subject(.apiKey, key.id, at: key.origin.location) }
    public static func asset(_ asset: Asset) -> Subject { Subject(.asset, asset.id, at: asset.origin.location) }
    public static func webProperty(_ property: WebProperty) -> Subject {
        Subject(.webProperty, property.id, at: property.origin.location)
    }
    public static func emailProgram(_ program: EmailProgram) -> Subject {
        Subject(.emailProgram, program.id, at: program.origin.location)
    }
    public static func tag(_ tag: TagManagerTag, in container: TagManagerContainer) -> Subject {
        Subject(.tag, container.subjectID(tag), at: tag.origin.location)
    }
    public static func container(_ container: TagManagerContainer) -> Subject {
        Subject(.tagManagerContainer, container.displayID, at: container.origin.location)
    }
    public static func person(_ person: Person) -> Subject { Subject(.person, person.id, at: person.origin.location) }
    public static func organization(_ organization: Organization) -> Subject {
        Subject(.organization, organization.name, at: organization.origin.location)
    }
}
