/// A closed set of values a declaration field may take, written in snake_case in YAML/JSON.
public protocol DeclarationEnum: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {}

/// A type decoded from one mapping of a declaration file.
public protocol DeclarationDecodable: Sendable {
    /// Reads every field the type knows; the reader reports the rest as unknown keys.
    init(reading reader: inout FieldReader)
}
