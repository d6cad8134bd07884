/// An IAB TCF Global Vendor List (`vendor-list.json`, GVL specification v3 as used by TCF v2.2
/// and v2.3): which vendors are registered and, for each, the purposes it may process on
/// consent or on legitimate interest.
///
/// Imported from a file the organisation keeps (Tollgate never downloads it), so that declared
/// TCF registrations can be checked against the list in force.
public struct TCFVendorList: Sendable {
    public let gvlSpecificationVersion: Int?
    public let vendorListVersion: Int?
    /// 4 for TCF v2.2, 5 for v2.3.
    public let tcfPolicyVersion: Int?
    public let lastUpdated: String?
    /// Purpose names by id, as the list gives them.
    public let purposes: [Int: String]
    public let specialPurposes: [Int: String]
    public let features: [Int: String]
    public let specialFeatures: [Int: String]
    public let vendors: [Int: TCFVendorListEntry]
    public let origin: Origin

    public init(
        gvlSpecificationVersion: Int?, vendorListVersion: Int?, tcfPolicyVersion: Int?, lastUpdated: String?,
        purposes: [Int: String], specialPurposes: [Int: String], features: [Int: String],
        specialFeatures: [Int: String], vendors: [Int: TCFVendorListEntry], origin: Origin
    ) {
        self.gvlSpecificationVersion = gvlSpecificationVersion
        self.vendorListVersion = vendorListVersion
        self.tcfPolicyVersion = tcfPolicyVersion
        self.lastUpdated = lastUpdated
        self.purposes = purposes
        self.specialPurposes = specialPurposes
        self.features = features
        self.specialFeatures = specialFeatures
        self.vendors = vendors
        self.origin = origin
    }

    /// A short name for messages: `GVL v123 (policy 4)`.
    public var displayName: String {
        "GVL " + (vendorListVersion.map { "v\($0)" } ?? "(unversioned)")
            + (tcfPolicyVersion.map { " (policy \($0))" } ?? "")
    }
}

/// One vendor of the Global Vendor List.
public struct TCFVendorListEntry: Sendable {
    public let id: Int
    public let name: String
    /// Purposes processed on consent.
    public let purposes: [Int]
    /// Purposes processed on legitimate interest.
    public let legIntPurposes: [Int]
    /// Purposes whose legal basis the publisher may switch between consent and LI.
    public let flexiblePurposes: [Int]
    public let specialPurposes: [Int]
    public let features: [Int]
    public let specialFeatures: [Int]
    /// Set when the vendor left the framework (`deletedDate`); the entry stays in the list.
    public let deletedDate: String?
    public let origin: Origin

    public init(
        id: Int, name: String, purposes: [Int], legIntPurposes: [Int], flexiblePurposes: [Int],
        specialPurposes: [Int], features: [Int], specialFeatures: [Int], deletedDate: String?, origin: Origin
    ) {
        self.id = id
        self.name = name
        self.purposes = purposes
        self.legIntPurposes = legIntPurposes
        self.flexiblePurposes = flexiblePurposes
        self.specialPurposes = specialPurposes
        self.features = features
        self.specialFeatures = specialFeatures
        self.deletedDate = deletedDate
        self.origin = origin
    }
}
