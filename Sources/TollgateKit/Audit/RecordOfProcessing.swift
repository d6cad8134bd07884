/// The record of processing activities (GDPR Art. 30(1)) generated from the declarations: one
/// entry per purpose a system declares (`privacy_declarations`), with what Art. 30(1)(a)–(g)
/// asks for and the gaps an auditor would point at. A system that moves personal data by its
/// flows but declares no purpose gets one entry built from those flows, with the gap
/// `no privacy declaration` (PRIV-010's finding), so the record shows the processing it lacks.
public struct RecordOfProcessing: Sendable {
    /// Something Art. 30(1) asks for that the declarations do not say.
    public enum Gap: String, Sendable, CaseIterable, Comparable {
        /// Art. 30(1): the system moves personal data by its flows but declares no processing
        /// activity; its entry is what the flows say.
        case undeclared = "no privacy declaration"
        /// Art. 30(1)(b): the purpose (`data_use`).
        case purpose
        /// Art. 6(1): no legal basis on the declaration nor on the flows that feed it.
        case legalBasis = "legal basis"
        /// Art. 30(1)(c): the categories of data subjects.
        case dataSubjects = "data subjects"
        /// Art. 30(1)(c): the categories of personal data.
        case dataCategories = "data categories"
        /// Art. 30(1)(d): no vendor, no egress and no onward flow for the activity's purpose, so
        /// nobody is named as recipient.
        case recipients
        /// Art. 30(1)(e): a country outside the EEA without adequacy and without a valid safeguard
        /// (none declared, `none`, or the repealed 2010 SCCs), judged per flow as PRIV-012 and
        /// PRIV-013 judge it.
        case transferSafeguards = "transfer safeguards"
        /// Art. 30(1)(f): the time limit for erasure (`retention_days`).
        case retention

        public static func < (lhs: Gap, rhs: Gap) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// One processing activity.
    public struct Entry: Sendable {
        public let systemID: String
        public let systemName: String
        /// The declaration's own name, or the purpose when it has none; `undeclared, from its
        /// flows` for the entry of a system with no privacy declaration.
        public let activity: String
        public let vendor: String?
        /// The vendor's role (controller, processor, joint controller, …).
        public let role: String?
        /// Art. 30(1)(a) "where applicable, the joint controller": the vendor of a system run as
        /// joint controllers, with the Art. 26 arrangement (`joint_controller_info`) when declared.
        public let jointController: String?
        public let purpose: String?
        /// Legal bases: the declaration's, else those of flows into the system for this purpose.
        public let legalBases: [String]
        public let dataSubjects: [String]
        public let dataCategories: [String]
        /// The vendor (as processor or controller) and the systems the data goes on to.
        public let recipients: [String]
        /// Third countries and their safeguards, e.g. `US (dpf)`, `IN (none)`.
        public let transfers: [String]
        public let retentionDays: Int?
        /// DPIA reference, when the system declares one.
        public let dpia: String?
        /// Art. 30(1)(g), "where possible": the system's declared security measures (SSO, MFA,
        /// password length, last access review, vendor attestations). Empty is not a gap.
        public let securityMeasures: [String]
        public let gaps: [Gap]
        /// Where the declaration is.
        public let location: SourceLocation
    }

    /// Art. 30(1)(a): the controller.
    public let controller: String?
    /// Art. 30(1)(a): the data protection officer's contact (`organization.dpo`).
    public let dpo: String?
    /// Art. 27: the EU representative (`organization.eu_representative`).
    public let representative: String?
    /// UK GDPR Art. 27: the UK representative (`organization.uk_representative`).
    public let ukRepresentative: String?
    /// Whether the organisation declares an establishment in the EEA: Art. 27(1) asks for an EU
    /// representative only of a controller that has none.
    public let establishedInEEA: Bool

    /// Art. 30(1)(a): the representatives, each named with its scope (`EU: …`, `UK: …`). An
    /// organisation established in the EEA that names no EU representative needs none, which
    /// is said rather than left as if it were a gap; the UK one is listed when declared.
    public var representatives: String {
        var parts = [
            "EU: "
                + (representative.nonBlank
                    ?? (establishedInEEA ? "not required (established in the EEA)" : "not declared"))
        ]
        if let uk = ukRepresentative.nonBlank { parts.append("UK: " + uk) }
        return parts.joined(separator: "; ")
    }
    public let entries: [Entry]

