/// Imports Fides manifests (fideslang YAML): `system:` entries with their privacy declarations
/// and data flows, so that teams describing their stack in Fides can check it with Tollgate
/// without rewriting it.
///
/// Mapping (fideslang → Tollgate):
/// - `fides_key` → `id`; `name`, `description` as they are;
/// - `system_type` → `system_type` when it names one of Tollgate's types, else `other` (Fides
///   leaves it free text: "Service", "Application");
/// - `responsibility` (a list of `Controller`, `Processor`, `Sub-Processor`) → the first one;
/// - privacy declarations: `data_categories`, `data_use`, `data_subjects`, `egress`, `ingress`,
///   `impact_assessment_location` as they are; `legal_basis_for_processing` and
///   `special_category_legal_basis` from fideslang's labels ("Legitimate interests") to
///   Tollgate's values; `retention_period` ("30 days", "30") to `retention_days`;
/// - `uses_cookies`, `cookie_max_age_seconds`, `uses_non_cookie_access`, `uses_profiling`,
///   `legal_basis_for_profiling`, `joint_controller_info` as they are; `vendor_id: gvl.N` →
///   `tcf.vendor_id: N`;
/// - system-level `egress`/`ingress` data flows (type `system`, or `user` for `ingress`) → flows
///   with their data categories, `user` standing for `data_subject`; a declaration's
///   `egress`/`ingress` keep the references to `system` flows only;
/// - `meta.tollgate`: Tollgate's own fields, in Tollgate's declaration format, for what fideslang
///   cannot say (written by `tollgate export fides`).
///
/// Other fideslang keys are accepted and not used; `dataset:` entries are skipped with a warning.
public struct FidesManifestImporter: Importer {
    public init() {}

    public var kind: String { "fides-manifest" }

    public func recognises(_ root: Node) -> Bool {
        guard let entries = root.entries, !entries.isEmpty else { return false }
        return entries.contains { $0.key == "system" || $0.key == "dataset" }
            && entries.allSatisfy { Self.resourceKeys.contains($0.key) }
    }

    /// Top-level keys of a Fides manifest: the resource types of fideslang 1.x (where
    /// `data_qualifier` still existed) and later.
    static let resourceKeys: Set<String> = [
        "system", "dataset", "data_category", "data_use", "data_subject", "data_qualifier", "organization", "policy",
        "registry", "evaluation",
    ]

    /// fideslang `System` keys Tollgate reads or knowingly skips.
    static let knownSystemKeys: Set<String> = [
        "fides_key", "name", "description", "system_type", "responsibility", "data_responsibility_title",
        "privacy_declarations", "egress", "ingress", "uses_cookies", "cookie_max_age_seconds", "uses_non_cookie_access",
        "uses_profiling", "legal_basis_for_profiling", "joint_controller_info", "vendor_id", "meta", "tags",
        "organization_fides_key", "administrating_department", "third_country_transfers", "dataset_references",
        "data_protection_impact_assessment", "does_international_transfers", "legal_basis_for_transfers",
        "requires_data_protection_assessments", "dpa_location", "dpa_progress", "privacy_policy", "legal_name",
        "legal_address", "dpo", "data_security_practices", "cookie_refresh", "legitimate_interest_disclosure_url",
        "exempt_from_privacy_regulations", "reason_for_exemption", "previous_vendor_id", "vendor_deleted_date",
        "processes_personal_data", "cookies", "fidesctl_meta", "user_id", "system_dependencies", "joint_controller",
        "data_stewards", "flexible_legal_basis_for_processing",
    ]

    /// fideslang legal-basis labels (GDPR Art. 6(1)) → Tollgate's values.
    static let legalBases: [String: LegalBasis] = [
        "Consent": .consent, "Contract": .contract, "Legal obligations": .legalObligation,
        "Vital interests": .vitalInterests, "Public interest": .publicInterest,
        "Legitimate interests": .legitimateInterests,
    ]

    /// fideslang special-category labels (GDPR Art. 9(2)) → Tollgate's values.
    static let specialCategoryBases: [String: SpecialCategoryBasis] = [
        "Explicit consent": .explicitConsent, "Employment, social security and social protection": .employment,
        "Vital interests": .vitalInterests, "Not-for-profit bodies": .notForProfit,
        "Made public by the data subject": .madePublic, "Legal claims or judicial acts": .legalClaims,
        "Reasons of substantial public interest (with a basis in law)": .substantialPublicInterest,
        "Health or social care (with a basis in law)": .healthOrSocialCare,
        "Public health (with a basis in law)": .publicHealth,
        "Archiving, research and statistics (with a basis in law)": .archivingResearch,
    ]

