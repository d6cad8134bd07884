import Foundation
import Testing
import TollgateKit

/// Strict validation: every mistake reported at once, at its own line and column.
@Suite("Declaration validation")
struct ValidationTests {
    /// Ten different mistakes in one file give ten errors, each on its own line.
    @Test func tenMistakesGiveTenErrors() {
        let yaml = """
            version: 1
            organization: { name: Acme, establishments: [DE, UK] }
            systems:
              - id: crm
                name: CRM
                system_type: crm
                vendr: Salesforce
              - id: ads
                name: Ads
                system_type: ad_platfrom
              - id: crm
                name: Duplicate
                system_type: crm
            flows:
              - id: f1
                from: crm
                to: adz
                data_categories: [user.contact.emial]
                data_use: marketing.advertising
                legal_basis: consent
                volume_subjects: "1000"
            accounts:
              - id: a1
                system: crm
                kind: human
                is_admin: yes
                last_login: 2025-02-30
                mfa_methods: [passkey, sms, carrier-pigeon]
            """
        let outcome = InventoryLoader().load(text: yaml, name: "ten.yaml")
        let errors = outcome.errors
        let expected: [(line: Int, fragment: String)] = [
            (2, "unknown country code 'UK'"),
            (7, "unknown key 'vendr'"),
            (10, "unknown value 'ad_platfrom'"),
            (11, "duplicate system id 'crm'"),
            (17, "undeclared system 'adz'"),
            (18, "unknown data category 'user.contact.emial'"),
            (21, "expected a whole number for 'volume_subjects'"),
            (26, "expected true or false for 'is_admin'"),
            (27, "'2025-02-30' is not a valid date"),
            (28, "unknown value 'carrier-pigeon'"),
        ]
        #expect(errors.count == 10, "\(errors.map(\.description).joined(separator: "\n"))")
        for (line, fragment) in expected {
            let match = errors.first { $0.location.line == line && $0.message.contains(fragment) }
            #expect(match != nil, "expected an error on line \(line) containing \(fragment)")
            #expect(match?.location.file == "ten.yaml" && (match?.location.column ?? 0) >= 1)
        }
        let described = errors.map(\.description)
        #expect(described.allSatisfy { $0.hasPrefix("ten.yaml:") && $0.contains(": error: ") })
    }

    /// A key written one level away from where it belongs is told where to go, not to be removed.
    @Test(arguments: [
        (
            "  - { id: x, name: X, system_type: crm, security: { accounts_import: users.json } }",
            "unknown key 'accounts_import' in security", "belongs on the system, beside `security:`"
        ),
        (
            "  - { id: x, name: X, system_type: crm, mfa_enforced: all }",
            "unknown key 'mfa_enforced' in system", "`mfa_enforced` belongs in the system's `security:` mapping"
        ),
        (
            "  - { id: x, name: X, system_type: crm, password_policy_import: p.json }",
            "unknown key 'password_policy_import' in system", "belongs in the system's `security:` mapping"
        ),
    ])
    func misplacedKeysAreToldWhereTheyBelong(_ system: String, _ message: String, _ hint: String) {
        let outcome = InventoryLoader().load(text: "version: 1\nsystems:\n\(system)\n", name: "s.yaml")
        #expect(outcome.errors.count == 1, "\(outcome.errors)")
        #expect(outcome.errors.first?.message == message)
        #expect(outcome.errors.first?.hint?.contains(hint) == true, "\(outcome.errors.first?.hint ?? "")")
        #expect(outcome.errors.first?.hint?.contains("remove it") == false)
    }

    /// A file without `version` is told the one value this build reads, not `version: …`; a file
    /// that declares nothing (CI configuration left in the stack's directory) is also told where
    /// such files belong.
    @Test(arguments: [
        ("systems:\n  - { id: x, name: X, system_type: crm }\n", "add `version: 1` as the file's first line"),
        ("version: ~\nsystems: []\n", "add `version: 1` as the file's first line"),
        (
            "x-note: a stage\n",
            "add `version: 1` if this is a declaration file; keep other YAML and JSON (CI configuration, tool settings) outside the stack's directory"
        ),
    ])
    func aMissingVersionIsToldTheValue(_ yaml: String, _ hint: String) {
        let outcome = InventoryLoader().load(text: yaml, name: "s.yaml")
        #expect(outcome.errors.map(\.message) == ["missing required key 'version' in a declaration file"])
        #expect(outcome.errors.first?.hint == hint)
        #expect(outcome.errors.first?.location.line == 1)
    }