    /// Entries with at least one gap.
    public var entriesWithGaps: [Entry] { entries.filter { !$0.gaps.isEmpty } }

    public init(_ inventory: Inventory) {
        controller = inventory.organization?.name
        dpo = inventory.organization?.dpo
        representative = inventory.organization?.euRepresentative
        ukRepresentative = inventory.organization?.ukRepresentative
        establishedInEEA =
            inventory.organization?.establishments.contains(where: EEA.contains) ?? false
        let systems = Dictionary(inventory.systems.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Grouped once: filtering every flow for every system was quadratic in the stack's size.
        let flowsTo = Dictionary(grouping: inventory.flows, by: \.to)
        let flowsFrom = Dictionary(grouping: inventory.flows, by: \.from)
        var entries: [Entry] = []
        for system in inventory.systems.sorted(by: { $0.id < $1.id }) {
            let incoming = flowsTo[system.id] ?? []
            let outgoing = flowsFrom[system.id] ?? []
            // What every activity of the system shares, worked out once per system.
            let shared = SystemFacts(system, incoming: incoming)
            for declaration in system.privacyDeclarations {
                let purpose = declaration.dataUse.nonBlank
                var bases = declaration.legalBasis.map { [$0.rawValue] } ?? []
                if bases.isEmpty {
                    bases = Set(
                        incoming.filter { $0.dataUse == purpose }.compactMap { $0.legalBasis?.rawValue }
                    ).sorted()
                }
                let onward = Set(
                    declaration.onwardFlows(outgoing, siblings: system.privacyDeclarations).map(\.to)
                        + declaration.egress
                ).sorted()
                let recipients = shared.vendorRecipient + onward.map { systems[$0]?.name ?? $0 }
                var gaps: [Gap] = []
                if purpose == nil { gaps.append(.purpose) }
                if bases.isEmpty { gaps.append(.legalBasis) }
                if declaration.dataSubjects.isEmpty { gaps.append(.dataSubjects) }
                if declaration.dataCategories.isEmpty { gaps.append(.dataCategories) }
                if recipients.isEmpty { gaps.append(.recipients) }
                if shared.transfersUncovered { gaps.append(.transferSafeguards) }
                if declaration.retentionDays == nil { gaps.append(.retention) }
                entries.append(
                    Entry(
                        systemID: system.id, systemName: system.name,
                        activity: declaration.name ?? purpose ?? "(unnamed)", vendor: system.vendor,
                        role: system.responsibility?.rawValue, jointController: shared.jointController,
                        purpose: purpose, legalBases: bases,
                        dataSubjects: declaration.dataSubjects, dataCategories: declaration.dataCategories,
                        recipients: recipients, transfers: shared.transfers,
                        retentionDays: declaration.retentionDays, dpia: system.dpia?.ref,
                        securityMeasures: shared.securityMeasures, gaps: gaps,
                        location: declaration.origin.location))
            }
            if system.privacyDeclarations.isEmpty,
                let entry = Self.undeclaredEntry(
                    system, incoming: incoming, outgoing: outgoing, shared: shared, systems: systems)
            {
                entries.append(entry)
            }
        }
        self.entries = entries
    }

    /// What every activity of one system shares: the vendor as recipient, the third-country
    /// transfers, the joint controller and the security measures.
    private struct SystemFacts {
        /// The vendor's legal entity (else its name) in its role, when one is declared.
        let vendorRecipient: [String]
        let transfers: [String]
        let transfersUncovered: Bool
        let jointController: String?
        let securityMeasures: [String]

        init(_ system: System, incoming: [Flow]) {
            vendorRecipient =
                (system.vendorLegalEntity.nonBlank ?? system.vendor.nonBlank).map {
                    [$0 + (system.responsibility.map { " (\($0.rawValue))" } ?? "")]
                } ?? []
            let transfers = RecordOfProcessing.transfers(of: system, incoming: incoming)
            self.transfers = transfers.map(\.label)
            transfersUncovered = transfers.contains { !$0.covered }
            jointController = RecordOfProcessing.jointController(of: system)
            securityMeasures = RecordOfProcessing.securityMeasures(of: system)
        }
    }

    /// The entry of a system that declares no processing but whose flows move personal data
    /// (`user.*`): purposes, legal bases, subjects and categories as its flows declare them.
    private static func undeclaredEntry(
        _ system: System, incoming: [Flow], outgoing: [Flow], shared: SystemFacts, systems: [String: System]
    ) -> Entry? {
        func personal(_ flow: Flow) -> [String] {
            flow.dataCategories.filter { Taxonomy.matches($0, ancestor: "user") }
        }
        let personalIn = incoming.filter { !personal($0).isEmpty }
        let personalOut = outgoing.filter { !personal($0).isEmpty }
        let moving = personalIn + personalOut
        guard !moving.isEmpty else { return nil }
        func distinct(_ values: [String]) -> [String] { Set(values).sorted() }
        let purposes = distinct(moving.compactMap { $0.dataUse.nonBlank })
        let recipients = shared.vendorRecipient + distinct(personalOut.map(\.to)).map { systems[$0]?.name ?? $0 }
        // The system's own processing includes what it sends on (a form, a shop): the legal bases
        // are those of every flow moving personal data to or from it, and a purpose none of whose
        // flows declares one is a gap even when another purpose has a basis.
        let bases = distinct(moving.compactMap { $0.legalBasis?.rawValue })
        let purposesWithoutBasis = purposes.filter { purpose in
            !moving.contains { $0.dataUse.nonBlank == purpose && $0.legalBasis != nil }
        }
        let subjects = distinct(moving.flatMap(\.dataSubjects))
        var gaps: [Gap] = [.undeclared]
        if purposes.isEmpty { gaps.append(.purpose) }
        if bases.isEmpty || !purposesWithoutBasis.isEmpty { gaps.append(.legalBasis) }
        if subjects.isEmpty { gaps.append(.dataSubjects) }
        if recipients.isEmpty { gaps.append(.recipients) }
        if shared.transfersUncovered { gaps.append(.transferSafeguards) }
        gaps.append(.retention)
        return Entry(
            systemID: system.id, systemName: system.name, activity: "undeclared, from its flows", vendor: system.vendor,
            role: system.responsibility?.rawValue, jointController: shared.jointController,
            purpose: purposes.isEmpty ? nil : purposes.joined(separator: "; "),
            legalBases: bases, dataSubjects: subjects, dataCategories: distinct(moving.flatMap(personal)),
            recipients: recipients, transfers: shared.transfers,
            retentionDays: nil, dpia: system.dpia?.ref, securityMeasures: shared.securityMeasures, gaps: gaps,
            location: system.origin.location("privacy_declarations"))
    }

    /// The joint controller of a system run as joint controllers (Art. 26): its vendor, with the
    /// arrangement when declared.
    static func jointController(of system: System) -> String? {
        guard system.responsibility == .jointController else { return nil }
        let name = system.vendorLegalEntity.nonBlank ?? system.vendor.nonBlank ?? system.name
        return name + (system.jointControllerInfo.nonBlank.map { " (arrangement: \($0))" } ?? "")
    }

    /// What the system declares of its security (Art. 32(1)), in words an auditor reads.
    static func securityMeasures(of system: System) -> [String] {
        var measures: [String] = []
        if let security = system.security {
            if security.ssoEnforced == true {
                measures.append(
                    security.localLoginDisabled == true ? "SSO enforced, local login disabled" : "SSO enforced")
            }
            switch security.mfaEnforced {
            case .all?: measures.append("MFA for all users")
            case .admins?: measures.append("MFA for administrators")
            case .none?, nil: break
            }
            if let length = security.passwordPolicy?.minLength { measures.append("passwords of \(length)+ characters") }
            if let review = security.lastAccessReview { measures.append("access review \(review)") }
        }
        for evidence in system.securityEvidence where !evidence.kind.isEmpty {
            measures.append(evidence.kind + (evidence.reportDate.map { " (\($0))" } ?? ""))
        }
        return measures
    }

    /// A third country the data reaches and what covers the transfer there.
    struct Transfer {
        let country: String
        /// The safeguard as declared (`dpf`, `adequacy`, `scc_2021`, `scc_repealed`, …), or nil.
        let safeguard: String?
        /// Whether the safeguard is one: repealed SCCs (2010/87/EU) and `none` are not.
        let covered: Bool
        /// The sub-processor the data goes on to there, for an onward transfer (Art. 44).
        var subprocessor: String? = nil

        var label: String {
            "\(country)\(subprocessor.map { " via sub-processor '\($0)'" } ?? "") (\(safeguard ?? "none"))"
        }
    }

    /// Countries outside the EEA where the system's vendor processes or accesses the data, or
    /// where flows into it deliver it, each with the safeguard that covers it (or none); then
    /// the vendor's sub-processors outside the EEA, each with its own.
    ///
    /// A country that flows deliver to is judged by those flows, as PRIV-012 judges each one:
    /// the first flow without a valid safeguard decides, since one unsafeguarded transfer there
    /// is a gap whatever the others declare. A processing or remote-access country that no flow
    /// names is covered by DPF certification (US), else by the mechanism of the flows into the
    /// system (the contract with the vendor), else by adequacy.
    static func transfers(of system: System, incoming: [Flow]) -> [Transfer] {
        func code(_ country: String) -> String? {
            let code = country.uppercased() == "UK" ? "GB" : country.uppercased()
            return EEA.contains(code) || EEA.coversRegion(code) ? nil : code
        }
        // `certified`: the recipient's DPF certification, declared for the vendor only.
        func assess(_ code: String, _ mechanism: TransferMechanismType?, certified: Bool) -> Transfer {
            // The US decision covers only DPF-certified recipients: that is `dpf`, not adequacy.
            if code == "US", certified {
                return Transfer(country: code, safeguard: "dpf", covered: true)
            }
            if let mechanism, mechanism != .none, mechanism != .sccRepealed {
                return Transfer(country: code, safeguard: mechanism.rawValue, covered: true)
            }
            if AdequacyDecisions.decision(for: code).map({ !$0.requiresDPF }) ?? false {
                return Transfer(country: code, safeguard: "adequacy", covered: true)
            }
            return Transfer(
                country: code, safeguard: mechanism == .sccRepealed ? mechanism?.rawValue : nil, covered: false)
        }
        let vendorCertified = system.dpf?.certified == true
        var countries: [String: Transfer] = [:]
        for flow in incoming {
            guard let country = flow.destinationCountry, let code = code(country) else { continue }
            if let existing = countries[code], !existing.covered { continue }
            let transfer = assess(code, flow.transferMechanism?.type, certified: vendorCertified)
            if countries[code] == nil || !transfer.covered { countries[code] = transfer }
        }
        let vendorMechanism = incoming.compactMap { $0.transferMechanism?.type }.first { $0 != .none }
        for country in system.processingCountries + system.remoteAccessCountries {
            guard let code = code(country), countries[code] == nil else { continue }
            countries[code] = assess(code, vendorMechanism, certified: vendorCertified)
        }
        var transfers = countries.keys.sorted().map { countries[$0]! }
        // Onward transfers to the vendor's sub-processors, judged as PRIV-012 judges them: by
        // their own mechanism, else adequacy (a sub-processor's DPF certification is not declared).
        for sub in system.subprocessors {
            guard let country = sub.country, let code = code(country) else { continue }
            var transfer = assess(code, sub.transferMechanism?.type, certified: false)
            transfer.subprocessor = sub.name
            transfers.append(transfer)
        }
        return transfers
    }

    /// The record as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
    /// hold a comma, quote, CR or LF, quotes doubled). Lists inside a field are `; `-separated.
    /// Every row starts with the controller, the DPO's contact and the representatives, as
    /// Art. 30(1)(a) asks.
    public func csv() -> String {
        var lines: [[String]] = [
            [
                "controller", "dpo", "representatives", "system_id", "system", "activity", "vendor", "vendor_role",
                "joint_controller",
                "purpose",
                "legal_basis",
                "data_subjects", "data_categories", "recipients", "third_country_transfers", "retention_days", "dpia",
                "security_measures",
                "gaps", "declared_at",
            ]
        ]
        for entry in entries {
            lines.append([
                controller ?? "", dpo ?? "", representatives, entry.systemID, entry.systemName, entry.activity,
                entry.vendor ?? "",
                entry.role ?? "", entry.jointController ?? "",
                entry.purpose ?? "", entry.legalBases.joined(separator: "; "),
                entry.dataSubjects.joined(separator: "; "),
                entry.dataCategories.joined(separator: "; "), entry.recipients.joined(separator: "; "),
                entry.transfers.joined(separator: "; "), entry.retentionDays.map(String.init) ?? "", entry.dpia ?? "",
                entry.securityMeasures.joined(separator: "; "),
                entry.gaps.map(\.rawValue).joined(separator: "; "), entry.location.description,
            ])
        }
        return lines.map { $0.map(Self.csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One RFC 4180 field. A leading `=`, `+`, `-` or `@` is prefixed with `'` so that a
    /// spreadsheet opening the export never runs a declaration's text as a formula.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