    /// fideslang `DataResponsibilityTitle` → Tollgate's responsibility.
    static let responsibilities: [String: Responsibility] = [
        "Controller": .controller, "Processor": .processor, "Sub-Processor": .subProcessor,
    ]

    public func importDocument(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        var problems = ExportProblems(file: file, format: "Fides manifest")
        if let datasets = root.field("dataset") {
            problems.warning(
                datasets, "/dataset", "Fides datasets are not part of Tollgate's inventory and were skipped",
                hint: "declare the systems that hold the data; their privacy declarations carry the categories")
        }
        var systems: [System] = []
        // A flow declared on both ends (A's egress, B's ingress) is one flow with both ends' data
        // categories.
        var flowNodes: [(id: String, node: Node, pointer: String)] = []
        var flowPositions: [String: Int] = [:]
        for (index, node) in problems.list(root, "system", "").enumerated() {
            let pointer = "/system/\(index)"
            guard let translated = translate(node, pointer: pointer, &problems) else { continue }
            var reader = FieldReader(node: translated, file: file, pointer: pointer, context: "system")
            let system = System(reading: &reader)
            // Not "move it into the system's `security:` mapping": this is a Fides manifest.
            reader.finish(placementHints: false)
            problems.append(reader.diagnostics)
            systems.append(system)
            for flow in dataFlows(node, systemID: system.id, pointer: pointer, &problems) {
                if let index = flowPositions[flow.id] {
                    flowNodes[index].node = Self.mergingCategories(of: flow.node, into: flowNodes[index].node)
                } else {
                    flowPositions[flow.id] = flowNodes.count
                    flowNodes.append(flow)
                }
            }
        }
        let flows = flowNodes.map { id, node, pointer in
            var reader = FieldReader(node: node, file: file, pointer: pointer, context: "data flow")
            let flow = Flow(reading: &reader)
            reader.finish()
            problems.append(reader.diagnostics)
            return flow
        }
        return (Inventory(systems: systems, flows: flows, sourceFiles: [file]), problems.diagnostics)
    }

    // MARK: - Systems

