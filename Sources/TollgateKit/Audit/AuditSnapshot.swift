/// What one audit found, reduced to the facts that are compared between audits: systems,
/// flows, categories sent to third parties, seats and findings. The history database stores
/// these; `AuditDiff` compares two of them.
public struct AuditSnapshot: Sendable, Hashable, Codable {
    /// A declared system.
    public struct SystemEntry: Sendable, Hashable, Codable, Comparable {
        public let id: String
        public let name: String
        public let vendor: String?
        public let responsibility: String?

        public init(id: String, name: String, vendor: String?, responsibility: String?) {
            self.id = id
            self.name = name
            self.vendor = vendor
            self.responsibility = responsibility
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.id < rhs.id }
    }

    /// A declared flow, with what a reviewer compares across quarters.
    public struct FlowEntry: Sendable, Hashable, Codable, Comparable {
        public let id: String
        public let from: String
        public let to: String
        /// Sorted.
        public let categories: [String]
        public let dataUse: String?
        public let legalBasis: String?
        /// Whether the recipient is a third party: a third-party or joint controller, or the
        /// flow is a CCPA sale or share.
        public let toThirdParty: Bool

        public init(
            id: String, from: String, to: String, categories: [String], dataUse: String?, legalBasis: String?,
            toThirdParty: Bool
        ) {
            self.id = id
            self.from = from
            self.to = to
            self.categories = categories.sorted()
            self.dataUse = dataUse
            self.legalBasis = legalBasis
            self.toThirdParty = toThirdParty
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.id < rhs.id }
    }

    /// Seats of a system's subscription.
    public struct SeatEntry: Sendable, Hashable, Codable, Comparable {
        public let system: String
        public let purchased: Int?
        public let assigned: Int?

        public init(system: String, purchased: Int?, assigned: Int?) {
            self.system = system
            self.purchased = purchased
            self.assigned = assigned
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.system < rhs.system }
    }

    /// A finding, by its stable fingerprint.
    public struct FindingEntry: Sendable, Hashable, Codable, Comparable {
        public let fingerprint: String
        public let ruleID: String
        public let subject: String
        public let severity: String
        /// `open`, `waived` or `baselined`.
        public let status: String
        public let message: String
        /// The ticket of the waiver in force, when waived.
        public let waiverTicket: String?

        public init(
            fingerprint: String, ruleID: String, subject: String, severity: String, status: String, message: String,
            waiverTicket: String?
        ) {
            self.fingerprint = fingerprint
            self.ruleID = ruleID
            self.subject = subject
            self.severity = severity
            self.status = status
            self.message = message
            self.waiverTicket = waiverTicket
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.ruleID, lhs.subject, lhs.fingerprint) < (rhs.ruleID, rhs.subject, rhs.fingerprint)
        }
    }

    /// A data category reaching a third party.
    public struct ThirdPartyCategory: Sendable, Hashable, Comparable, CustomStringConvertible {
        public let recipient: String
        public let category: String

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.recipient, lhs.category) < (rhs.recipient, rhs.category)
        }
        public var description: String { "\(category) -> \(recipient)" }
    }

    public let asOf: String
    public let toolVersion: String
    public let systems: [SystemEntry]
    public let flows: [FlowEntry]
    public let seats: [SeatEntry]
    public let findings: [FindingEntry]
    /// The ids of the rules that ran, sorted; nil for an audit recorded before the history kept
    /// them. A finding is fixed or new only where its rule ran in both audits compared.
    public let rules: [String]?

    public init(
        asOf: String, toolVersion: String, systems: [SystemEntry], flows: [FlowEntry], seats: [SeatEntry],
        findings: [FindingEntry], rules: [String]?
    ) {
        self.asOf = asOf
        self.toolVersion = toolVersion
        self.systems = systems.sorted()
        self.flows = flows.sorted()
        self.seats = seats.sorted()
        self.findings = findings.sorted()
        self.rules = rules.map { Array(Set($0)).sorted() }
    }

    /// The snapshot of a checked report (its inventory gives systems, flows and seats).
    public init(_ report: Report) {
        let inventory = report.inventory ?? Inventory()
        let responsibility = Dictionary(
            inventory.systems.map { ($0.id, $0.responsibility) }, uniquingKeysWith: { first, _ in first })
        self.init(
            asOf: report.asOf.description, toolVersion: report.toolVersion,
            systems: inventory.systems.map {
                SystemEntry(id: $0.id, name: $0.name, vendor: $0.vendor, responsibility: $0.responsibility?.rawValue)
            },
            flows: inventory.flows.map { flow in
                let role = responsibility[flow.to] ?? nil
                return FlowEntry(
                    id: flow.id, from: flow.from, to: flow.to, categories: flow.dataCategories, dataUse: flow.dataUse,
                    legalBasis: flow.legalBasis?.rawValue,
                    toThirdParty: role == .thirdPartyController || role == .jointController || flow.ccpaSale
                        || flow.ccpaShare)
            },
            seats: inventory.systems.compactMap { system in
                guard let subscription = system.subscription,
                    subscription.seatsPurchased != nil || subscription.seatsAssigned != nil
                else { return nil }
                return SeatEntry(
                    system: system.id, purchased: subscription.seatsPurchased, assigned: subscription.seatsAssigned)
            },
            findings: report.findings.map { finding in
                FindingEntry(
                    fingerprint: finding.fingerprint, ruleID: finding.ruleID, subject: finding.subject.description,
                    severity: finding.severity.rawValue, status: finding.status.rawValue, message: finding.message,
                    waiverTicket: finding.status == .waived ? finding.waiver?.waiver.ticket : nil)
            },
            rules: report.results.map(\.rule.id))
    }

    /// Every (recipient, category) pair that reaches a third party.
    public var thirdPartyCategories: Set<ThirdPartyCategory> {
        Set(
            flows.filter(\.toThirdParty).flatMap { flow in
                flow.categories.map { ThirdPartyCategory(recipient: flow.to, category: $0) }
            })
    }
}
