/// Everything an organisation declares about its marketing stack, merged from one or more files.
///
/// Built only by `InventoryLoader` (or importers), after validation: ids are unique per kind
/// and every reference points at a declared entity, so rules can look things up without
/// defending against dangling ids.
public struct Inventory: Sendable {
    public var organization: Organization?
    public var people: [Person]
    public var systems: [System]
    public var flows: [Flow]
    public var accounts: [Account]
    public var apiKeys: [APIKey]
    public var assets: [Asset]
    public var webProperties: [WebProperty]
    public var emailPrograms: [EmailProgram]
    /// Tag-manager configurations imported from the tools' exports (GTM containers).
    public var tagManagerContainers: [TagManagerContainer]
    /// IAB TCF Global Vendor Lists imported to check declared TCF registrations against.
    public var tcfVendorLists: [TCFVendorList]
    /// Software bills of materials imported (their components are in `assets`).
    public var sboms: [SBOMDocument]
    /// The files the inventory was read from, in the order they were read.
    public var sourceFiles: [String]
    /// Each file read (by its path as read) under the name findings about the file itself use
    /// (`InputFileNames`): relative to the directory checked, the same however it was spelled.
    public var fileNames: [String: String] = [:]
    /// Credentials found in plain text in any input file (`SecretScanner`), for ACC-018.
    public var exposedSecrets: [ExposedSecret] = []
    /// Password policies read from vendor exports, before they are attached to the systems
    /// that name them in `security.password_policy_import`.
    public var importedPasswordPolicies: [ImportedPasswordPolicy] = []
    /// User lists read from identity-provider exports, before they become the accounts of the
    /// systems that name them in `accounts_import`.
    public var importedAccounts: [ImportedAccounts] = []
    /// The user export each system's accounts were read from, by system id: set once, when the
    /// loader links the export to the system that names it in `accounts_import`.
    public internal(set) var accountExports: [String: ImportedAccounts] = [:]

    public init(
        organization: Organization? = nil, people: [Person] = [], systems: [System] = [], flows: [Flow] = [],
        accounts: [Account] = [], apiKeys: [APIKey] = [], assets: [Asset] = [], webProperties: [WebProperty] = [],
        emailPrograms: [EmailProgram] = [], tagManagerContainers: [TagManagerContainer] = [],
        tcfVendorLists: [TCFVendorList] = [], sboms: [SBOMDocument] = [], sourceFiles: [String] = []
    ) {
        self.organization = organization
        self.people = people
        self.systems = systems
        self.flows = flows
        self.accounts = accounts
        self.apiKeys = apiKeys
        self.assets = assets
        self.webProperties = webProperties
        self.emailPrograms = emailPrograms
        self.tagManagerContainers = tagManagerContainers
        self.tcfVendorLists = tcfVendorLists
        self.sboms = sboms
        self.sourceFiles = sourceFiles
    }

    /// Appends everything from `other` (used to merge files of one stack).
    public mutating func merge(_ other: Inventory) {
        if organization == nil { organization = other.organization }
        people += other.people
        systems += other.systems
        flows += other.flows
        accounts += other.accounts
        apiKeys += other.apiKeys
        assets += other.assets
        webProperties += other.webProperties
        emailPrograms += other.emailPrograms
        tagManagerContainers += other.tagManagerContainers
        tcfVendorLists += other.tcfVendorLists
        sboms += other.sboms
        sourceFiles += other.sourceFiles
        fileNames.merge(other.fileNames) { mine, _ in mine }
        exposedSecrets += other.exposedSecrets
        importedPasswordPolicies += other.importedPasswordPolicies
        importedAccounts += other.importedAccounts
        accountExports.merge(other.accountExports) { mine, _ in mine }
    }

    /// Number of declared entities of every kind, for summaries.
    public var entityCount: Int {
        people.count + systems.count + flows.count + accounts.count + apiKeys.count + assets.count
            + webProperties.count + emailPrograms.count + (organization == nil ? 0 : 1)
    }
}