    /// The system as a Tollgate declaration node, keeping the marks of the Fides file.
    private func translate(_ node: Node, pointer: String, _ problems: inout ExportProblems) -> Node? {
        guard let entries = node.entries else {
            problems.error(node, pointer, "expected a system mapping, found \(node.typeDescription)")
            return nil
        }
        // The system's DataFlow keys by type: a declaration's `ingress`/`egress` names these
        // entries (fideslang PrivacyDeclaration), and only `system` ones are Tollgate systems.
        var flowTypes: [String: String] = [:]
        for direction in ["egress", "ingress"] {
            for item in node.field(direction)?.elements ?? [] {
                guard let key = item.field("fides_key")?.scalarText else { continue }
                flowTypes[key] = item.field("type")?.scalarText ?? "system"
            }
        }
        var out: [Node.Entry] = []
        func put(_ key: String, _ value: Node, at keyMark: Mark? = nil) {
            out.removeAll { $0.key == key }
            out.append(Node.Entry(key: key, keyMark: keyMark ?? value.mark, value: value))
        }
        func scalar(_ text: String, _ mark: Mark) -> Node { Node(.scalar(text: text, isPlain: false), mark: mark) }
        // fideslang writes unset optional fields as null (`privacy_declarations: null`): absent.
        for entry in entries where !entry.value.isNull {
            let here = pointer + "/" + entry.key
            switch entry.key {
            case "fides_key": put("id", entry.value, at: entry.keyMark)
            case "name", "description", "uses_cookies", "cookie_max_age_seconds", "uses_non_cookie_access",
                "uses_profiling", "legal_basis_for_profiling", "joint_controller_info":
                put(entry.key, entry.value, at: entry.keyMark)
            case "system_type":
                let text = entry.value.scalarText ?? ""
                let type = SystemType(rawValue: text.lowercased().replacingASCII(" ", with: "_")) ?? .other
                put("system_type", scalar(type.rawValue, entry.value.mark), at: entry.keyMark)
            case "responsibility", "data_responsibility_title":
                let first = entry.value.elements?.first ?? entry.value
                if let text = first.scalarText {
                    if let value = Self.responsibilities[text] {
                        put("responsibility", scalar(value.rawValue, first.mark), at: entry.keyMark)
                    } else {
                        problems.error(
                            first, here, "unknown Fides responsibility '\(text)'",
                            hint: "fideslang uses Controller, Processor or Sub-Processor")
                    }
                }
            case "vendor_id":
                guard let text = entry.value.scalarText, text.hasPrefix("gvl.") else { continue }
                let digits = text.dropFirst(4)
                let isDigits = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
                // Digits only: `Int` alone took gvl.-5 and gvl.+5 for vendors -5 and 5.
                guard isDigits, let id = Int(digits) else {
                    // Left out, the system would have no `tcf` block and PRIV-109 would not check it.
                    // Worded as the other readers word a number that is too large or not whole.
                    let shown = Suggestion.shown(text)
                    let words: (message: String, hint: String)
                    if isDigits {
                        words = FieldReader.outOfRange("the GVL vendor id in 'vendor_id'", found: shown, bound: Int.max)
                    } else if Double(digits)?.isFinite == true, digits.first?.isNumber == true {
                        words = FieldReader.notWhole("the GVL vendor id in 'vendor_id'", found: shown)
                    } else {
                        words = (
                            "expected 'gvl.' and a whole-number GVL vendor id for 'vendor_id', found '\(shown)'",
                            "write digits only after 'gvl.', as the Global Vendor List numbers the vendor (gvl.755)"
                        )
                    }
                    problems.error(entry.value, here, words.message, hint: words.hint)
                    continue
                }
                let tcf = Node(
                    .mapping([
                        Node.Entry(
                            key: "vendor_id", keyMark: entry.keyMark,
                            value: Node(.scalar(text: String(id), isPlain: true), mark: entry.value.mark))
                    ]), mark: entry.value.mark)
                if !out.contains(where: { $0.key == "tcf" }) { put("tcf", tcf, at: entry.keyMark) }
            case "privacy_declarations":
                guard let items = entry.value.elements else {
                    problems.error(entry.value, here, "expected a list for 'privacy_declarations'")
                    continue
                }
                let declarations = items.enumerated().compactMap { index, item in
                    translateDeclaration(item, pointer: "\(here)/\(index)", flowTypes: flowTypes, &problems)
                }
                put("privacy_declarations", Node(.sequence(declarations), mark: entry.value.mark), at: entry.keyMark)
            case "meta":
                guard let tollgate = entry.value.field("tollgate") else { continue }
                guard let extras = tollgate.entries else {
                    problems.error(
                        tollgate, here + "/tollgate", "expected a mapping of Tollgate fields for 'meta.tollgate'")
                    continue
                }
                // Tollgate's own fields win over what was derived from fideslang fields.
                for extra in extras { put(extra.key, extra.value, at: extra.keyMark) }
            case "egress", "ingress":
                break  // Read as flows.
            default:
                if !Self.knownSystemKeys.contains(entry.key) {
                    problems.warning(
                        entry.value, here, "unknown Fides system key '\(entry.key)' was not read",
                        hint: "Tollgate reads the fideslang System fields listed in docs/importers.md")
                }
            }
        }
        if !out.contains(where: { $0.key == "system_type" }) {
            put("system_type", scalar(SystemType.other.rawValue, node.mark))
        }
        return Node(.mapping(out), mark: node.mark)
    }

    private func translateDeclaration(
        _ node: Node, pointer: String, flowTypes: [String: String], _ problems: inout ExportProblems
    ) -> Node? {
        guard let entries = node.entries else {
            problems.error(node, pointer, "expected a privacy declaration mapping, found \(node.typeDescription)")
            return nil
        }
        var out: [Node.Entry] = []
        for entry in entries where !entry.value.isNull {
            let here = pointer + "/" + entry.key
            func keep(_ key: String, _ value: Node) {
                out.append(Node.Entry(key: key, keyMark: entry.keyMark, value: value))
            }
            switch entry.key {
            case "name", "data_categories", "data_use", "data_subjects", "impact_assessment_location", "retention_days":
                keep(entry.key, entry.value)
            case "egress", "ingress":
                guard let items = entry.value.elements else {
                    keep(entry.key, entry.value)  // The declaration reader reports the wrong type.
                    continue
                }
                // References to the system's `user` and `dataset` data flows name no system.
                let systems = items.enumerated().filter { index, item in
                    guard let key = item.scalarText else { return true }
                    let type = flowTypes[key] ?? (key == "user" ? "user" : "system")
                    if type == "dataset" {
                        problems.warning(
                            item, "\(here)/\(index)",
                            "'\(key)' names a Fides dataset, which is not part of Tollgate's inventory, and was skipped",
                            hint: "declare the system that holds the dataset to check what reaches it")
                    }
                    return type != "user" && type != "dataset"
                }.map(\.element)
                keep(entry.key, Node(.sequence(systems), mark: entry.value.mark))
            case "legal_basis_for_processing":
                guard let text = entry.value.scalarText else { continue }
                if let basis = Self.legalBases[text] {
                    keep("legal_basis", Node(.scalar(text: basis.rawValue, isPlain: false), mark: entry.value.mark))
                } else {
                    problems.error(
                        entry.value, here, "unknown Fides legal basis '\(text)'",
                        hint: "fideslang uses \(Self.legalBases.keys.sorted().joined(separator: ", "))")
                }
            case "special_category_legal_basis":
                guard let text = entry.value.scalarText else { continue }
                if let basis = Self.specialCategoryBases[text] {
                    keep(
                        "special_category_legal_basis",
                        Node(.scalar(text: basis.rawValue, isPlain: false), mark: entry.value.mark))
                } else {
                    problems.error(
                        entry.value, here, "unknown Fides special-category legal basis '\(text)'",
                        hint: "use one of fideslang's SpecialCategoryLegalBasisEnum labels")
                }
            case "retention_period":
                guard let text = entry.value.scalarText else { continue }
                if let days = Self.retentionDays(text) {
                    keep("retention_days", Node(.scalar(text: String(days), isPlain: true), mark: entry.value.mark))
                } else {
                    problems.warning(
                        entry.value, here, "retention period '\(text)' was not read as a number of days",
                        hint: "write it as a number of days, e.g. \"395 days\"")
                }
            default:
                break  // Other fideslang declaration keys (dataset_references, cookies, …) are not used.
            }
        }
        return Node(.mapping(out), mark: node.mark)
    }

