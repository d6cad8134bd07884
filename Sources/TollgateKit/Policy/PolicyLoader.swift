import Foundation

/// Reads policy packs (YAML) and merges them into one `Policy`, validating rule ids, severities,
/// parameter names and types, and parameter values against each parameter's vocabulary.
///
/// Format (version 1):
/// ```yaml
/// version: 1
/// name: accounts-nist-800-63b
/// include: [accounts, PRIV-006]     # domains, rule ids, globs such as PRIV-0*, or all
/// exclude: [ACC-015]
/// rules:
///   ACC-001: { severity: high, params: { min_length_single_factor: 15 } }
/// ```
/// Several packs combine: the rules included by any pack run, and where two packs configure
/// the same rule, the later pack's severity and parameters win.
public struct PolicyLoader: Sendable {
    public let catalog: [RuleDescription]
    public let limits: LoadLimits

    public init(catalog: [RuleDescription], limits: LoadLimits = .default) {
        self.catalog = catalog
        self.limits = limits
    }

    /// Loads and merges the packs at `paths`; the policy is `nil` when any pack has errors.
    public func load(paths: [String]) -> (policy: Policy?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var packs: [(data: Data, file: String)] = []
        for path in paths {
            switch DocumentLoader(limits: limits).read(path: path, what: "policy file") {
            case .success(let data): packs.append((data, path))
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        let loaded = load(packs: packs)
        diagnostics += loaded.diagnostics
        let hasErrors = diagnostics.contains { $0.level == .error }
        return (hasErrors ? nil : loaded.policy, diagnostics.sorted())
    }

    /// Merges packs already in memory (for example the verified files of a signed bundle), in order.
    public func load(packs: [(data: Data, file: String)]) -> (policy: Policy?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [Policy.Source] = []
        var settings: [String: Policy.Setting] = [:]
        for (data, path) in packs {
            let (source, packSettings, problems) = loadPack(data: data, file: path)
            diagnostics += problems
            guard let source else { continue }
            sources.append(source)
            for (id, setting) in packSettings {
                var merged = settings[id] ?? Policy.Setting()
                if let severity = setting.severity { merged.severity = severity }
                merged.parameters.merge(setting.parameters) { _, later in later }
                settings[id] = merged
            }
        }
        let hasErrors = diagnostics.contains { $0.level == .error }
        return (hasErrors ? nil : Policy(sources: sources, settings: settings), diagnostics.sorted())
    }

    /// Reads one pack: its identity, the settings of the rules it enables, and its problems.
    public func loadPack(data: Data, file: String) -> (Policy.Source?, [String: Policy.Setting], [Diagnostic]) {
        let root: Node
        switch DocumentLoader(limits: limits).load(data: data, displayPath: file) {
        case .failure(let diagnostic): return (nil, [:], [diagnostic])
        case .success(let node): root = node
        }
        let (source, settings, problems) = loadPack(root, data: data, file: file)
        // A message may quote a value of the pack (a pattern or rule id that matches no rule, a
        // parameter value): a credential pasted there is masked, as in declarations.
        return (source, settings, SecretRedactor.redact(problems, of: root, file: file))
    }

    /// Reads one parsed pack.
    private func loadPack(
        _ root: Node, data: Data, file: String
    ) -> (Policy.Source?, [String: Policy.Setting], [Diagnostic]) {
        if let misplaced = TollgateFileKind.misplaced(root, file: file, expected: .policyPack) {
            return (nil, [:], [misplaced])
        }
        var reader = FieldReader(node: root, file: file, pointer: "", context: "a policy file")
        guard reader.diagnostics.isEmpty else { return (nil, [:], reader.diagnostics) }
        if let version = reader.int("version", required: true), version != 1 {
            reader.report(
                "policy format version \(version) is not supported", at: "version", hint: "this build reads version 1")
        }
        let name = reader.string("name", required: true) ?? ""
        let description = reader.string("description")
        let include = reader.strings("include")
        let exclude = reader.strings("exclude")
        let origin = reader.origin
        var enabled = Set<String>()
        for (index, pattern) in include.enumerated() {
            let matched = ruleIDs(matching: pattern)
            if matched.isEmpty { report(pattern, origin.location("include/\(index)"), into: &reader) }
            enabled.formUnion(matched)
        }
        for (index, pattern) in exclude.enumerated() {
            let matched = ruleIDs(matching: pattern)
            if matched.isEmpty { report(pattern, origin.location("exclude/\(index)"), into: &reader) }
            enabled.subtract(matched)
        }
        var settings: [String: Policy.Setting] = [:]
        if let rulesNode = reader.value("rules") {
            settings = readRuleSettings(rulesNode, file: file, into: &reader)
            for id in settings.keys where !enabled.contains(id) {
                // Configuring a rule enables it: the pack's author named it on purpose.
                enabled.insert(id)
            }
        }
        reader.finish()
        for id in enabled where settings[id] == nil { settings[id] = Policy.Setting() }
        let source = Policy.Source(name: name, file: file, description: description, digest: SHA256.hex([UInt8](data)))
        return (source, settings, reader.diagnostics)
    }

    private func report(_ pattern: String, _ location: SourceLocation, into reader: inout FieldReader) {
        let names = catalog.map(\.id) + Domain.allCases.map(\.rawValue) + ["all"]
        let hint =
            Suggestion.closest(to: pattern, in: names).map { "did you mean '\($0)'?" }
            ?? "use a domain (privacy, accounts, licensing), a rule id, a glob such as ACC-0*, or all"
        reader.absorb(Diagnostic(at: location, "'\(Suggestion.shown(pattern))' matches no rule", hint: hint))
    }

    /// Rule ids a pattern selects: `all`, a domain, an exact id, or a glob with `*`.
    func ruleIDs(matching pattern: String) -> [String] {
        if pattern == "all" { return catalog.map(\.id) }
        if let domain = Domain(rawValue: pattern) { return catalog.filter { $0.domain == domain }.map(\.id) }
        if pattern.hasSuffix("*") {
            let prefix = pattern.dropLast()
            return catalog.map(\.id).filter { $0.hasPrefix(prefix) }
        }
        return catalog.contains(where: { $0.id == pattern }) ? [pattern] : []
    }

    private func readRuleSettings(
        _ node: Node, file: String, into reader: inout FieldReader
    ) -> [String: Policy.Setting] {
        guard case .mapping(let entries) = node.kind else {
            reader.report("expected a mapping of rule ids for 'rules', found \(node.typeDescription)", at: "rules")
            return [:]
        }
        var settings: [String: Policy.Setting] = [:]
        for entry in entries {
            let location = SourceLocation(
                file: file, mark: entry.keyMark,
                pointer: "/rules/" + entry.key)
            guard let rule = catalog.first(where: { $0.id == entry.key }) else {
                let hint =
                    Suggestion.closest(to: entry.key, in: catalog.map(\.id)).map { "did you mean '\($0)'?" }
                    ?? "`tollgate rules` lists the rule ids"
                reader.absorb(Diagnostic(at: location, "unknown rule '\(Suggestion.shown(entry.key))'", hint: hint))
                continue
            }
            var ruleReader = FieldReader(
                node: entry.value, file: file, pointer: "/rules/" + entry.key, context: "rule \(rule.id)")
            var setting = Policy.Setting()
            setting.severity = ruleReader.enumValue("severity")
            if let paramsNode = ruleReader.value("params") {
                var paramReader = FieldReader(
                    node: paramsNode, file: file, pointer: "/rules/\(rule.id)/params",
                    context: "parameters of \(rule.id)")
                for parameter in rule.parameters {
                    if let value = Self.read(parameter, from: &paramReader) {
                        setting.parameters[parameter.name] = value
                    }
                }
                // An unknown name is not read, so the rule would run with its default: say
                // which names it reads (`tollgate rules ID` describes them).
                let names = rule.parameters.map(\.name)
                paramReader.finish(
                    otherwise: names.isEmpty
                        ? "\(rule.id) takes no parameters; remove it"
                        : "\(rule.id) reads \(names.joined(separator: ", ")) (`tollgate rules \(rule.id)` describes them)"
                )
                for diagnostic in paramReader.diagnostics { ruleReader.absorb(diagnostic) }
            }
            ruleReader.finish()
            for diagnostic in ruleReader.diagnostics { reader.absorb(diagnostic) }
            settings[rule.id] = setting
        }
        return settings
    }

    /// Reads a parameter with the type of its default value. Whole-number parameters are days,
    /// counts, percentages and thresholds, none of which means anything below zero. Strings and
    /// list items are checked against the parameter's vocabulary, each reported where it is.
    static func read(_ parameter: RuleParameter, from reader: inout FieldReader) -> ParameterValue? {
        switch parameter.defaultValue {
        case .int: return reader.int(parameter.name, minimum: 0).map(ParameterValue.int)
        case .double: return reader.double(parameter.name).map(ParameterValue.double)
        case .bool: return reader.bool(parameter.name).map(ParameterValue.bool)
        case .string:
            guard let value = reader.string(parameter.name) else { return nil }
            check(value, of: parameter, at: parameter.name, into: &reader)
            return .string(value)
        case .strings:
            guard reader.value(parameter.name) != nil else { return nil }
            let items = reader.indexedStrings(parameter.name)
            for (index, value) in items {
                check(value, of: parameter, at: "\(parameter.name)/\(index)", into: &reader)
            }
            return .strings(items.map(\.value))
        }
    }

    /// Reports a value outside the parameter's vocabulary at `field` (`name` or `name/index`),
    /// or one of blanks only (the reader refuses an empty one): `consent_trigger_markers: [" "]`
    /// gated every trigger with a space in its name, and no vocabulary holds a blank.
    private static func check(
        _ value: String, of parameter: RuleParameter, at field: String, into reader: inout FieldReader
    ) {
        if value.allSatisfy(\.isWhitespace) {
            reader.report(
                "'\(parameter.name)' is only whitespace", at: field,
                hint: "remove it or give it a value; blanks alone would match any text with a space")
            return
        }
        guard let vocabulary = parameter.vocabulary, let hint = vocabulary.rejection(of: value) else { return }
        reader.report(
            "unknown \(vocabulary.noun) '\(Suggestion.shown(value))' in '\(parameter.name)'", at: field, hint: hint)
    }
}
