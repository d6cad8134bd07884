/// Checks what no single file can: ids unique across files, references to declared entities,
/// taxonomy keys and country codes. A typo must fail here rather than pass a rule silently.
struct InventoryValidator {
    let taxonomy: Taxonomy

    func validate(_ inventory: Inventory) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let systemIDs = uniqueIDs(inventory.systems, kind: "system", into: &diagnostics)
        _ = uniqueIDs(inventory.flows, kind: "flow", into: &diagnostics)
        _ = uniqueIDs(inventory.accounts, kind: "account", into: &diagnostics)
        _ = uniqueIDs(inventory.apiKeys, kind: "API key", into: &diagnostics)
        let assetIDs = uniqueIDs(inventory.assets, kind: "asset", into: &diagnostics)
        _ = uniqueIDs(inventory.webProperties, kind: "web property", into: &diagnostics)
        _ = uniqueIDs(inventory.emailPrograms, kind: "e-mail program", into: &diagnostics)
        let personIDs = uniqueIDs(inventory.people, kind: "person", into: &diagnostics)

        func systemRef(_ id: String?, _ origin: Origin, _ field: String, allowSubjects: Bool = false) {
            guard let id, !id.isEmpty else { return }
            if allowSubjects && id == Flow.dataSubjectSource { return }
            if !systemIDs.contains(id) {
                let hint =
                    Suggestion.closest(to: id, in: systemIDs).map { "did you mean '\($0)'?" }
                    ?? "declare a system with `id: \(id)`"
                    + (allowSubjects ? ", or use `\(Flow.dataSubjectSource)` for collection from people" : "")
                diagnostics.append(
                    Diagnostic(at: origin.location(field), "'\(field)' refers to undeclared system '\(id)'", hint: hint)
                )
            }
        }
        func person(_ id: String?, _ origin: Origin, _ field: String) {
            // People are optional: owners are free text until a roster is declared.
            guard let id, !personIDs.isEmpty, !personIDs.contains(id) else { return }
            let hint =
                Suggestion.closest(to: id, in: personIDs).map { "did you mean '\($0)'?" } ?? "add them to `people`"
            diagnostics.append(
                Diagnostic(at: origin.location(field), "'\(field)' refers to undeclared person '\(id)'", hint: hint))
        }
        func keys(_ values: [String], _ kind: Taxonomy.Kind, _ origin: Origin, _ field: String) {
            for (index, value) in values.enumerated() {
                key(value, kind, origin, "\(field)/\(index)", name: field)
            }
        }
        // Field paths are autoclosures: built only for a diagnostic, not for each of the
        // million valid category and country values of a large stack.
        func key(
            _ value: String?, _ kind: Taxonomy.Kind, _ origin: Origin, _ fieldPath: @autoclosure () -> String,
            name: String? = nil
        ) {
            guard let value else { return }
            if let entry = taxonomy.entry(value, kind) {
                if entry.isDeprecated {
                    diagnostics.append(
                        Diagnostic(
                            .warning, at: origin.location(fieldPath()), "\(kind.rawValue) '\(value)' is deprecated",
                            hint: entry.replacedBy.map { "use '\($0)'" }))
                }
                return
            }
            let hint =
                taxonomy.suggestion(for: value, kind).map { "did you mean '\($0)'?" }
                ?? "use a Fides taxonomy key; `tollgate taxonomy` lists them"
            diagnostics.append(
                Diagnostic(
                    at: origin.location(fieldPath()), "unknown \(kind.rawValue) '\(value)' in '\(name ?? fieldPath())'", hint: hint)
            )
        }
        func countries(_ values: [String], _ origin: Origin, _ field: String, regions: Bool = false) {
            for (index, value) in values.enumerated() {
                country(value, origin, "\(field)/\(index)", regions: regions, name: field)
            }
        }
        func country(
            _ value: String?, _ origin: Origin, _ fieldPath: @autoclosure () -> String, regions: Bool = false,
            name: String? = nil
        ) {
            guard let value else { return }
            let valid = regions ? ISOCountries.isRegion(value) : ISOCountries.isCountry(value)
            if !valid {
                diagnostics.append(
                    Diagnostic(
                        at: origin.location(fieldPath()),
                        "unknown \(regions ? "region" : "country code") '\(value)' in '\(name ?? fieldPath())'",
                        hint: ISOCountries.hint(for: value, allowRegions: regions)))
            }
        }

