/// A commercial e-mail (or SMS) programme and the facts CAN-SPAM, CASL and ePrivacy ask about.
public struct EmailProgram: DeclarationDecodable, Identifiable {
    public let id: String
    public let system: String
    public let name: String?
    public let recipientRegions: [String]
    public let dataSubjects: [String]
    public let consentBasis: EmailConsentBasis?
    public let consentObtainedOn: Day?
    public let lastPurchaseOrContract: Day?
    public let lastInquiry: Day?
    /// The date the programme sends (CASL implied-consent windows count back from it);
    /// defaults to the `--as-of` date.
    public let sendDate: Day?
    public let physicalPostalAddress: Bool?
    public let unsubscribeLink: Bool?
    public let unsubscribeValidDays: Int?
    public let unsubscribeProcessingBusinessDays: Int?
    public let adIdentification: Bool?
    public let senderIdentification: Bool?
    public let affirmativeConsent: Bool?
    public let consentRecordsKept: Bool?
    public let optOutAtCollection: Bool?
    public let optOutInEachMessage: Bool?
    /// A recorded opt-out (e.g. of a seed address): when it was requested and when it took
    /// effect, so deadlines in business days can be checked (CAN-SPAM §7704(a)(4), CASL s. 11(3)).
    public let optOutTest: OptOutTest?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        id = r.string("id", required: true) ?? ""
        system = r.string("system", required: true) ?? ""
        name = r.string("name")
        recipientRegions = r.strings("recipient_regions")
        dataSubjects = r.strings("data_subjects")
        consentBasis = r.enumValue("consent_basis")
        consentObtainedOn = r.day("consent_obtained_on")
        lastPurchaseOrContract = r.day("last_purchase_or_contract")
        lastInquiry = r.day("last_inquiry")
        sendDate = r.day("send_date")
        physicalPostalAddress = r.bool("physical_postal_address")
        unsubscribeLink = r.bool("unsubscribe_link")
        unsubscribeValidDays = r.int("unsubscribe_valid_days")
        unsubscribeProcessingBusinessDays = r.int("unsubscribe_processing_business_days")
        adIdentification = r.bool("ad_identification")
        senderIdentification = r.bool("sender_identification")
        affirmativeConsent = r.bool("affirmative_consent")
        consentRecordsKept = r.bool("consent_records_kept")
        optOutAtCollection = r.bool("opt_out_at_collection")
        optOutInEachMessage = r.bool("opt_out_in_each_message")
        optOutTest = r.object("opt_out_test")
        origin = r.origin
    }
}

/// One opt-out request and the day it took effect.
public struct OptOutTest: DeclarationDecodable {
    public let requestedOn: Day?
    public let honouredOn: Day?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        requestedOn = r.day("requested_on", required: true)
        honouredOn = r.day("honoured_on")
        origin = r.origin
    }
}
