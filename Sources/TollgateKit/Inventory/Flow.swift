/// One edge of the data-flow graph: data of some categories moving from one system to another
/// for one purpose.
/// A class, not a struct: rules and indexes pass these around by the hundred thousand, and copying
/// a struct of thirty fields retains every one of them (measured: 15% of an L run in swift_retain).
public final class Flow: DeclarationDecodable, Identifiable {
    public let id: String
    public let description: String?
    /// Source system id, or `data_subject` for collection from people (forms, tags).
    public let from: String
    /// Destination system id.
    public let to: String
    public let dataCategories: [String]
    public let dataSubjects: [String]
    public let dataUse: String?
    public let legalBasis: LegalBasis?
    public let specialCategoryLegalBasis: SpecialCategoryBasis?
    /// Where the data subjects are: `EEA`, `UK`, `CH`, `US`, `US-CA`, ISO codes.
    public let subjectRegions: [String]
    /// Where the recipient processes the data (ISO 3166-1 alpha-2); defaults to the destination
    /// system's processing countries.
    public let destinationCountry: String?
    public let transferMechanism: TransferMechanism?
    public let frequency: FlowFrequency?
    public let volumeSubjects: Int?
    public let pseudonymised: Bool
    public let hashed: Bool
    public let encryptedInTransit: Bool?
    public let consentSignalPropagated: Bool?
    public let ccpaSale: Bool
    public let ccpaShare: Bool
    /// Opt-in authorisation recorded for minors' data (CCPA §1798.120(c)).
    public let minorsOptIn: Bool?
    public let retentionDaysAtDestination: Int?
    public let suppressionSynced: Bool?
    /// Age of the youngest data subjects on this flow, when children are among them (GDPR Art. 8).
    public let youngestSubjectAge: Int?
    /// Whether consent for subjects under the age of digital consent is given or authorised by
    /// the holder of parental responsibility (GDPR Art. 8(1)).
    public let parentalConsent: Bool?
    /// The day this processing began: CPPA risk assessments are due before new processing, and
    /// by 2027-12-31 for processing begun before 2026.
    public let processingStarted: Day?
    public let origin: Origin

    /// The pseudo-system that stands for the people data is collected from.
    public static let dataSubjectSource = "data_subject"

    public init(reading r: inout FieldReader) {
        id = r.string("id", required: true) ?? ""
        description = r.string("description")
        from = r.string("from", required: true) ?? ""
        to = r.string("to", required: true) ?? ""
        dataCategories = r.strings("data_categories")
        dataSubjects = r.strings("data_subjects")
        dataUse = r.string("data_use")
        legalBasis = r.enumValue("legal_basis")
        specialCategoryLegalBasis = r.enumValue("special_category_legal_basis")
        subjectRegions = r.strings("subject_regions")
        destinationCountry = r.string("destination_country")
        transferMechanism = r.object("transfer_mechanism")
        frequency = r.enumValue("frequency")
        volumeSubjects = r.int("volume_subjects")
        pseudonymised = r.bool("pseudonymised") ?? false
        hashed = r.bool("hashed") ?? false
        encryptedInTransit = r.bool("encrypted_in_transit")
        consentSignalPropagated = r.bool("consent_signal_propagated")
        ccpaSale = r.bool("ccpa_sale") ?? false
        ccpaShare = r.bool("ccpa_share") ?? false
        minorsOptIn = r.bool("minors_opt_in")
        retentionDaysAtDestination = r.int("retention_days_at_destination")
        suppressionSynced = r.bool("suppression_synced")
        youngestSubjectAge = r.int("youngest_subject_age")
        parentalConsent = r.bool("parental_consent")
        processingStarted = r.day("processing_started")
        origin = r.origin
        // Required: a flow with no categories would escape every category-based rule. A null
        // value counts as absent (declarations.md, Value types); `[]` declares nothing either.
        switch r.written("data_categories") {
        case .absent:
            r.report(
                "flow '\(id)' declares no data_categories", hint: "list the data categories that move along this flow")
        case .null:
            r.report(
                "flow '\(id)' declares no data_categories", at: "data_categories",
                hint: "a null value counts as absent; list the data categories that move along this flow")
        case .emptyList:
            r.report(
                "flow '\(id)' declares no data_categories (the list is empty)", at: "data_categories",
                hint: "data_categories is required; list at least one data category that moves along this flow")
        case .value:
            break
        }
        if from == to, !from.isEmpty {
            r.report(
                "flow '\(id)' goes from '\(from)' to itself", at: "to", hint: "a flow connects two different systems")
        }
    }
}

/// The legal tool a third-country transfer relies on.
/// A class, like the entities: rules walk these for every system, flow or asset, and each
/// copy of a struct retained all its fields (see docs/performance.md, eighteenth round).
public final class TransferMechanism: DeclarationDecodable {
    public let type: TransferMechanismType?
    /// SCC module 1–4 (2021/914): C→C, C→P, P→P, P→C.
    public let sccModule: Int?
    /// The Commission decision the clauses come from, e.g. `2021/914`.
    public let decisionRef: String?
    /// The Art. 49(1) ground, e.g. `explicit_consent`, `contract_performance`.
    public let art49Ground: String?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        type = r.enumValue("type", required: true)
        sccModule = r.int("scc_module", minimum: 1)
        decisionRef = r.string("decision_ref")
        art49Ground = r.string("art49_ground")
        origin = r.origin
        if let sccModule, sccModule > 4 {
            r.report("scc_module must be 1, 2, 3 or 4, found \(sccModule)", at: "scc_module")
        }
    }
}