        if let organization = inventory.organization {
            countries(organization.establishments, organization.origin, "establishments")
        }
        for system in inventory.systems {
            countries(system.processingCountries, system.origin, "processing_countries")
            countries(system.remoteAccessCountries, system.origin, "remote_access_countries")
            country(system.vendorHQCountry, system.origin, "vendor_hq_country")
            person(system.businessOwner, system.origin, "business_owner")
            for sub in system.subprocessors { country(sub.country, sub.origin, "country") }
            for declaration in system.privacyDeclarations {
                keys(declaration.dataCategories, .dataCategory, declaration.origin, "data_categories")
                key(declaration.dataUse, .dataUse, declaration.origin, "data_use")
                keys(declaration.dataSubjects, .dataSubject, declaration.origin, "data_subjects")
                for (index, id) in declaration.egress.enumerated() {
                    systemRef(id, declaration.origin, "egress/\(index)")
                }
                for (index, id) in declaration.ingress.enumerated() {
                    systemRef(id, declaration.origin, "ingress/\(index)")
                }
            }
            if let territories = system.subscription?.permittedUse {
                countries(territories.territories, territories.origin, "territories", regions: true)
            }
        }
        for flow in inventory.flows {
            systemRef(flow.from, flow.origin, "from", allowSubjects: true)
            systemRef(flow.to, flow.origin, "to")
            keys(flow.dataCategories, .dataCategory, flow.origin, "data_categories")
            key(flow.dataUse, .dataUse, flow.origin, "data_use")
            keys(flow.dataSubjects, .dataSubject, flow.origin, "data_subjects")
            countries(flow.subjectRegions, flow.origin, "subject_regions", regions: true)
            country(flow.destinationCountry, flow.origin, "destination_country")
        }
        for account in inventory.accounts {
            systemRef(account.system, account.origin, "system")
            person(account.owner, account.origin, "owner")
            country(account.usageCountry, account.origin, "usage_country")
        }
        for key in inventory.apiKeys {
            systemRef(key.system, key.origin, "system")
            person(key.owner, key.origin, "owner")
        }
        for asset in inventory.assets {
            systemRef(asset.system, asset.origin, "system")
            countries(asset.territories, asset.origin, "territories", regions: true)
            for use in asset.usedIn { country(use.country, use.origin, "country") }
        }
        for property in inventory.webProperties {
            countries(property.audienceRegions, property.origin, "audience_regions", regions: true)
            for tag in property.tags {
                systemRef(tag.system, tag.origin, "system")
                key(tag.purpose, .dataUse, tag.origin, "purpose")
                if let asset = tag.asset, !assetIDs.contains(asset) {
                    let hint =
                        Suggestion.closest(to: asset, in: assetIDs).map { "did you mean '\($0)'?" }
                        ?? "declare it under `assets`"
                    diagnostics.append(
                        Diagnostic(
                            at: tag.origin.location("asset"), "'asset' refers to undeclared asset '\(asset)'",
                            hint: hint))
                }
            }
        }
        for program in inventory.emailPrograms {
            systemRef(program.system, program.origin, "system")
            countries(program.recipientRegions, program.origin, "recipient_regions", regions: true)
            keys(program.dataSubjects, .dataSubject, program.origin, "data_subjects")
        }
        return diagnostics
    }

    /// The set of ids of `items`, reporting each repeated id at its second declaration.
    private func uniqueIDs<T: Identifiable>(
        _ items: [T], kind: String, into diagnostics: inout [Diagnostic]
    ) -> Set<String>
    where T.ID == String, T: OriginBearing {
        var ids = Set<String>(minimumCapacity: items.count)
        var duplicated = false
        for item in items where !item.id.isEmpty && !ids.insert(item.id).inserted { duplicated = true }
        guard duplicated else { return ids }
        // Rare: a second pass names each duplicate with where the id was first declared.
        var first: [String: Origin] = [:]
        for item in items where !item.id.isEmpty {
            if let previous = first[item.id] {
                diagnostics.append(
                    Diagnostic(
                        at: item.origin.location("id"), "duplicate \(kind) id '\(item.id)'",
                        hint: "ids must be unique across all files; the first is at \(previous.location("id"))"))
            } else {
                first[item.id] = item.origin
            }
        }
        return ids
    }
}

/// Entities that remember where they were declared.
public protocol OriginBearing {
    var origin: Origin { get }
}

extension Person: OriginBearing {}
extension System: OriginBearing {}
extension Flow: OriginBearing {}
extension Account: OriginBearing {}
extension APIKey: OriginBearing {}
extension Asset: OriginBearing {}
extension WebProperty: OriginBearing {}
extension EmailProgram: OriginBearing {}
