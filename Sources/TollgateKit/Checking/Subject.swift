/// The entity a rule evaluated: what a JUnit test case is named after and a finding is about.
///
/// A subject refers to the entity it names instead of copying its id and location: rules make
/// one for every entity they look at (1.9 million at the benchmark's L size), nearly all of
/// them pass, and a passing subject's location is never read. Holding the entity (a class) costs
/// one retain and 8 bytes; the id and location it used to copy cost two or three retains and
/// 64 bytes each, and a third of the memory the rules' results took. Subjects of entities that
/// are not classes (web properties, tags, files…) keep their id and location in a small box.
public struct Subject: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Kinds of entity a rule can evaluate.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case organization, person, system, flow, account, apiKey = "api_key", asset, webProperty = "web_property"
        case emailProgram = "email_program", file
        /// A tag of an imported tag-manager container, named `GTM-XXXX/Tag name`.
        case tag
        /// An imported tag-manager container, named by its public id.
        case tagManagerContainer = "tag_manager_container"

        /// Every kind in subject order (`precedes` compares kinds by name), for orderings kept
        /// as integers (`SubjectOrder`).
        static let inOrder = allCases.sorted { $0.rawValue < $1.rawValue }
    }

    public let kind: Kind
    /// Where `id` and `location` are read from.
    private let source: any SubjectSource

    /// The entity's id, stable across runs.
    public var id: String { source.subjectID }
    /// Where the entity is declared.
    public var location: SourceLocation { source.subjectLocation }
    /// The entity (or box) this subject reads from, for `SubjectOrder` to find it among the
    /// declarations without reading its id.
    var sourceIdentifier: ObjectIdentifier {
        @inline(__always) get { ObjectIdentifier(source) }
    }

    public init(_ kind: Kind, _ id: String, at location: SourceLocation) {
        self.kind = kind
        self.source = SubjectBox(id: id, location: location)
    }

    private init(_ kind: Kind, _ entity: any SubjectSource) {
        self.kind = kind
        self.source = entity
    }

    public static func == (lhs: Subject, rhs: Subject) -> Bool {
        lhs.kind == rhs.kind && lhs.id == rhs.id && (lhs.source === rhs.source || lhs.location == rhs.location)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(id)
        hasher.combine(location)
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

    public static func system(_ system: System) -> Subject { Subject(.system, system) }
    public static func flow(_ flow: Flow) -> Subject { Subject(.flow, flow) }
    public static func account(_ account: Account) -> Subject { Subject(.account, account) }
    public static func apiKey(_ key: APIKey) -> Subject { Subject(.apiKey, key) }
    public static func asset(_ asset: Asset) -> Subject { Subject(.asset, asset) }
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
    public static func person(_ person: Person) -> Subject { Subject(.person, person) }
    public static func organization(_ organization: Organization) -> Subject {
        Subject(.organization, organization.name, at: organization.origin.location)
    }
}

/// What a subject reads its id and location from: a declared entity, or a `SubjectBox`.
protocol SubjectSource: AnyObject, Sendable {
    var subjectID: String { get }
    var subjectLocation: SourceLocation { get }
}

/// The id and location of a subject whose entity is not a class.
private final class SubjectBox: SubjectSource {
    let subjectID: String
    let subjectLocation: SourceLocation

    init(id: String, location: SourceLocation) {
        subjectID = id
        subjectLocation = location
    }
}

/// The declared entities that are classes are their subjects' sources: `id` and `origin`.
protocol DeclaredEntity: SubjectSource {
    var id: String { get }
    var origin: Origin { get }
}

extension DeclaredEntity {
    var subjectID: String { id }
    var subjectLocation: SourceLocation { origin.location }
}

extension System: DeclaredEntity {}
extension Flow: DeclaredEntity {}
extension Account: DeclaredEntity {}
extension APIKey: DeclaredEntity {}
extension Asset: DeclaredEntity {}
extension Person: DeclaredEntity {}
