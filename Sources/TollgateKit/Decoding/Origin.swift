/// Where an entity was declared, and where each of its fields was.
///
/// Rules ask an entity's origin for the location of the field a finding is about
/// (`flow.origin.location("transfer_mechanism")`), so findings point at the exact line.
public struct Origin: Sendable, Hashable {
    /// The file as the user named it.
    public let file: String
    /// JSON pointer of the entity inside its document, e.g. `/flows/12`.
    public let pointer: String
    /// Position of the entity's mapping.
    public let mark: Mark
    /// Positions of the fields that were present, by their relative pointer (`name`,
    /// `data_categories/2`, …).
    public let fields: FieldMarks
    /// Pointers of fields whose path in the file is not `pointer/field`: entities built by an
    /// importer name their fields in Tollgate's terms (`min_length`) but point into the vendor's
    /// document (`/PasswordPolicy/MinimumPasswordLength`).
    public let fieldPointers: [String: String]
    /// Fields whose value came from another document, with the origin to ask about them: an
    /// account declared in YAML that refines a user of an identity-provider export takes
    /// `enabled` and `last_login` from the export, so findings about them point into the export.
    public let elsewhere: [String: Origin]

    public init(
        file: String, pointer: String, mark: Mark, fields: FieldMarks = .none,
        fieldPointers: [String: String] = [:], elsewhere: [String: Origin] = [:]
    ) {
        self.file = file
        self.pointer = pointer
        self.mark = mark
        self.fields = fields
        self.fieldPointers = fieldPointers
        self.elsewhere = elsewhere
    }

    /// This origin, with `fields` answered by `other` (where their values came from).
    public func taking(_ fields: some Sequence<String>, from other: Origin) -> Origin {
        var elsewhere = self.elsewhere
        for field in fields { elsewhere[field] = other }
        return Origin(
            file: file, pointer: pointer, mark: mark, fields: self.fields, fieldPointers: fieldPointers,
            elsewhere: elsewhere)
    }

    /// An origin whose field positions are given as (relative pointer, mark) pairs.
    public init(
        file: String, pointer: String, mark: Mark, fields: [(key: String, mark: Mark)],
        fieldPointers: [String: String] = [:]
    ) {
        self.init(
            file: file, pointer: pointer, mark: mark, fields: FieldMarks(fields), fieldPointers: fieldPointers)
    }

    /// An origin for entities made in code (tests, importers without positions).
    public static func synthetic(_ name: String) -> Origin {
        Origin(file: name, pointer: "", mark: Mark(line: 1, column: 1))
    }

    /// The location of the entity itself.
    public var location: SourceLocation {
        SourceLocation(file: file, mark: mark, pointer: pointer)
    }

    /// The location of a field (`"retention_days"`, `"data_categories/1"`), or of the entity when
    /// the field was not declared (a missing field is reported where it should have been).
    public func location(_ field: String) -> SourceLocation {
        if let other = elsewhere[field] { return other.location(field) }
        let fieldMark = fields.mark(of: field)
        return SourceLocation(
            file: file, mark: fieldMark ?? mark,
            pointer: fieldMark == nil ? pointer : fieldPointers[field] ?? pointer + "/" + field)
    }

    /// Whether the field was present in the declaration.
    public func has(_ field: String) -> Bool { elsewhere[field]?.has(field) ?? (fields.mark(of: field) != nil) }

    public static func == (lhs: Origin, rhs: Origin) -> Bool {
        lhs.file == rhs.file && lhs.pointer == rhs.pointer && lhs.mark == rhs.mark
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(pointer)
    }
}
