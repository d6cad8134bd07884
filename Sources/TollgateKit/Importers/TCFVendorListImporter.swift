/// Imports an IAB TCF Global Vendor List (`vendor-list.json`) kept by the organisation.
///
/// Reads the versions (`gvlSpecificationVersion`, `vendorListVersion`, `tcfPolicyVersion`),
/// the purpose and feature names, and each vendor's `purposes`, `legIntPurposes`,
/// `flexiblePurposes`, `specialPurposes`, `features`, `specialFeatures` and `deletedDate`. Other
/// keys (URLs, retention, data declarations, stacks) are not needed by the checks and ignored.
public struct TCFVendorListImporter: Importer {
    public init() {}

    public var kind: String { "tcf-vendor-list" }

    public func recognises(_ root: Node) -> Bool {
        root.has("vendors") && (root.has("gvlSpecificationVersion") || root.has("vendorListVersion"))
    }

    public func importDocument(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        var problems = ExportProblems(file: file, format: "TCF Global Vendor List")
        guard root.entries != nil else {
            problems.error(root, "", "expected a TCF Global Vendor List (a JSON object), found \(root.typeDescription)")
            return (Inventory(), problems.diagnostics)
        }
        // TCF v1 lists (`vendorlist.json`) have no gvlSpecificationVersion and hold vendors,
        // purposes and features as arrays: say so once rather than a wrong type per key.
        if !root.has("gvlSpecificationVersion"), let vendors = root.field("vendors"), vendors.elements != nil {
            problems.error(
                root, "", "this is a TCF v1 vendor list; Tollgate reads v2.x (GVL specification version 3)",
                hint: "use the current list, vendor-list.json of TCF v2.2 or later, as the IAB publishes it")
            return (Inventory(), problems.diagnostics)
        }
        func number(_ key: String) -> Int? {
            guard let node = root.field(key) else { return nil }
            guard let value = node.scalarText.flatMap({ Int($0) }) else {
                if let problem = FieldReader.wholeNumberProblem(node, subject: "'\(key)'") {
                    problems.error(node, "/" + key, problem.message, hint: problem.hint)
                } else {
                    problems.error(
                        node, "/" + key, "expected a whole number for '\(key)', found \(node.typeDescription)")
                }
                return nil
            }
            return value
        }
        let specification = number("gvlSpecificationVersion")
        if let specification, specification < 3 {
            problems.error(
                root.field("gvlSpecificationVersion") ?? root, "/gvlSpecificationVersion",
                "GVL specification version \(specification) predates TCF v2.2",
                hint: "use a vendor list of specification version 3 (TCF v2.2 or later)")
        }
        let vendorsNode = root.field("vendors")
        var vendors: [Int: TCFVendorListEntry] = [:]
        if let vendorsNode, let entries = vendorsNode.entries {
            for entry in entries {
                let pointer = "/vendors/" + entry.key
                if let vendor = readVendor(entry.value, key: entry.key, pointer: pointer, &problems) {
                    vendors[vendor.id] = vendor
                }
            }
        } else {
            problems.error(
                vendorsNode ?? root, "/vendors", "expected an object of vendors keyed by id for 'vendors'",
                hint: "the file may be truncated; keep the vendor list exactly as the IAB publishes it")
        }
        let list = TCFVendorList(
            gvlSpecificationVersion: specification, vendorListVersion: number("vendorListVersion"),
            tcfPolicyVersion: number("tcfPolicyVersion"),
            lastUpdated: problems.optionalString(root, "lastUpdated", ""),
            purposes: names(root, "purposes", &problems), specialPurposes: names(root, "specialPurposes", &problems),
            features: names(root, "features", &problems), specialFeatures: names(root, "specialFeatures", &problems),
            vendors: vendors,
            origin: Origin(file: file, pointer: "", mark: root.mark, fields: ExportProblems.fieldMarks(root)))
        return (Inventory(tcfVendorLists: [list], sourceFiles: [file]), problems.diagnostics)
    }

    private func readVendor(
        _ node: Node, key: String, pointer: String, _ problems: inout ExportProblems
    ) -> TCFVendorListEntry? {
        guard node.entries != nil else {
            problems.error(node, pointer, "expected a vendor object, found \(node.typeDescription)")
            return nil
        }
        guard let idText = problems.requiredString(node, "id", pointer, in: "vendor") else { return nil }
        // A vendor left out for an id that is not a whole number would make every registration
        // of it "not in the list".
        guard let id = Int(idText) else {
            problems.error(
                node.field("id") ?? node, pointer + "/id",
                "expected a whole-number vendor id for 'id', found \(idText)",
                hint: "write the vendor's id in digits, as in its key '\(key)'; keep the vendor list exactly as the "
                    + "IAB publishes it")
            return nil
        }
        if key != idText {
            problems.error(
                node.field("id") ?? node, pointer + "/id", "vendor keyed '\(key)' has id \(idText)",
                hint: "the key and the id of a vendor must agree")
        }
        func ids(_ field: String) -> [Int] {
            problems.list(node, field, pointer).enumerated().compactMap { index, item in
                guard let text = item.scalarText, let value = Int(text) else {
                    let at = "\(pointer)/\(field)/\(index)"
                    if let problem = FieldReader.wholeNumberProblem(item, subject: "item \(index) of '\(field)'") {
                        problems.error(item, at, problem.message, hint: problem.hint)
                        return nil
                    }
                    let shown = item.isNull ? nil : item.scalarText.map { "'\(Suggestion.shown($0))'" }
                    problems.error(
                        item, at, "expected a whole number in '\(field)', found \(shown ?? item.typeDescription)",
                        hint: "list the ids as numbers, as the IAB publishes them")
                    return nil
                }
                return value
            }
        }
        let deletedDate = problems.optionalString(node, "deletedDate", pointer)
        if let deletedDate, Day(iso: deletedDate) == nil {
            problems.error(
                node.field("deletedDate") ?? node, pointer + "/deletedDate",
                "expected an ISO 8601 date-time for 'deletedDate', found '\(deletedDate)'")
        }
        return TCFVendorListEntry(
            id: id, name: problems.optionalString(node, "name", pointer) ?? "vendor \(id)", purposes: ids("purposes"),
            legIntPurposes: ids("legIntPurposes"), flexiblePurposes: ids("flexiblePurposes"),
            specialPurposes: ids("specialPurposes"), features: ids("features"),
            specialFeatures: ids("specialFeatures"), deletedDate: deletedDate,
            origin: Origin(
                file: problems.file, pointer: pointer, mark: node.mark, fields: ExportProblems.fieldMarks(node)))
    }

    /// `{"1": {"id": 1, "name": "…"}}` as a map from id to name.
    private func names(_ root: Node, _ key: String, _ problems: inout ExportProblems) -> [Int: String] {
        guard let node = root.field(key) else { return [:] }
        guard let entries = node.entries else {
            problems.error(
                node, "/" + key, "expected an object keyed by id for '\(key)', found \(node.typeDescription)")
            return [:]
        }
        var result: [Int: String] = [:]
        for entry in entries {
            guard let id = Int(entry.key) else {
                // The key is what is wrong, so the error points at it, not at its value.
                problems.error(
                    at: entry.keyMark, "/" + key + "/" + entry.key,
                    "expected \(key) keyed by whole-number id, found the key '\(entry.key)'",
                    hint: "keep the vendor list exactly as the IAB publishes it")
                continue
            }
            result[id] = entry.value.field("name")?.scalarText ?? "\(key) \(id)"
        }
        return result
    }
}