    @Test func suggestionsNameTheClosestKey() {
        let outcome = InventoryLoader().load(
            text: "version: 1\nsystems:\n  - { id: x, name: X, system_type: crm, responsability: processor }\n",
            name: "s.yaml")
        #expect(outcome.errors.first?.hint == "did you mean 'responsibility'?")
    }

    /// A mapping with an unknown key is read a second time to collect the keys for the hint
    /// (`FieldReader.decode`): every other problem in it, and in the mappings inside it, is
    /// still reported once, and nested mappings get their own hints.
    @Test func hintsInNestedMappingsReportEveryProblemOnce() {
        let outcome = InventoryLoader().load(
            text: """
                version: 1
                systems:
                  - id: x
                    name: X
                    system_type: crm
                    responsability: processor
                    uses_cookies: maybe
                    dpa: { signd: true, signed_date: 2025-02-30 }
                """,
            name: "s.yaml")
        let messages = outcome.errors.map {
            "\($0.location.line):\($0.location.column) \($0.message) | \($0.hint ?? "")"
        }
        #expect(outcome.errors.count == 4, "\(messages)")
        #expect(Set(messages).count == messages.count, "\(messages)")
        #expect(
            outcome.errors.contains {
                $0.message.contains("'responsability'") && $0.hint == "did you mean 'responsibility'?"
            })
        #expect(outcome.errors.contains { $0.message.contains("'signd'") && $0.hint == "did you mean 'signed'?" })
        #expect(outcome.errors.contains { $0.message.contains("'uses_cookies'") })
    }

    /// A waivers file, baseline or policy pack kept in the stack's directory is read with the
    /// declarations: the error says what the file is and which option reads it, instead of
    /// "unknown key 'waivers' … remove it", which would send the user to delete their waivers.
    @Test func otherTollgateFilesAmongDeclarationsAreNamed() {
        let files: [(name: String, text: String, kind: String, option: String, line: Int)] = [
            (
                "stack/waivers.yaml",
                "version: 1\nwaivers:\n  - { rule: ACC-009, subject: account:x, ticket: T-1 }\n",
                "a waivers file", "--waivers", 2
            ),
            ("stack/baseline.json", "{\"version\": 1, \"findings\": []}", "a baseline file", "--baseline", 1),
            ("stack/eu.yaml", "version: 1\nname: eu\ninclude: [all]\n", "a policy pack", "--policy", 3),
        ]
        for file in files {
            let outcome = InventoryLoader().load(texts: [
                (name: "stack/crm.yaml", text: "version: 1\nsystems:\n  - { id: crm, name: CRM, system_type: crm }\n"),
                (name: file.name, text: file.text),
            ])
            #expect(outcome.errors.count == 1, "\(outcome.errors)")
            let error = outcome.errors.first
            #expect(error?.location.file == file.name && error?.location.line == file.line)
            #expect(error?.message == "this is \(file.kind), not a declaration file")
            #expect(error?.hint?.hasPrefix("pass it with \(file.option) only") == true, "\(error?.hint ?? "")")
            #expect(error?.hint?.hasSuffix("(e.g. as .tollgate/\(file.name.dropFirst("stack/".count)))") == true)
        }
        // Tollgate's own outputs written into the stack's directory are named as what they are
        // (a JSON report, which has `findings`, was called a baseline; SARIF got "remove it").
        let outputs: [(name: String, text: String, kind: String, line: Int)] = [
            (
                "stack/out.json", "{\"format_version\": 1,\n \"findings\": [], \"rules\": [], \"summary\": {}}",
                "a JSON report (`--report json`)", 2
            ),
            (
                "stack/out.sarif.json", "{\"$schema\": \"x\",\n \"runs\": [], \"version\": \"2.1.0\"}",
                "a SARIF report (`--report sarif`)", 2
            ),
            (
                "stack/gl.json", "[{\"check_name\": \"PRIV-001\", \"fingerprint\": \"x\", \"severity\": \"major\"}]",
                "a GitLab Code Quality report (`--report gitlab`)", 1
            ),
            (
                "stack/pack/audit.json", "{\"format\": \"tollgate-evidence/1\", \"organization\": \"Acme\"}",
                "the audit.json of an evidence pack (`tollgate audit --output`)", 1
            ),
            (
                "stack/pack/manifest.json", "{\"files\": [], \"format\": \"tollgate-bundle/1\", \"version\": 3}",
                "the manifest.json of a policy bundle or an evidence pack", 1
            ),
        ]
        for file in outputs {
            let outcome = InventoryLoader().load(texts: [
                (name: "stack/crm.yaml", text: "version: 1\nsystems:\n  - { id: crm, name: CRM, system_type: crm }\n"),
                (name: file.name, text: file.text),
            ])
            #expect(outcome.errors.count == 1, "\(outcome.errors)")
            let error = outcome.errors.first
            #expect(error?.location.file == file.name && error?.location.line == file.line, "\(outcome.errors)")
            #expect(error?.message == "this is \(file.kind), not a declaration file", "\(outcome.errors)")
            #expect(
                error?.hint?.contains("move") == true && error?.hint?.contains("name the declaration files") == true)
        }
        // A declaration that also has one of those keys is still a declaration with an unknown key.
        let mixed = InventoryLoader().load(
            text: "version: 1\nsystems:\n  - { id: crm, name: CRM, system_type: crm }\nwaivers: []\n", name: "s.yaml")
        #expect(mixed.errors.map(\.message) == ["unknown key 'waivers' in a declaration file"])
    }

    @Test func quotedNumbersAndYesNoAreRefusedButNorwayStaysACountry() {
        let outcome = InventoryLoader().load(
            text: """
                version: 1
                systems:
                  - { id: x, name: X, system_type: crm, processing_countries: [NO, SE], uses_cookies: no }
                """, name: "n.yaml")
        #expect(outcome.errors.count == 1)
        #expect(outcome.errors.first?.message.contains("uses_cookies") == true)
        #expect(outcome.inventory.systems.first?.processingCountries == ["NO", "SE"])
    }

    @Test func unsupportedVersionIsRefused() {
        let outcome = InventoryLoader().load(text: "version: 2\n", name: "v.yaml")
        #expect(outcome.errors.first?.message == "declaration format version 2 is not supported by this Tollgate")
    }

    /// An empty required key is not to be removed (it would then be missing): the hint asks for a
    /// value. An empty optional key may go either way.
    @Test func emptyRequiredKeysAskForAValue() {
        let outcome = InventoryLoader().load(
            text: "version: 1\nsystems:\n  - id: \"\"\n    name: \"\"\n    system_type: crm\n    vendor: \"\"\n",
            name: "e.yaml")
        #expect(
            outcome.errors.map(\.description) == [
                "e.yaml:3:9: error: 'id' is empty; give it a value; 'id' is required",
                "e.yaml:4:11: error: 'name' is empty; give it a value; 'name' is required",
                "e.yaml:6:13: error: 'vendor' is empty; remove the key or give it a value",
            ])
    }

    @Test func directoriesMergeAndIDsAreUniqueAcrossFiles() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "version: 1\nsystems: [{ id: crm, name: CRM, system_type: crm }]\n".write(
            to: directory.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("more"), withIntermediateDirectories: true)
        try "{\"version\": 1, \"systems\": [{\"id\": \"crm\", \"name\": \"Again\", \"system_type\": \"crm\"}]}".write(
            to: directory.appendingPathComponent("more/b.json"), atomically: true, encoding: .utf8)
        try "not a declaration".write(
            to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "version: 1\n".write(
            to: directory.appendingPathComponent(".hidden.yaml"), atomically: true, encoding: .utf8)
        let outcome = InventoryLoader().load(paths: [directory.path])
        #expect(outcome.files.count == 2)
        #expect(outcome.errors.count == 1)
        #expect(outcome.errors.first?.message == "duplicate system id 'crm'")
        #expect(outcome.errors.first?.location.file.hasSuffix("more/b.json") == true)
    }

    /// A file with a syntax error declares nothing the validator can see, so a reference from
    /// another file to an id declared there is "not found" with a pointer to the broken file,
    /// never "undeclared … declare a system with id: crm". Every other problem is still listed.
    @Test func referencesIntoAnUnreadableFileAreNotCalledUndeclared() {
        let broken = "version: 1\nsystems:\n  - id: crm\n    name: \"CRM\n"
        let other = """
            version: 1
            accounts:
              - {id: a, system: crm, kind: human}
              - {id: b, system: crm, kind: humn}
            """
        let outcome = InventoryLoader().load(texts: [(name: "a.yaml", text: broken), (name: "b.yaml", text: other)])
        let described = outcome.errors.map(\.description)
        #expect(
            described.contains(
                "b.yaml:3:21: error: 'system' refers to system 'crm', which was not found; a.yaml could not be read, "
                    + "fix it first"), "\(described)")
        #expect(!described.contains { $0.contains("undeclared") }, "\(described)")
        #expect(described.contains { $0.hasPrefix("b.yaml:4:32: error: unknown value 'humn'") }, "\(described)")
        #expect(described.contains { $0.hasPrefix("a.yaml:") && $0.contains("syntax error") }, "\(described)")
        // With every file read, the same reference is undeclared, as before.
        let alone = InventoryLoader().load(text: other, name: "b.yaml").errors.map(\.description)
        #expect(alone.contains { $0.contains("refers to undeclared system 'crm'; declare a system") }, "\(alone)")
        // A broken XML file is an SBOM, which declares no system: the reference is undeclared.
        let sbom = InventoryLoader().load(texts: [(name: "bom.xml", text: "<bom"), (name: "b.yaml", text: other)])
            .errors.map(\.description)
        #expect(sbom.contains { $0.contains("refers to undeclared system 'crm'; declare a system") }, "\(sbom)")
        #expect(sbom.contains { $0.hasPrefix("bom.xml:") }, "\(sbom)")
    }

    /// A flow's `from` that names no system is told it may mean `data_subject` (collection from
    /// people) whether or not another file could not be read; with an unreadable file the note
    /// to fix it comes first, and a near-miss system id still takes the pointer's place.
    @Test func flowSourceKeepsTheDataSubjectPointerWhenAFileIsUnreadable() {
        let broken = "version: 1\nsystems:\n  - id: crm\n    name: \"CRM\n"
        let flows = """
            version: 1
            systems: [{ id: esp, name: ESP, system_type: esp }]
            flows:
              - { id: f, from: data_subjects, to: esp, data_categories: [user.contact.email] }
              - { id: g, from: esp2, to: esp, data_categories: [user.contact.email] }
            """
        let unreadable = InventoryLoader().load(texts: [(name: "a.yaml", text: broken), (name: "b.yaml", text: flows)])
            .errors.map(\.description)
        #expect(
            unreadable.contains(
                "b.yaml:4:20: error: 'from' refers to system 'data_subjects', which was not found; a.yaml could not "
                    + "be read, fix it first; for collection from people, use `data_subject`"), "\(unreadable)")
        #expect(
            unreadable.contains(
                "b.yaml:5:20: error: 'from' refers to system 'esp2', which was not found; a.yaml could not be read, "
                    + "fix it first; did you mean 'esp'?"), "\(unreadable)")
        let alone = InventoryLoader().load(text: flows, name: "b.yaml").errors.map(\.description)
        #expect(
            alone.contains(
                "b.yaml:4:20: error: 'from' refers to undeclared system 'data_subjects'; declare a system with "
                    + "`id: data_subjects`, or use `data_subject` for collection from people"), "\(alone)")
    }

    /// A file named twice (`d` and `d/a.yaml`, `./`, `..`, `//`) is read once, under its first
    /// spelling: reading it twice would make every id in it a duplicate of itself.
    @Test func overlappingPathsReadEachFileOnce() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("more"), withIntermediateDirectories: true)
        try "version: 1\nsystems: [{ id: crm, name: CRM, system_type: crm }]\n".write(
            to: directory.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try "version: 1\nsystems: [{ id: cdp, name: CDP, system_type: cdp }]\n".write(
            to: directory.appendingPathComponent("more/b.yaml"), atomically: true, encoding: .utf8)
        let root = directory.path
        let outcome = InventoryLoader().load(paths: [
            root + "/more/../a.yaml", root, root + "/./more", root + "//a.yaml", root + "/more/b.yaml",
        ])
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        #expect(outcome.files == [root + "/more/../a.yaml", root + "/more/b.yaml"])
        #expect(outcome.inventory.systems.map(\.id) == ["crm", "cdp"])
    }

    /// A link to a directory named with the directory itself, and a link to a file beside it,
    /// read each real file once, under the first spelling.
    @Test func linksToAFileOrDirectoryReadItOnce() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = directory.appendingPathComponent("stack")
        try FileManager.default.createDirectory(at: stack, withIntermediateDirectories: true)
        try "version: 1\nsystems: [{ id: crm, name: CRM, system_type: crm }]\n".write(
            to: stack.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: stack.appendingPathComponent("b.yaml").path, withDestinationPath: "a.yaml")
        let link = directory.appendingPathComponent("link-to-stack").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: stack.path)
        let outcome = InventoryLoader().load(paths: [link, stack.path, stack.path + "/b.yaml"])
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        #expect(outcome.files == [link + "/a.yaml"])
        #expect(outcome.inventory.systems.map(\.id) == ["crm"])
    }

    /// A file named explicitly must be YAML, JSON or XML by its name: a README named by mistake
    /// is said to be no declaration file, not reported as a YAML syntax error.
    @Test func anExplicitlyNamedFileMustBeADeclarationFile() throws {
        let readme = TestSupport.packageRoot.appendingPathComponent("fixtures/retail-stack/README.md").path
        let outcome = InventoryLoader().load(paths: [readme])
        #expect(
            outcome.errors.map(\.description) == [
                "\(readme):1:1: error: not a declaration file: Tollgate reads .yaml, .yml and .json files (and "
                    + "CycloneDX SBOMs in .xml); name declaration files or a directory holding them; rename the file "
                    + "if it holds YAML or JSON"
            ])
        #expect(outcome.files.isEmpty)
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let upper = directory.appendingPathComponent("STACK.YML").path
        try "version: 1\n".write(toFile: upper, atomically: true, encoding: .utf8)
        let named = InventoryLoader().load(paths: [upper])
        #expect(named.errors.isEmpty && named.files == [upper], "\(named.errors.map(\.description))")
    }

    /// A file given with `--import` is read only as that import, however it and the directory
    /// holding it are spelled; two `--import`s of one file read it once.
    @Test func importedFileIsNotReadAgainThroughItsDirectory() throws {
        let gtm = TestSupport.packageRoot.appendingPathComponent("fixtures/importers/gtm").path
        let file = gtm + "/api-2025-lowercase.json"
        let alone = InventoryLoader(importers: BuiltInImporters.all()).load(paths: [gtm])
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(
            paths: [gtm + "/.", file],
            imports: [
                ImportRequest(kind: "gtm-container", path: gtm + "/../gtm/api-2025-lowercase.json"),
                ImportRequest(kind: "gtm-container", path: file),
            ])
        #expect(outcome.files.count == alone.files.count)
        #expect(outcome.files.last == gtm + "/../gtm/api-2025-lowercase.json")
        #expect(outcome.inventory.tagManagerContainers.count == alone.inventory.tagManagerContainers.count)
        let twoKinds = InventoryLoader(importers: BuiltInImporters.all()).load(
            paths: [],
            imports: [ImportRequest(kind: "gtm-container", path: file), .init(kind: "tcf-vendor-list", path: file)])
        #expect(twoKinds.errors.map(\.message) == ["imported both as 'gtm-container' and as 'tcf-vendor-list'"])
    }

    @Test func deprecatedTaxonomyKeysWarnWithTheReplacement() {
        let outcome = InventoryLoader().load(
            text: """
                version: 1
                systems:
                  - id: cdp
                    name: CDP
                    system_type: cdp
                    privacy_declarations:
                      - { data_use: personalize.profiling, data_categories: [user.behavior], legal_basis: consent }
                """, name: "d.yaml")
        #expect(outcome.errors.isEmpty)
        let warning = outcome.diagnostics.first { $0.level == .warning }
        #expect(warning?.hint == "use 'personalize.content.profiling'")
    }
}