    /// `"30"`, `"30 days"`, `"1 day"` as days; anything else (free text) is not read.
    static func retentionDays(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard let first = parts.first, let number = Int(first), number >= 0 else { return nil }
        if parts.count == 1 { return number }
        if parts.count == 2, ["day", "days"].contains(parts[1].lowercased()) { return number }
        return nil
    }

    // MARK: - Flows

    /// System-level `egress` and `ingress` data flows as Tollgate flow declarations, with their ids.
    private func dataFlows(
        _ node: Node, systemID: String, pointer: String, _ problems: inout ExportProblems
    ) -> [(id: String, node: Node, pointer: String)] {
        var flows: [(id: String, node: Node, pointer: String)] = []
        for direction in ["egress", "ingress"] {
            for (index, item) in problems.list(node, direction, pointer).enumerated() {
                let here = "\(pointer)/\(direction)/\(index)"
                guard let other = problems.requiredString(item, "fides_key", here, in: "data flow") else { continue }
                let type = item.field("type")?.scalarText ?? "system"
                guard type == "system" || type == "user" else { continue }  // Datasets are not modelled.
                if type == "user" && direction == "egress" {
                    problems.warning(
                        item, here,
                        "data flow to the user '\(other)' was not imported; Tollgate models flows between systems and from people, not to people",
                        hint: "what the system sends to people (e-mails, receipts) needs no flow")
                    continue
                }
                guard item.field("data_categories") != nil else {
                    problems.warning(
                        item, here, "data flow with '\(other)' lists no data_categories and was not imported",
                        hint: "list the data categories that move along it")
                    continue
                }
                let peer = type == "user" ? Flow.dataSubjectSource : other
                let (from, to) = direction == "egress" ? (systemID, peer) : (peer, systemID)
                var entries = [
                    Node.Entry(
                        key: "id", keyMark: item.mark,
                        value: Node(.scalar(text: "\(from)-to-\(to)", isPlain: false), mark: item.mark)),
                    Node.Entry(
                        key: "from", keyMark: item.mark,
                        value: Node(.scalar(text: from, isPlain: false), mark: item.mark)),
                    Node.Entry(
                        key: "to", keyMark: item.mark, value: Node(.scalar(text: to, isPlain: false), mark: item.mark)),
                ]
                if let categories = item.field("data_categories") {
                    entries.append(Node.Entry(key: "data_categories", keyMark: categories.mark, value: categories))
                }
                flows.append(("\(from)-to-\(to)", Node(.mapping(entries), mark: item.mark), here))
            }
        }
        return flows
    }

    /// `target` with the data categories of `other` that it does not list yet added to its own.
    static func mergingCategories(of other: Node, into target: Node) -> Node {
        guard let added = other.field("data_categories")?.elements, var entries = target.entries,
            let index = entries.firstIndex(where: { $0.key == "data_categories" }),
            let present = entries[index].value.elements
        else { return target }
        let known = Set(present.compactMap(\.scalarText))
        let new = added.filter { item in item.scalarText.map { !known.contains($0) } ?? false }
        guard !new.isEmpty else { return target }
        let old = entries[index]
        entries[index] = Node.Entry(
            key: old.key, keyMark: old.keyMark, value: Node(.sequence(present + new), mark: old.value.mark))
        return Node(.mapping(entries), mark: target.mark)
    }
}
