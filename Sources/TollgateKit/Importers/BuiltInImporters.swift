/// The importers that ship with Tollgate, offered every non-declaration document in turn.
public enum BuiltInImporters {
    public static let all: [any Importer] = [AWSIAMPasswordPolicyImporter(), OktaPasswordPolicyImporter()]
}
