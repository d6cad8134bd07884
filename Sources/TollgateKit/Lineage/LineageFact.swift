/// What the lineage knows about one kind of personal data at one system: its category and the
/// circumstances of its collection, as they stand after the hops it took.
///
/// Two arrivals with equal facts are the same for every privacy question the rules ask, so the
/// lineage keeps one of them (the first found, i.e. the shortest path) and never explores the
/// other: that is what bounds the work by the vocabularies rather than by the number of paths.
///
/// A class with value equality: the lineage keeps each distinct fact once and hands it to every
/// arrival, and copying a struct of four references for each arrival the rules walked was about
/// 1 % of a run at L.
public final class LineageFact: Sendable, Hashable {
    /// The Fides data category, as specific as the hops allow: a hop declaring `user` carries
    /// `user.health_and_medical` from upstream unchanged; a hop declaring
    /// `user.contact.email` narrows upstream `user.contact` to it.
    public let category: String
    /// The data use of the flow that collected the data (purpose limitation compares it with
    /// every later use, GDPR Art. 5(1)(b), 6(4)).
    public let collectedFor: String?
    /// The lawful basis at collection.
    public let legalBasis: LegalBasis?
    /// Where the data subjects are, as declared at collection (sorted).
    public let subjectRegions: [String]
    /// Who the data is about, as declared at collection (sorted).
    public let dataSubjects: [String]
    /// Whether a hop on the way hashed the data (hashing is never undone downstream).
    public let hashed: Bool
    /// Whether a hop on the way pseudonymised the data.
    public let pseudonymised: Bool
    /// For data collected on consent: whether a hop after collection declared that it does not
    /// pass the consent signal on (`consent_signal_propagated: false`).
    public let consentSignalLost: Bool

    public init(
        category: String, collectedFor: String?, legalBasis: LegalBasis?, subjectRegions: [String],
        dataSubjects: [String], hashed: Bool, pseudonymised: Bool, consentSignalLost: Bool
    ) {
        self.category = category
        self.collectedFor = collectedFor
        self.legalBasis = legalBasis
        self.subjectRegions = subjectRegions
        self.dataSubjects = dataSubjects
        self.hashed = hashed
        self.pseudonymised = pseudonymised
        self.consentSignalLost = consentSignalLost
    }

    public static func == (lhs: LineageFact, rhs: LineageFact) -> Bool {
        lhs === rhs
            || (lhs.category == rhs.category && lhs.collectedFor == rhs.collectedFor
                && lhs.legalBasis == rhs.legalBasis && lhs.subjectRegions == rhs.subjectRegions
                && lhs.dataSubjects == rhs.dataSubjects && lhs.hashed == rhs.hashed
                && lhs.pseudonymised == rhs.pseudonymised && lhs.consentSignalLost == rhs.consentSignalLost)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(category)
        hasher.combine(collectedFor)
        hasher.combine(legalBasis)
        hasher.combine(subjectRegions)
        hasher.combine(dataSubjects)
        hasher.combine(hashed)
        hasher.combine(pseudonymised)
        hasher.combine(consentSignalLost)
    }

    /// Whether the data was collected on consent (GDPR Art. 6(1)(a)).
    public var collectedOnConsent: Bool { legalBasis == .consent }
}
