/// Reads the output of `aws iam get-account-password-policy` (the `GetAccountPasswordPolicy`
/// response): `{"PasswordPolicy": {"MinimumPasswordLength": 14, "RequireSymbols": true, …}}`.
///
/// AWS omits keys that are not set, so an absent `Require*` means "not required", an absent
/// `MaxPasswordAge` means passwords never expire, and an absent `MinimumPasswordLength` is
/// reported as no minimum. IAM offers no breached-password screening, no configurable lockout
/// threshold, no hints and no security questions: the policy says so (`blocklist_enabled:
/// false`, `hints_allowed: false`, `security_questions: false`) and leaves `lockout_threshold`
/// unset, so ACC-005 and ACC-006 report what IAM cannot do. Keys AWS may add later are ignored.
public struct AWSIAMPasswordPolicyImporter: Importer {
    public init() {}

    public let kind = "aws-iam-password-policy"

    public func recognises(_ root: Node) -> Bool {
        guard case .mapping(let entries) = root.kind else { return false }
        return entries.contains { $0.key == "PasswordPolicy" }
    }

    public func importDocument(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        var r = ExportReader(file: file, root: root)
        guard
            let object = r.require(["PasswordPolicy"], hint: "save the output of `aws iam get-account-password-policy`")
        else { return (Inventory(sourceFiles: [file]), r.diagnostics) }
        if case .mapping = object.value.kind {
        } else {
            _ = r.node(["PasswordPolicy", "MinimumPasswordLength"])  // reports "expected a mapping"
            return (Inventory(sourceFiles: [file]), r.diagnostics)
        }
        var fields: [(key: String, mark: Mark)] = []
        var pointers: [String: String] = [:]
        func record<T>(_ field: String, _ found: ExportReader.Found<T>?) {
            guard let found else { return }
            fields.append((field, found.mark))
            pointers[field] = found.pointer
        }
        let minLength = r.int(["PasswordPolicy", "MinimumPasswordLength"])
        record("min_length", minLength)
        var composition: ExportReader.Found<Bool>?
        for key in ["RequireSymbols", "RequireNumbers", "RequireUppercaseCharacters", "RequireLowercaseCharacters"] {
            if let found = r.bool(["PasswordPolicy", key]), found.value, composition == nil { composition = found }
        }
        record("composition_rules", composition)
        let expires = r.bool(["PasswordPolicy", "ExpirePasswords"])
        let maxAge = r.int(["PasswordPolicy", "MaxPasswordAge"])
        record("max_age_days", maxAge)
        // Read so that their types are checked; no rule needs them.
        _ = r.int(["PasswordPolicy", "PasswordReusePrevention"])
        _ = r.bool(["PasswordPolicy", "HardExpiry"])
        _ = r.bool(["PasswordPolicy", "AllowUsersToChangePassword"])
        let policy = PasswordPolicy(
            minLength: minLength?.value, maxLength: nil, compositionRules: composition != nil,
            maxAgeDays: expires?.value == false ? 0 : (maxAge?.value ?? 0), blocklistEnabled: false,
            lockoutThreshold: nil, hintsAllowed: false, securityQuestions: false,
            origin: Origin(
                file: file, pointer: "/PasswordPolicy", mark: object.mark, fields: fields, fieldPointers: pointers))
        var inventory = Inventory(sourceFiles: [file])
        if r.diagnostics.isEmpty {
            inventory.importedPasswordPolicies = [ImportedPasswordPolicy(file: file, kind: kind, policy: policy)]
        }
        return (inventory, r.diagnostics)
    }
}
