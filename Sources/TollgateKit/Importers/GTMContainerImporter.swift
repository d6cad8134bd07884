/// Imports Google Tag Manager container exports: the JSON written by Admin › Export Container
/// (`exportFormatVersion: 2`, upper-case enum values) and the same shape built from the Tag
/// Manager API (lower-case values), as well as a bare API `containerVersion` resource.
///
/// Reads tags (type, parameters, firing and blocking triggers, tag sequencing, `paused`,
/// `consentSettings`), triggers and their conditions, variables and custom templates, each with
/// its position in the file. Keys Tollgate has no use for are ignored; a wrong type where a
/// known key is expected is an error at its line and column.
public struct GTMContainerImporter: Importer {
    public init() {}

    public var kind: String { "gtm-container" }

    /// Export formats this build reads.
    static let supportedExportFormatVersions = [2]

    public func recognises(_ root: Node) -> Bool {
        if root.has("exportFormatVersion") && root.has("containerVersion") { return true }
        return root.has("containerVersionId") && (root.has("tag") || root.has("trigger") || root.has("container"))
    }

    public func importDocument(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        var problems = ExportProblems(file: file, format: "GTM container export")
        guard root.entries != nil else {
            problems.error(
                root, "", "expected a GTM container export (a JSON object), found \(root.typeDescription)",
                hint: "export the container from Admin › Export Container")
            return (Inventory(), problems.diagnostics)
        }
        var formatVersion: Int?
        var version = root
        var pointer = ""
        if root.has("exportFormatVersion") {
            let node = root.field("exportFormatVersion")
            formatVersion = node?.scalarText.flatMap { Int($0) }
            if let node, formatVersion.map({ !Self.supportedExportFormatVersions.contains($0) }) ?? true {
                problems.error(
                    node, "/exportFormatVersion",
                    "unsupported GTM exportFormatVersion '\(node.scalarText ?? node.typeDescription)'",
                    hint: "Tollgate reads exportFormatVersion 2; re-export the container from the current GTM interface"
                )
                return (Inventory(), problems.diagnostics)
            }
            guard let containerVersion = root.field("containerVersion"), containerVersion.entries != nil else {
                problems.error(
                    root.field("containerVersion") ?? root, "/containerVersion",
                    "the export's 'containerVersion' is missing or not an object",
                    hint: "the file may be truncated; export the container again")
                return (Inventory(), problems.diagnostics)
            }
            version = containerVersion
            pointer = "/containerVersion"
        }
        let container = version.field("container")
        let containerID =
            problems.optionalString(version, "containerId", pointer)
            ?? container.flatMap { problems.optionalString($0, "containerId", pointer + "/container") }
        let templates = problems.list(version, "customTemplate", pointer).enumerated().compactMap { index, node in
            readTemplate(node, pointer: "\(pointer)/customTemplate/\(index)", &problems)
        }
        let variables = problems.list(version, "variable", pointer).enumerated().compactMap { index, node in
            readVariable(node, pointer: "\(pointer)/variable/\(index)", &problems)
        }
        var constants = TagManagerConstants(variables: variables)
        // Tags before triggers: both draw on the container's one budget, and the tags' hosts and
        // ids (what ties them to vendors and systems) keep first call on it.
        let tags = problems.list(version, "tag", pointer).enumerated().compactMap { index, node in
            readTag(
                node, pointer: "\(pointer)/tag/\(index)", templates: templates, containerID: containerID,
                constants: &constants, &problems)
        }
        let triggers = problems.list(version, "trigger", pointer).enumerated().compactMap { index, node in
            readTrigger(node, pointer: "\(pointer)/trigger/\(index)", constants: &constants, &problems)
        }
        if constants.isExhausted {
            problems.warning(
                version.field("variable") ?? version, pointer + "/variable",
                "the constant variables of this container expand beyond its budget "
                    + "(\(TagManagerConstants.maximumGrowth / 1024) KiB of added text, "
                    + "\(TagManagerConstants.maximumReferences) references); later {{…}} references were left as written",
                hint: "hosts and ids kept in those constants are not recognised; look for constants that repeat "
                    + "other constants many times")
        }
        reportDuplicates(tags.map { ($0.name, $0.origin) }, "tag name", &problems)
        reportDuplicates(triggers.map { ($0.id, $0.origin) }, "trigger id", &problems)
        let result = TagManagerContainer(
            publicID: container.flatMap { problems.optionalString($0, "publicId", pointer + "/container") },
            name: container.flatMap { problems.optionalString($0, "name", pointer + "/container") },
            containerVersionID: problems.optionalString(version, "containerVersionId", pointer),
            exportFormatVersion: formatVersion, tags: tags, triggers: triggers, variables: variables,
            templates: templates,
            origin: Origin(
                file: file, pointer: pointer, mark: version.mark, fields: ExportProblems.fieldMarks(version)))
        return (Inventory(tagManagerContainers: [result], sourceFiles: [file]), problems.diagnostics)
    }

