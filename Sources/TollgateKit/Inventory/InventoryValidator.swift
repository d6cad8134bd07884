/// Checks what no single file can: ids unique across files, references to declared entities,
/// taxonomy keys and country codes. A typo must fail here rather than pass a rule silently.
struct InventoryValidator {
    let taxonomy: Taxonomy
    /// Input files that could not be read (a syntax error, an unreadable file): what they
    /// declare is unknown, so a reference to an id not found elsewhere may be declared there.
    var unreadableFiles: [String] = []

    /// Every problem, in a fixed order: duplicate ids, then the organisation and systems,
    /// flows, accounts, API keys, assets, web properties and e-mail programmes. The sections
    /// after the ids only read the inventory and the declared ids, so they run on all cores (at
    /// 100,000 flows and 200,000 accounts this was half a second on one); `parallel: false`
    /// gives the same diagnostics in the same order.
    func validate(_ inventory: Inventory, parallel: Bool = true) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let systemIDs = uniqueIDs(inventory.systems, kind: "system", into: &diagnostics)
        _ = uniqueIDs(inventory.flows, kind: "flow", into: &diagnostics)
        _ = uniqueIDs(inventory.accounts, kind: "account", into: &diagnostics)
        _ = uniqueIDs(inventory.apiKeys, kind: "API key", into: &diagnostics)
        let assetIDs = uniqueIDs(inventory.assets, kind: "asset", into: &diagnostics)
        _ = uniqueIDs(inventory.webProperties, kind: "web property", into: &diagnostics)
        _ = uniqueIDs(inventory.emailPrograms, kind: "e-mail program", into: &diagnostics)
        let personIDs = uniqueIDs(inventory.people, kind: "person", into: &diagnostics)
        let declared = Declared(
            taxonomy: taxonomy, systemIDs: systemIDs, assetIDs: assetIDs, personIDs: personIDs,
            unreadable: Self.unreadableNote(unreadableFiles))
        let sections: [@Sendable (inout Checks) -> Void] = [
            { checks in
                if let organization = inventory.organization {
                    checks.countries(organization.establishments, organization.origin, "establishments")
                }
                for system in inventory.systems { checks.system(system) }
            },
            { checks in for flow in inventory.flows { checks.flow(flow) } },
            { checks in
                for account in inventory.accounts {
                    checks.systemRef(account.system, account.origin, "system")
                    checks.person(account.owner, account.origin, "owner")
                    // ACC-011 looks holders up among people: an unknown one would be "not left".
                    for (index, holder) in account.holders.enumerated() {
                        checks.person(holder, account.origin, "holders/\(index)")
                    }
                    checks.country(account.usageCountry, account.origin, "usage_country")
                }
            },
            { checks in
                for key in inventory.apiKeys {
                    checks.systemRef(key.system, key.origin, "system")
                    checks.person(key.owner, key.origin, "owner")
                }
            },
            { checks in
                for asset in inventory.assets {
                    checks.systemRef(asset.system, asset.origin, "system")
                    checks.countries(asset.territories, asset.origin, "territories", regions: true)
                    for use in asset.usedIn { checks.country(use.country, use.origin, "country") }
                }
            },
            { checks in for property in inventory.webProperties { checks.webProperty(property) } },
            { checks in
                for program in inventory.emailPrograms {
                    checks.systemRef(program.system, program.origin, "system")
                    checks.countries(program.recipientRegions, program.origin, "recipient_regions", regions: true)
                    checks.keys(program.dataSubjects, .dataSubject, program.origin, "data_subjects")
                }
            },
        ]
        for found in sections.concurrentMap(
            parallel: parallel,
            { section in
                var checks = Checks(declared: declared)
                section(&checks)
                return checks.diagnostics
            })
        {
            diagnostics += found
        }
        return diagnostics
    }

    /// What references are checked against: the declared ids and the taxonomy.
    private struct Declared: Sendable {
        let taxonomy: Taxonomy
        let systemIDs: Set<String>
        let assetIDs: Set<String>
        let personIDs: Set<String>
        /// Set when some input file could not be read: then an id that is not found may be
        /// declared there, and a reference to it is not called undeclared.
        let unreadable: String?
    }

    /// "a.yaml could not be read, fix it first", naming at most three of the files.
    static func unreadableNote(_ files: [String]) -> String? {
        guard !files.isEmpty else { return nil }
        let shown = files.prefix(3).joined(separator: ", ")
        let more = files.count > 3 ? " and \(files.count - 3) more" : ""
        return "\(shown)\(more) could not be read, fix \(files.count == 1 ? "it" : "them") first"
    }

    /// The checks of one section, collecting its diagnostics.
    private struct Checks {
        let declared: Declared
        var diagnostics: [Diagnostic] = []
        /// "Did you mean" among each kind of declared id, prepared at the first unknown
        /// reference and kept for the rest of the section.
        private var systemSuggestions: SuggestionIndex?
        private var assetSuggestions: SuggestionIndex?
        private var personSuggestions: SuggestionIndex?
        private var keySuggestions: [Taxonomy.Kind: TaxonomySuggestions] = [:]

        init(declared: Declared) { self.declared = declared }

        private static func closest(to id: String, in index: inout SuggestionIndex?, of ids: Set<String>) -> String? {
            if index == nil { index = SuggestionIndex(ids) }
            return index?.closest(to: id) ?? nil
        }

        mutating func system(_ system: System) {
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

        mutating func flow(_ flow: Flow) {
            systemRef(flow.from, flow.origin, "from", allowSubjects: true)
            systemRef(flow.to, flow.origin, "to")
            keys(flow.dataCategories, .dataCategory, flow.origin, "data_categories")
            key(flow.dataUse, .dataUse, flow.origin, "data_use")
            keys(flow.dataSubjects, .dataSubject, flow.origin, "data_subjects")
            countries(flow.subjectRegions, flow.origin, "subject_regions", regions: true)
            country(flow.destinationCountry, flow.origin, "destination_country")
        }

        mutating func webProperty(_ property: WebProperty) {
            countries(property.audienceRegions, property.origin, "audience_regions", regions: true)
            for tag in property.tags {
                systemRef(tag.system, tag.origin, "system")
                key(tag.purpose, .dataUse, tag.origin, "purpose")
                if let asset = tag.asset, !declared.assetIDs.contains(asset) {
                    if reportsControlCharacters(asset, tag.origin, "asset") { continue }
                    let near = Self.closest(to: asset, in: &assetSuggestions, of: declared.assetIDs)
                    undeclared(
                        "asset", asset, tag.origin, "asset", near: near, otherwise: "declare it under `assets`")
                }
            }
        }

        mutating func systemRef(
            _ id: String?, _ origin: @autoclosure () -> Origin, _ field: String, allowSubjects: Bool = false
        ) {
            guard let id, !id.isEmpty else { return }
            if allowSubjects && id == Flow.dataSubjectSource { return }
            if !declared.systemIDs.contains(id) {
                if reportsControlCharacters(id, origin(), field) { return }
                // `data_subject` where only systems may stand (`to`, `egress`, `ingress`, …): the
                // user means people, so declaring a system of that name would be the wrong fix.
                if id == Flow.dataSubjectSource {
                    diagnostics.append(
                        Diagnostic(
                            at: origin().location(field), "'\(field)' refers to undeclared system '\(id)'",
                            hint: "`\(id)` stands for people, not a system: declare collection from people as a flow "
                                + "with `from: \(id)`, and name only declared systems in '\(field)'"))
                    return
                }
                let near = Self.closest(to: id, in: &systemSuggestions, of: declared.systemIDs)
                undeclared(
                    "system", id, origin(), field, near: near,
                    otherwise: "declare a system with `id: \(Suggestion.shown(id))`"
                        + (allowSubjects ? ", or use `\(Flow.dataSubjectSource)` for collection from people" : ""),
                    alternative: allowSubjects ? "for collection from people, use `\(Flow.dataSubjectSource)`" : nil)
            }
        }

        /// Reports a reference to an id of `kind` that no file read declares: "did you mean"
        /// the `near` one, else `otherwise`. When a file could not be read, the id may be
        /// declared there, so it is only "not found", and the hint says to fix that file first,
        /// then gives the near one, else `alternative`: a fix that does not depend on what the
        /// unreadable file declares (`from: data_subject` for a flow's source), which `otherwise`
        /// offers when every file was read.
        private mutating func undeclared(
            _ kind: String, _ id: String, _ origin: @autoclosure () -> Origin, _ field: String, near: String?,
            otherwise: String, alternative: String? = nil
        ) {
            let suggestion = near.map { "did you mean '\($0)'?" }
            let message: String
            let hint: String
            if let unreadable = declared.unreadable {
                message = "'\(field)' refers to \(kind) '\(Suggestion.shown(id))', which was not found"
                hint = unreadable + ((suggestion ?? alternative).map { "; " + $0 } ?? "")
            } else {
                message = "'\(field)' refers to undeclared \(kind) '\(Suggestion.shown(id))'"
                hint = suggestion ?? otherwise
            }
            diagnostics.append(Diagnostic(at: origin().location(field), message, hint: hint))
        }

        mutating func person(_ id: String?, _ origin: @autoclosure () -> Origin, _ field: String) {
            // People are optional: owners are free text until a roster is declared.
            guard let id, !declared.personIDs.contains(id), !reportsControlCharacters(id, origin(), field) else {
                return
            }
            guard !declared.personIDs.isEmpty else { return }
            let near = Self.closest(to: id, in: &personSuggestions, of: declared.personIDs)
            undeclared("person", id, origin(), field, near: near, otherwise: "add them to `people`")
        }

        /// Whether a reference that names nothing declared holds a control character, said at
        /// `field` if so: then no "did you mean" follows, whose message would quote it again.
        mutating func reportsControlCharacters(
            _ id: String, _ origin: @autoclosure () -> Origin, _ field: String
        ) -> Bool {
            guard ControlCharacters.contains(id) else { return false }
            diagnostics.append(
                InventoryValidator.controlCharacters(in: id, kind: "'\(field)'", at: origin().location(field)))
            return true
        }

        mutating func keys(
            _ values: [String], _ kind: Taxonomy.Kind, _ origin: @autoclosure () -> Origin, _ field: String
        ) {
            for (index, value) in values.enumerated() {
                key(value, kind, origin(), "\(field)/\(index)", name: field)
            }
        }

        // Field paths and origins are autoclosures: built or copied (an origin holds five
        // references) only for a diagnostic, not for each of the million valid references,
        // category and country values of a large stack.
        mutating func key(
            _ value: String?, _ kind: Taxonomy.Kind, _ origin: @autoclosure () -> Origin,
            _ fieldPath: @autoclosure () -> String,
            name: String? = nil
        ) {
            guard let value else { return }
            if let entry = declared.taxonomy.entry(value, kind) {
                if entry.isDeprecated {
                    diagnostics.append(
                        Diagnostic(
                            .warning, at: origin().location(fieldPath()), "\(kind.rawValue) '\(value)' is deprecated",
                            hint: entry.replacedBy.map { "use '\($0)'" }))
                }
                return
            }
            if keySuggestions[kind] == nil {
                keySuggestions[kind] = declared.taxonomy.suggestionPrototypes.fresh(kind, of: declared.taxonomy)
            }
            let hint = declared.taxonomy.hint(forUnknown: value, kind, suggestions: &keySuggestions[kind]!)
            diagnostics.append(
                Diagnostic(
                    at: origin().location(fieldPath()),
                    "unknown \(kind.rawValue) '\(Suggestion.shown(value))' in '\(name ?? fieldPath())'",
                    hint: hint))
        }

        mutating func countries(
            _ values: [String], _ origin: @autoclosure () -> Origin, _ field: String, regions: Bool = false
        ) {
            for (index, value) in values.enumerated() {
                country(value, origin(), "\(field)/\(index)", regions: regions, name: field)
            }
        }

        mutating func country(
            _ value: String?, _ origin: @autoclosure () -> Origin, _ fieldPath: @autoclosure () -> String,
            regions: Bool = false,
            name: String? = nil
        ) {
            guard let value else { return }
            let valid = regions ? ISOCountries.isRegion(value) : ISOCountries.isCountry(value)
            if !valid {
                diagnostics.append(
                    Diagnostic(
                        at: origin().location(fieldPath()),
                        "unknown \(regions ? "region" : "country code") '\(Suggestion.shown(value))' in '\(name ?? fieldPath())'",
                        hint: ISOCountries.hint(for: value, allowRegions: regions)))
            }
        }
    }

    /// An id, or a reference to one, that holds a control character (a line break, an escape,
    /// U+2028…): ids are printed in every report and log, where such a character could start a
    /// line of its own (a forged CI command) or drive the terminal.
    static func controlCharacters(in id: String, kind: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            at: location, "\(kind) '\(ControlCharacters.escaped(id))' contains a control character",
            hint: "ids must not contain line breaks, tabs, escapes or other control characters")
    }

    private func uniqueIDs<T: Identifiable>(
        _ items: [T], kind: String, into diagnostics: inout [Diagnostic]
    ) -> Set<String>
    where T.ID == String, T: OriginBearing {
        var ids = Set<String>(minimumCapacity: items.count)
        var duplicated = false
        for item in items where !item.id.isEmpty {
            if !ids.insert(item.id).inserted { duplicated = true }
            if ControlCharacters.contains(item.id) {
                diagnostics.append(
                    Self.controlCharacters(in: item.id, kind: "\(kind) id", at: item.origin.location("id")))
            }
        }
        guard duplicated else { return ids }
        // Rare: a second pass names each duplicate with where the id was first declared.
        var first: [String: Origin] = [:]
        for item in items where !item.id.isEmpty {
            if let previous = first[item.id] {
                diagnostics.append(
                    Diagnostic(
                        at: item.origin.location("id"),
                        "duplicate \(kind) id '\(ControlCharacters.escaped(item.id))'",
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
