/// One declaration file: `version: 1` and any of the entity lists. A stack may be split over
/// many such files; `InventoryLoader` merges them.
struct DeclarationDocument: DeclarationDecodable {
    /// Versions of the declaration format this build reads.
    static let supportedVersions = [1]
    /// Top-level keys of a declaration, used to recognise a declaration file.
    static let topLevelKeys: Set<String> = [
        "version", "organization", "people", "systems", "flows", "accounts", "api_keys", "assets", "web_properties",
        "email_programs",
    ]

    let inventory: Inventory

    init(reading r: inout FieldReader) {
        let version = r.int("version")
        if version == nil, [.absent, .null].contains(r.written("version")) {
            // The value is always the same, so the hint writes it out. A file with no key of a
            // declaration may be CI configuration or another tool's file in the stack's directory.
            let line = "`version: \(Self.supportedVersions.last ?? 1)`"
            let declares = Self.topLevelKeys.contains { $0 != "version" && r.written($0) != .absent }
            r.report(
                "missing required key 'version' in a declaration file",
                hint: declares
                    ? "add \(line) as the file's first line"
                    : "add \(line) if this is a declaration file; keep other YAML and JSON (CI configuration, tool settings) outside the stack's directory"
            )
        }
        if let version, !Self.supportedVersions.contains(version) {
            r.report(
                "declaration format version \(version) is not supported by this Tollgate", at: "version",
                hint:
                    "this build reads version \(Self.supportedVersions.map(String.init).joined(separator: ", ")); upgrade Tollgate"
            )
        }
        inventory = Inventory(
            organization: r.object("organization"),
            people: r.objects("people", context: "person"),
            systems: r.objects("systems", context: "system"),
            flows: r.objects("flows", context: "flow"),
            accounts: r.objects("accounts", context: "account"),
            apiKeys: r.objects("api_keys", context: "API key"),
            assets: r.objects("assets", context: "asset"),
            webProperties: r.objects("web_properties", context: "web property"),
            emailPrograms: r.objects("email_programs", context: "e-mail program"),
            sourceFiles: [r.file])
    }
}