    // MARK: - Elements

    private func readTag(
        _ node: Node, pointer: String, templates: [TagManagerTemplate], containerID: String?,
        constants: inout TagManagerConstants, _ problems: inout ExportProblems
    ) -> TagManagerTag? {
        guard node.entries != nil else {
            problems.error(node, pointer, "expected a tag object, found \(node.typeDescription)")
            return nil
        }
        let id = problems.requiredString(node, "tagId", pointer, in: "tag")
        let name = problems.requiredString(node, "name", pointer, in: "tag")
        let type = problems.requiredString(node, "type", pointer, in: "tag")
        guard let id, let name, let type else { return nil }
        let parameters = readParameters(node, pointer: pointer, &problems)
        let resolved = parameters.map { parameter in parameter.mapValues { constants.resolve($0) } }
        func references(_ key: String) -> [TagManagerReference] {
            problems.strings(node, key, pointer).enumerated().map { index, item in
                TagManagerReference(id: item.0, location: problems.location(item.1, "\(pointer)/\(key)/\(index)"))
            }
        }
        func sequence(_ key: String) -> [TagManagerReference] {
            problems.list(node, key, pointer).enumerated().compactMap { index, item in
                let itemPointer = "\(pointer)/\(key)/\(index)"
                guard let tagName = problems.requiredString(item, "tagName", itemPointer, in: "'\(key)' entry") else {
                    return nil
                }
                return TagManagerReference(
                    id: tagName, location: problems.location(item.field("tagName") ?? item, itemPointer + "/tagName"))
            }
        }
        var paused = false
        if let pausedNode = node.field("paused") {
            switch pausedNode.scalarText?.lowercased() {
            case "true": paused = true
            case "false": paused = false
            default:
                problems.error(
                    pausedNode, pointer + "/paused",
                    "expected true or false for 'paused', found \(pausedNode.typeDescription)")
            }
        }
        return TagManagerTag(
            id: id, name: name, type: type, parameters: parameters, firingTriggers: references("firingTriggerId"),
            blockingTriggers: references("blockingTriggerId"), setupTags: sequence("setupTag"),
            teardownTags: sequence("teardownTag"), paused: paused,
            consent: readConsent(node, pointer: pointer, &problems),
            classification: TagClassifier.classify(
                type: type, parameters: resolved, templates: templates, containerID: containerID),
            origin: Origin(
                file: problems.file, pointer: pointer, mark: node.mark, fields: ExportProblems.fieldMarks(node)),
            resolvedParameters: resolved)
    }

    private func readConsent(_ tag: Node, pointer: String, _ problems: inout ExportProblems) -> TagConsentSettings {
        let here = pointer + "/consentSettings"
        guard let node = tag.field("consentSettings") else {
            return TagConsentSettings(status: .notSet, types: [], location: problems.location(tag, pointer))
        }
        guard node.entries != nil else {
            problems.error(node, here, "expected an object for 'consentSettings', found \(node.typeDescription)")
            return TagConsentSettings(status: .notSet, types: [], location: problems.location(node, here))
        }
        var status = TagConsentStatus.notSet
        if let text = problems.optionalString(node, "consentStatus", here) {
            if let parsed = TagConsentStatus(export: text) {
                status = parsed
            } else {
                problems.error(
                    node.field("consentStatus") ?? node, here + "/consentStatus", "unknown consentStatus '\(text)'",
                    hint: "GTM writes NOT_SET, NOT_NEEDED or NEEDED (notSet, notNeeded, needed through the API)")
            }
        }
        var types: [String] = []
        if let typeNode = node.field("consentType") {
            let parameter = readParameter(typeNode, pointer: here + "/consentType", &problems)
            types = parameter.map { $0.list.compactMap(\.value) } ?? []
        }
        return TagConsentSettings(status: status, types: types, location: problems.location(node, here))
    }

    private func readTrigger(
        _ node: Node, pointer: String, constants: inout TagManagerConstants, _ problems: inout ExportProblems
    ) -> TagManagerTrigger? {
        guard node.entries != nil else {
            problems.error(node, pointer, "expected a trigger object, found \(node.typeDescription)")
            return nil
        }
        let id = problems.requiredString(node, "triggerId", pointer, in: "trigger")
        let name = problems.requiredString(node, "name", pointer, in: "trigger")
        let type = problems.requiredString(node, "type", pointer, in: "trigger")
        guard let id, let name, let type else { return nil }
        var conditions: [TagManagerCondition] = []
        for key in ["customEventFilter", "filter", "autoEventFilter"] {
            for (index, item) in problems.list(node, key, pointer).enumerated() {
                let itemPointer = "\(pointer)/\(key)/\(index)"
                guard let operation = problems.requiredString(item, "type", itemPointer, in: "trigger condition") else {
                    continue
                }
                let parameters = readParameters(item, pointer: itemPointer, &problems)
                let left = parameters.named("arg0")?.value
                let right = parameters.named("arg1")?.value
                conditions.append(
                    TagManagerCondition(
                        type: operation.lowercased().replacingASCII("_", with: nil), left: left, right: right,
                        parameters: parameters, location: problems.location(item, itemPointer),
                        resolvedLeft: left.map { constants.resolve($0) },
                        resolvedRight: right.map { constants.resolve($0) }))
            }
        }
        let parameters = readParameters(node, pointer: pointer, &problems)
        let grouped = (parameters.named("triggerIds")?.list ?? []).compactMap { item in
            item.value.map { TagManagerReference(id: $0, location: item.location) }
        }
        return TagManagerTrigger(
            id: id, name: name, type: type.lowercased().replacingASCII("_", with: nil),
            conditions: conditions, groupedTriggers: grouped, parameters: parameters,
            origin: Origin(
                file: problems.file, pointer: pointer, mark: node.mark, fields: ExportProblems.fieldMarks(node)))
    }