@Suite("Vocabulary")
struct TaxonomyTests {
    /// A key written as the end of a known one (its last segment, or a suffix) is suggested:
    /// `email` and `marketing.email` are not typos, so edit distance alone had no answer.
    @Test func keysNamedByTheirLastSegmentAreSuggested() {
        let taxonomy = Taxonomy.standard
        #expect(taxonomy.suggestion(for: "email", .dataCategory) == "user.contact.email")
        #expect(taxonomy.suggestion(for: "contact.email", .dataCategory) == "user.contact.email")
        #expect(taxonomy.suggestion(for: "marketing.email", .dataUse) == "marketing.communications.email")
        // A suggestion holds every segment of the value, so it never names a different purpose:
        // no data use holds `transactional`, and a bare `email` use may be marketing or essential
        // notifications.
        #expect(taxonomy.suggestion(for: "transactional.email", .dataUse) == nil)
        #expect(taxonomy.suggestion(for: "analytics.email", .dataUse) == nil)
        #expect(taxonomy.suggestion(for: "Email", .dataUse) == nil)
        #expect(taxonomy.suggestion(for: "notifications.email", .dataUse) == "essential.service.notifications.email")
        #expect(taxonomy.suggestion(for: "communications.email", .dataUse) == "marketing.communications.email")
        // Of keys under different purposes that all hold the value, the one under the value's own
        // first segment is named.
        let uses = [
            ("marketing", nil), ("marketing.communications", "marketing"),
            ("marketing.communications.email", "marketing.communications"), ("essential", nil),
            ("essential.marketing", "essential"), ("essential.marketing.email", "essential.marketing"),
        ].map { key, parent in TaxonomyEntry(key: key, name: key, parent: parent) }
        let custom = Taxonomy(dataCategories: [], dataUses: uses, dataSubjects: [])
        #expect(custom.suggestion(for: "marketing.email", .dataUse) == "marketing.communications.email")
        #expect(custom.suggestion(for: "email", .dataUse) == nil)
        #expect(taxonomy.suggestion(for: "user.contact.emial", .dataCategory) == "user.contact.email")
        #expect(taxonomy.suggestion(for: "carrier.pigeon", .dataCategory) == nil)
        #expect(taxonomy.suggestion(for: "email.", .dataCategory) == nil)
        let yaml = """
            version: 1
            flows:
              - {id: f, from: data_subject, to: crm, data_categories: [email], data_use: marketing.email}
            systems: [{id: crm, name: CRM, system_type: crm}]
            """
        let hints = InventoryLoader().load(text: yaml, name: "t.yaml").errors.map(\.text)
        #expect(
            hints == [
                "unknown data category 'email' in 'data_categories'; did you mean 'user.contact.email'?",
                "unknown data use 'marketing.email' in 'data_use'; did you mean 'marketing.communications.email'?",
            ], "\(hints)")
    }

    @Test func matchingIsOnDotBoundaries() {
        #expect(Taxonomy.matches("user.contact.email", ancestor: "user.contact"))
        #expect(Taxonomy.matches("user.contact", ancestor: "user.contact"))
        #expect(!Taxonomy.matches("user.contactless", ancestor: "user.contact"))
        #expect(!Taxonomy.matches("user", ancestor: "user.contact"))
    }

    @Test func generatedTaxonomyIsComplete() {
        let taxonomy = Taxonomy.standard
        #expect(taxonomy.keys(.dataCategory).count >= 85)
        #expect(taxonomy.keys(.dataUse).count >= 56)
        #expect(taxonomy.entry("user.childrens", .dataCategory) != nil)
        #expect(taxonomy.entry("child", .dataSubject) != nil)
        for key in taxonomy.keys(.dataCategory) {
            if let parent = taxonomy.entry(key, .dataCategory)?.parent {
                #expect(taxonomy.entry(parent, .dataCategory) != nil, "parent of \(key)")
                #expect(Taxonomy.matches(key, ancestor: parent))
            }
        }
    }

    @Test func countriesAndRegions() {
        #expect(ISOCountries.isCountry("DE") && ISOCountries.isCountry("GB") && !ISOCountries.isCountry("UK"))
        #expect(ISOCountries.isRegion("UK") && ISOCountries.isRegion("EEA") && ISOCountries.isRegion("US-CA"))
        #expect(!ISOCountries.isRegion("US-XX") && !ISOCountries.isRegion("de"))
    }
}

