/// Reads an Okta password policy: the Policies API object of type `PASSWORD`
/// (`GET /api/v1/policies/{policyId}`), whose `settings.password` holds `complexity`, `age`
/// and `lockout`, and `settings.recovery.factors` the recovery factors. The list endpoint's
/// array (`GET /api/v1/policies?type=PASSWORD`) is read too: its highest-priority `ACTIVE`
/// policy (the lowest `priority` number), with a warning naming any other active ones.
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
        if let policies = root.elements {
            return !policies.isEmpty && policies.allSatisfy(Self.isPasswordPolicy)
        }
        return Self.isPasswordPolicy(root)
    }

    static func isPasswordPolicy(_ node: Node) -> Bool {
        guard case .mapping(let entries) = node.kind,
            let type = entries.first(where: { $0.key == "type" })?.value, case .scalar("PASSWORD", _) = type.kind
        else { return false }
        return true
    }

    public func importDocument(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        guard let policies = root.elements else { return read(root, file: file) }
        // The list endpoint (`GET /api/v1/policies?type=PASSWORD`). Okta gives each user the
        // first ACTIVE policy, in priority order (1 first), whose conditions match; the one
        // checked is the highest-priority ACTIVE policy, and the others are named in a warning.
        let active = policies.filter { $0["status"]?.text == "ACTIVE" }
        func priority(_ node: Node) -> Int { node["priority"]?.text.flatMap { Int($0) } ?? Int.max }
        guard let chosen = active.min(by: { priority($0) < priority($1) }) else {
            let diagnostic = Diagnostic(
                at: SourceLocation(file: file, mark: root.mark),
                "this Okta policy list (GET /api/v1/policies?type=PASSWORD) holds no ACTIVE password policy",
                hint: "export the policy the system's users get: GET /api/v1/policies/{policyId}")
            return (Inventory(sourceFiles: [file]), [diagnostic])
        }
        var outcome = read(chosen, file: file)
        let others = active.filter { $0.mark != chosen.mark }.map { "'\($0["name"]?.text ?? "?")'" }
        if !others.isEmpty, outcome.diagnostics.isEmpty {
            outcome.diagnostics.append(
                Diagnostic(
                    .warning,
                    at: SourceLocation(file: file, mark: chosen.mark),
                    "this Okta policy list holds \(active.count) ACTIVE password policies; only the highest-priority one, '\(chosen["name"]?.text ?? "?")', is checked, not \(others.joined(separator: ", "))",
                    hint:
                        "export each policy with GET /api/v1/policies/{policyId} and point the systems whose users get it at its file"
                ))
        }
        return outcome
    }

    private func read(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        var r = ExportReader(file: file, root: root)
        let hint = "export the whole policy object: GET /api/v1/policies/{policyId}"
        guard let password = r.require(["settings", "password"], hint: hint) else {
            return ImportedPasswordPolicy.outcome(file: file, kind: kind, policy: nil, diagnostics: r.diagnostics)
        }
        let complexityPath = ["settings", "password", "complexity"]
        // Findings about defaulted fields point at the nearest object that exists.
        let anchor = r.node(complexityPath) ?? password

        let minLength = r.int(complexityPath + ["minLength"])
        r.record("min_length", minLength)
        var composition: ExportReader.Found<Int>?
        var compositionDefaulted = false
        for key in ["minLowerCase", "minUpperCase", "minNumber", "minSymbol"] {
            if let found = r.int(complexityPath + [key]) {
                if found.value > 0 && composition == nil { composition = found }
            } else {
                compositionDefaulted = true
            }
        }
        r.record("composition_rules", composition)
        _ = r.bool(complexityPath + ["excludeUsername"])
        let dictionary = r.bool(complexityPath + ["dictionary", "common", "exclude"])
        r.record("blocklist_enabled", dictionary)
        let maxAge = r.int(["settings", "password", "age", "maxAgeDays"])
        r.record("max_age_days", maxAge)
        let attempts = r.int(["settings", "password", "lockout", "maxAttempts"])
        r.record("lockout_threshold", attempts)
        let question = r.string(["settings", "recovery", "factors", "recovery_question", "status"])
        r.record("security_questions", question)
        let recoveryDeclared = r.node(["settings", "recovery", "factors"]) != nil

        let policy = PasswordPolicy(
            minLength: minLength?.value ?? 8, maxLength: nil,
            compositionRules: composition != nil || compositionDefaulted, maxAgeDays: maxAge?.value ?? 0,
            blocklistEnabled: dictionary?.value ?? false, lockoutThreshold: attempts?.value ?? 0, hintsAllowed: false,
            securityQuestions: question.map { $0.value == "ACTIVE" } ?? (recoveryDeclared ? false : nil),
            origin: r.origin(at: anchor))
        return ImportedPasswordPolicy.outcome(file: file, kind: kind, policy: policy, diagnostics: r.diagnostics)
    }
}