    private func readVariable(_ node: Node, pointer: String, _ problems: inout ExportProblems) -> TagManagerVariable? {
        guard node.entries != nil else {
            problems.error(node, pointer, "expected a variable object, found \(node.typeDescription)")
            return nil
        }
        let id = problems.requiredString(node, "variableId", pointer, in: "variable")
        let name = problems.requiredString(node, "name", pointer, in: "variable")
        let type = problems.requiredString(node, "type", pointer, in: "variable")
        guard let id, let name, let type else { return nil }
        return TagManagerVariable(
            id: id, name: name, type: type, parameters: readParameters(node, pointer: pointer, &problems),
            origin: Origin(
                file: problems.file, pointer: pointer, mark: node.mark, fields: ExportProblems.fieldMarks(node)))
    }

    private func readTemplate(_ node: Node, pointer: String, _ problems: inout ExportProblems) -> TagManagerTemplate? {
        guard node.entries != nil else {
            problems.error(node, pointer, "expected a custom template object, found \(node.typeDescription)")
            return nil
        }
        let id = problems.requiredString(node, "templateId", pointer, in: "custom template")
        let name = problems.requiredString(node, "name", pointer, in: "custom template")
        guard let id, let name else { return nil }
        let gallery = node.field("galleryReference")
        return TagManagerTemplate(
            id: id, name: name,
            galleryOwner: gallery.flatMap { problems.optionalString($0, "owner", pointer + "/galleryReference") },
            galleryRepository: gallery.flatMap {
                problems.optionalString($0, "repository", pointer + "/galleryReference")
            },
            galleryTemplateID: gallery.flatMap {
                problems.optionalString($0, "galleryTemplateId", pointer + "/galleryReference")
            },
            origin: Origin(
                file: problems.file, pointer: pointer, mark: node.mark, fields: ExportProblems.fieldMarks(node)))
    }

    // MARK: - Parameters

    private func readParameters(
        _ node: Node, pointer: String, _ problems: inout ExportProblems
    ) -> [TagManagerParameter] {
        problems.list(node, "parameter", pointer).enumerated().compactMap { index, item in
            readParameter(item, pointer: "\(pointer)/parameter/\(index)", &problems)
        }
    }

    private func readParameter(_ node: Node, pointer: String, _ problems: inout ExportProblems) -> TagManagerParameter?
    {
        guard node.entries != nil else {
            problems.error(node, pointer, "expected a parameter object, found \(node.typeDescription)")
            return nil
        }
        let valueNode = node.field("value")
        let value: String?
        if let valueNode {
            value = valueNode.scalarText
            if value == nil {
                problems.error(
                    valueNode, pointer + "/value",
                    "expected a string for a parameter value, found \(valueNode.typeDescription)")
            }
        } else {
            value = nil
        }
        let list = problems.list(node, "list", pointer).enumerated().compactMap { index, item in
            readParameter(item, pointer: "\(pointer)/list/\(index)", &problems)
        }
        let map = problems.list(node, "map", pointer).enumerated().compactMap { index, item in
            readParameter(item, pointer: "\(pointer)/map/\(index)", &problems)
        }
        return TagManagerParameter(
            key: problems.optionalString(node, "key", pointer),
            type: (problems.optionalString(node, "type", pointer) ?? "template").lowercased(), value: value,
            list: list, map: map,
            location: problems.location(valueNode ?? node, valueNode == nil ? pointer : pointer + "/value"))
    }

    private func reportDuplicates(_ items: [(String, Origin)], _ what: String, _ problems: inout ExportProblems) {
        var seen: [String: Origin] = [:]
        for (key, origin) in items {
            if let first = seen[key] {
                problems.append([
                    Diagnostic(
                        at: origin.location, "duplicate \(what) '\(key)' in the container",
                        hint: "GTM keeps them unique; the first is at \(first.location)")
                ])
            } else {
                seen[key] = origin
            }
        }
    }
}