@Suite("Days")
struct DayTests {
    @Test func parsesDatesAndDateTimes() {
        #expect(Day(iso: "2026-02-28")?.description == "2026-02-28")
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2026-13-01") == nil)
        #expect(Day(iso: "2026-1-01") == nil)
        #expect(Day(iso: "2026-03-01T23:30:00-02:00")?.description == "2026-03-02")
        #expect(Day(iso: "2026-03-01T00:30:00+01:00")?.description == "2026-02-28")
        #expect(Day(iso: "2026-03-01T12:00:00.123Z")?.description == "2026-03-01")
    }

    /// A date written as YYYY-MM-DD whose day does not exist is not told to be written as
    /// YYYY-MM-DD: the hint says which day is wrong.
    @Test func aDayThatDoesNotExistIsNamed() {
        let yaml = "version: 1\naccounts:\n  - {id: a, system: crm, kind: human, last_login: 2026-02-30}\n"
        let errors = InventoryLoader().load(text: yaml, name: "d.yaml").errors.map(\.description)
        #expect(
            errors.contains(
                "d.yaml:3:51: error: '2026-02-30' is not a valid date for 'last_login'; that day does not exist: "
                    + "February 2026 has 28 days"), "\(errors)")
        #expect(Day.hint(forInvalid: "2024-04-31") == "that day does not exist: April 2024 has 30 days")
        #expect(Day.hint(forInvalid: "2026-00-10") == "there is no month 0; write dates as YYYY-MM-DD, e.g. 2026-03-31")
        #expect(Day.hint(forInvalid: "20/11/2026") == "write dates as YYYY-MM-DD, e.g. 2026-03-31")
        #expect(Day.hint(forInvalid: "2026-02-10T25:00Z").hasSuffix("or a date-time such as 2026-03-31T10:00:00Z"))
    }

    @Test func arithmetic() throws {
        let day = try #require(Day(iso: "2026-01-31"))
        #expect(day.adding(months: 1).description == "2026-02-28")
        #expect(day.adding(days: 45).description == "2026-03-17")
        #expect(Day(iso: "1970-01-01")?.ordinal == 0)
        #expect(Day(iso: "2026-11-23")?.isoWeekday == 1)  // a Monday
        #expect(try #require(Day(iso: "2026-01-01")).days(until: try #require(Day(iso: "2026-12-31"))) == 364)
    }
}

