/// Reads an Okta password policy: the Policies API object of type `PASSWORD`
/// (`GET /api/v1/policies/{policyId}`), whose `settings.password` holds `complexity`, `age`
/// and `lockout`, and `settings.recovery.factors` the recovery factors.
///
/// Okta fields may be `null` or absent; they then take the defaults Okta documents for the
/// Policy API (`minLength` 8; `minLowerCase`, `minUpperCase`, `minNumber`, `minSymbol` 1;
/// common-password dictionary off; `maxAgeDays` 0 = no expiry; `maxAttempts` 0 = no lockout),
/// and findings about them point at the enclosing object. A `recovery_question` factor whose
/// status is `ACTIVE` means security questions are in use. `excludeUsername` is a
/// context-specific blocklist, not a composition rule, so it does not count as one.
public struct OktaPasswordPolicyImporter: Importer {
    public init() {}

    public let kind = "okta-password-policy"

    public func recognises(_ root: Node) -> Bool {
        guard case .mapping(let entries) = root.kind,
            let type = entries.first(where: { $0.key == "type" })?.value, case .scalar("PASSWORD", _) = type.kind
        else { return false }
        return true
    }

    public func importDocument(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        var r = ExportReader(file: file, root: root)
        let hint = "export the whole policy object: GET /api/v1/policies/{policyId}"
        guard let password = r.require(["settings", "password"], hint: hint) else {
            return (Inventory(sourceFiles: [file]), r.diagnostics)
        }
        let complexityPath = ["settings", "password", "complexity"]
        // Findings about defaulted fields point at the nearest object that exists.
        let anchor = r.node(complexityPath) ?? password
        var fields: [(key: String, mark: Mark)] = []
        var pointers: [String: String] = [:]
        func record<T>(_ field: String, _ found: ExportReader.Found<T>?) {
            guard let found else { return }
            fields.append((field, found.mark))
            pointers[field] = found.pointer
        }

        let minLength = r.int(complexityPath + ["minLength"])
        record("min_length", minLength)
        var composition: ExportReader.Found<Int>?
        var compositionDefaulted = false
        for key in ["minLowerCase", "minUpperCase", "minNumber", "minSymbol"] {
            if let found = r.int(complexityPath + [key]) {
                if found.value > 0 && composition == nil { composition = found }
            } else {
                compositionDefaulted = true
            }
        }
        record("composition_rules", composition)
        _ = r.bool(complexityPath + ["excludeUsername"])
        let dictionary = r.bool(complexityPath + ["dictionary", "common", "exclude"])
        record("blocklist_enabled", dictionary)
        let maxAge = r.int(["settings", "password", "age", "maxAgeDays"])
        record("max_age_days", maxAge)
        let attempts = r.int(["settings", "password", "lockout", "maxAttempts"])
        record("lockout_threshold", attempts)
        let question = r.string(["settings", "recovery", "factors", "recovery_question", "status"])
        record("security_questions", question)
        let recoveryDeclared = r.node(["settings", "recovery", "factors"]) != nil

        let policy = PasswordPolicy(
            minLength: minLength?.value ?? 8, maxLength: nil,
            compositionRules: composition != nil || compositionDefaulted, maxAgeDays: maxAge?.value ?? 0,
            blocklistEnabled: dictionary?.value ?? false, lockoutThreshold: attempts?.value ?? 0, hintsAllowed: false,
            securityQuestions: question.map { $0.value == "ACTIVE" } ?? (recoveryDeclared ? false : nil),
            origin: Origin(
                file: file, pointer: anchor.pointer, mark: anchor.mark, fields: fields, fieldPointers: pointers))
        var inventory = Inventory(sourceFiles: [file])
        if r.diagnostics.isEmpty {
            inventory.importedPasswordPolicies = [ImportedPasswordPolicy(file: file, kind: kind, policy: policy)]
        }
        return (inventory, r.diagnostics)
    }
}