/// Ids and references with control characters: a flow id with line breaks reached the text
/// report as lines of its own (a forged `::error` workflow command on GitHub Actions).
@Suite("Ids without control characters")
struct IdControlCharacterTests {
    @Test func idsAndReferencesWithControlCharactersAreErrors() {
        let yaml = #"""
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm }
              - { id: "ads\u2028x", name: Ads, system_type: crm }
            flows:
              - id: "f\n::error file=README.md,line=1,title=Injected::forged annotation\n::stop-commands::tok"
                from: crm
                to: crm
              - { id: "f2\x1B[31m", from: crm, to: "crm\x07" }
              - { id: "f3\x7F", from: crm, to: crm }
              - { id: "f4\u0085", from: crm, to: crm }
            accounts:
              - { id: "a\tb", system: "cr\x9Bm", kind: human }
              - { id: "café-ünïcode", system: crm, kind: human }
            """#
        // Other errors (flows without data categories, …) are not this test's concern.
        let errors = InventoryLoader().load(text: yaml, name: "ids.yaml").errors.filter {
            $0.message.contains("control character")
        }
        let expected: [(line: Int, column: Int, fragment: String)] = [
            (4, 11, #"system id 'ads\u{2028}x' contains a control character"#),
            (6, 9, #"flow id 'f\n::error file=README.md"#),
            (9, 11, #"flow id 'f2\u{1B}[31m' contains a control character"#),
            (9, 40, #"'to' 'crm\u{7}' contains a control character"#),
            (10, 11, #"flow id 'f3\u{7F}' contains"#),
            (11, 11, #"flow id 'f4\u{85}' contains"#),
            (13, 11, #"account id 'a\tb' contains"#),
            (13, 27, #"'system' 'cr\u{9B}m' contains"#),
        ]
        #expect(errors.count == expected.count, "\(errors.map(\.description).joined(separator: "\n"))")
        for (line, column, fragment) in expected {
            let match = errors.first { $0.location.line == line && $0.message.contains(fragment) }
            #expect(match != nil, "expected an error on line \(line) containing \(fragment)")
            #expect(match?.location.file == "ids.yaml")
            #expect(match?.location.column == column, "\(fragment)")
            #expect(match?.hint?.contains("control characters") == true)
            // The message itself is one printable line.
            #expect(match.map { !ControlCharacterProbe.has($0.description) } ?? false)
        }
        // Every other diagnostic that quotes such an id (what `validate` prints) is one line too.
        let all = InventoryLoader().load(text: yaml, name: "ids.yaml").diagnostics
        let quoting = all.filter { ControlCharacterProbe.has($0.message) }
        #expect(!quoting.isEmpty, "some message quotes an id as it is")
        #expect(quoting.allSatisfy { !ControlCharacterProbe.has($0.description) })
    }
}

private enum ControlCharacterProbe {
    static func has(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029
        }
    }
}
