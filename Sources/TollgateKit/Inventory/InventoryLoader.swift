import Foundation

/// Reads a stack from files and directories: loads each document safely, decodes declarations
/// (or hands exports to importers), merges them and validates the whole.
///
/// The result carries every diagnostic from every file; the inventory is usable only when
/// there are no errors among them.
public struct InventoryLoader: Sendable {
    /// What loading produced: the merged inventory and all problems found.
    public struct Outcome: Sendable {
        public let inventory: Inventory
        public let diagnostics: [Diagnostic]
        /// The files read, in order.
        public let files: [String]
        /// SHA-256 (hex) of each file's bytes as read, so reports can name the exact input.
        public var digests: [String: String] = [:]

        public var errors: [Diagnostic] { diagnostics.filter { $0.level == .error } }
        public var hasErrors: Bool { diagnostics.contains { $0.level == .error } }
    }

    /// File name endings read from directories.
    public static let fileExtensions: Set<String> = ["yaml", "yml", "json"]

    /// Whether a file found in a directory is read: YAML/JSON, and XML only under the names
    /// CycloneDX recommends (`bom.xml`, `*.cdx.xml`), so that a JUnit report written into the
    /// stack directory is not mistaken for input. Any `.xml` file named explicitly is read.
    public static func readsFromDirectory(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if lowered == "bom.xml" || lowered.hasSuffix(".cdx.xml") { return true }
        return fileExtensions.contains((lowered as NSString).pathExtension)
    }

    /// Whether expanding a directory reads the file at `relative` below it (a path split on `/`):
    /// no hidden name on the way (`expand` skips them) and a kind read from directories. Asked
    /// of output paths, so that a report is not written where the next run would read it.
    public static func readsFromDirectory(relativePath relative: String) -> Bool {
        let components = relative.split(separator: "/")
        guard let name = components.last, !components.contains(where: isHidden) else { return false }
        return readsFromDirectory(String(name))
    }

    /// Names a directory expansion leaves out: those starting with `.`.
    static func isHidden(_ name: some StringProtocol) -> Bool { name.hasPrefix(".") }

    /// Whether a file named explicitly is read: YAML/JSON, and any `.xml` file (an SBOM).
    static func readsWhenNamed(_ path: String) -> Bool {
        let ending = (path.lowercased() as NSString).pathExtension
        return ending == "xml" || fileExtensions.contains(ending)
    }

    public let limits: LoadLimits
    public let taxonomy: Taxonomy
    public let importers: [any Importer]
    /// Whether files are read and decoded on all cores (the merged result is the same).
    var parallel = true

    /// `importers` defaults to every built-in importer; pass `[]` to read declarations only.
    public init(limits: LoadLimits = .default, taxonomy: Taxonomy = .standard, importers: [any Importer]? = nil) {
        self.limits = limits
        self.taxonomy = taxonomy
        self.importers = importers ?? BuiltInImporters.all(limits: limits)
    }

    /// One file read, parsed and decoded on its own: its part of the inventory (or why there is
    /// none) and the SHA-256 of its bytes.
    struct LoadedFile: Sendable {
        let file: String
        let digest: String?
        let decoded: Result<(Inventory, [Diagnostic]), Diagnostic>
        /// Whether the file was read as a declaration (no importer took it), or could not be read
        /// at all; such a file that a system names as its export is read again as that export.
        var declarationOrUnread = false
    }

    /// Loads every file named, every YAML/JSON/XML file below every directory named, the SBOMs
    /// that web properties point at (`sbom.path`) when they were not among those, and the files
    /// in `imports`, read by the importer of their kind (and not a second time by detection).
    ///
    /// Each file is read, parsed and decoded on its own, on all cores, so only one node tree per
    /// core is alive at a time; the decoded parts are merged in file order, so the result does
    /// not depend on scheduling.
    ///
    /// `inputFiles` is what `inputFiles(paths, imports:)` returned when the caller listed the
    /// files already (to compare them with its output paths): the directories are not listed again.
    public func load(
        paths: [String], imports: [ImportRequest] = [], inputFiles: ([String], [Diagnostic])? = nil,
        timer: PhaseTimer = .disabled
    ) -> Outcome {
        var (files, diagnostics) = inputFiles ?? Self.inputFiles(paths, imports: imports)
        var jobs: [(file: String, importer: (any Importer)?)] = files.map { ($0, nil) }
        for request in Self.uniqueImports(imports, diagnostics: &diagnostics) {
            guard let importer = importers.first(where: { $0.kind == request.kind }) else {
                diagnostics.append(
                    Diagnostic(
                        at: SourceLocation(file: request.path, line: 1, column: 1),
                        "no importer for '\(request.kind)'",
                        hint: "kinds: \(importers.map(\.kind).joined(separator: ", "))"))
                continue
            }
            files.append(request.path)
            jobs.append((request.path, importer))
        }
        let sendableJobs = jobs.map { ImportJob(file: $0.file, importer: $0.importer) }
        var parts = sendableJobs.concurrentMap(parallel: parallel) { job in
            loadFile(job.file, importer: job.importer, timer: timer)
        }
        var names = InputFileNames.names(of: files, paths: paths)
        var outcome = timer.measure("load.merge+validate") { merge(parts, names: names) }
        // SBOMs referenced by web properties but not named: read them too, and merge again so that
        // validation and de-duplication see everything.
        let loaded = Set(files.map(Self.standardized))
        let referenced = outcome.inventory.webProperties.compactMap { property in
            property.sbom?.path.map { path in
                (
                    file: Self.resolve(path, relativeTo: property.origin.file),
                    name: InputFileNames.name(of: path, declaredIn: names[property.origin.file] ?? property.origin.file)
                )
            }
        }
        var extra: [String] = []
        for (path, name) in referenced where !loaded.contains(Self.standardized(path)) && !extra.contains(path) {
            guard FileManager.default.fileExists(atPath: path) else { continue }
            extra.append(path)
            names[path] = name
        }
        if !extra.isEmpty {
            files += extra
            parts += extra.map { loadFile($0, importer: nil, timer: timer) }
            outcome = timer.measure("load.merge+validate") { merge(parts, names: names) }
        }
        var digests: [String: String] = [:]
        for part in parts { if let digest = part.digest { digests[part.file] = digest } }
        if files.isEmpty && diagnostics.isEmpty {
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(file: paths.first ?? ".", line: 1, column: 1),
                    "no declaration files found", hint: "name .yaml, .yml or .json files, or a directory holding them"))
        }
        // Exports named by `password_policy_import` or `accounts_import` outside the given paths were read too.
        let named = Set(files.map(Self.standardized))
        let exports = outcome.inventory.sourceFiles.filter { !named.contains(Self.standardized($0)) }
        return Outcome(
            inventory: outcome.inventory, diagnostics: Self.unique(diagnostics + outcome.diagnostics),
            files: files + exports, digests: digests)
    }

    /// A file and the importer the user named for it, handed to a worker thread.
    private struct ImportJob: Sendable {
        let file: String
        let importer: (any Importer)?
    }

    /// Loads one declaration held in memory (rule examples, tests, embedding programs).
    public func load(text: String, name: String) -> Outcome {
        load(texts: [(name: name, text: text)])
    }

    /// Loads several documents held in memory as one stack (rule examples with attachments).
    public func load(texts: [(name: String, text: String)]) -> Outcome {
        let loader = DocumentLoader(limits: limits)
        let parts = texts.map { text in
            LoadedFile(
                file: text.name, digest: nil,
                decoded: loader.loadScanningSecrets(data: Data(text.text.utf8), displayPath: text.name).map {
                    decodeScanning($0, file: text.name, importer: nil).decoded
                })
        }
        // Names chosen by the caller are already the files' identities.
        let names = Dictionary(texts.map { ($0.name, LexicalPath.normalized($0.name)) }) { first, _ in first }
        let outcome = merge(parts, names: names)
        return Outcome(
            inventory: outcome.inventory, diagnostics: Self.unique(outcome.diagnostics), files: texts.map(\.name))
    }

    /// Reads, digests, parses and decodes one file: XML with the safe XML reader, everything
    /// else as YAML/JSON.
    func loadFile(_ file: String, importer: (any Importer)?, timer: PhaseTimer) -> LoadedFile {
        let documentLoader = DocumentLoader(limits: limits)
        let clock = ContinuousClock()
        var start = clock.now
        let data = documentLoader.read(path: file)
        let digest = try? data.map { SHA256.hex($0) }.get()
        timer.add("load.read", clock.now - start)
        start = clock.now
        let decoded: Result<(Inventory, [Diagnostic]), Diagnostic>
        var declarationOrUnread = importer == nil
        if file.lowercased().hasSuffix(".xml") {
            let root = data.flatMap { SafeXMLReader(limits: limits).read(data: $0, displayPath: file) }
            timer.add("load.parse", clock.now - start)
            start = clock.now
            decoded = root.map { decode(xml: $0, file: file) }
            declarationOrUnread = false
        } else if case .success(let bytes) = data, let tagValue = SPDXTagValue.diagnostic(data: bytes, file: file) {
            decoded = .failure(tagValue)
        } else if importer?.readsUserList == true,
            case .success(let bytes) = data,
            let csv = UserExportDetection.adminConsoleCSV(bytes, file: file)
        {
            decoded = .failure(csv)
        } else {
            let document = data.flatMap { documentLoader.loadScanningSecrets(data: $0, displayPath: file) }
            timer.add("load.parse", clock.now - start)
            start = clock.now
            let read = document.map { decodeScanning($0, file: file, importer: importer) }
            decoded = read.map(\.decoded)
            // A file given with `--import KIND=` is read only as that kind.
            declarationOrUnread = importer == nil && ((try? read.get().asDeclaration) ?? true)
        }
        timer.add("load.decode", clock.now - start)
        return LoadedFile(file: file, digest: digest, decoded: decoded, declarationOrUnread: declarationOrUnread)
    }

    /// Decodes a YAML/JSON document (as a declaration, a detected export, or with the importer
    /// the user named) and keeps the credentials found in its strings (ACC-018).
    /// The document's duplicate keys come first, then what decoding found; `asDeclaration` says
    /// that no importer took the document.
    private func decodeScanning(
        _ document: (root: Node, secrets: [ExposedSecret], problems: [Diagnostic]), file: String,
        importer: (any Importer)?
    ) -> (decoded: (Inventory, [Diagnostic]), asDeclaration: Bool) {
        let root = document.root
        var (part, problems, reader) =
            importer.map { Self.forcedImport(root, file: file, $0) }.map { ($0.0, $0.1, importer) }
            ?? decodeDetecting(root, file: file)
        // The importer that read the file knows which of its fields hold no secret.
        part.exposedSecrets =
            document.secrets.isEmpty
            ? [] : reader.map { $0.keptSecrets(document.secrets, in: root) } ?? document.secrets
        return ((part, document.problems + problems), reader == nil)
    }

    /// The inventory of all files read, and what is wrong with it.
    private typealias Merged = (inventory: Inventory, diagnostics: [Diagnostic])

    /// Merges decoded files in order and validates the whole. `names` are the files' names for
    /// findings about a file itself (`InputFileNames`), by path as read.
    private func merge(_ parts: [LoadedFile], names: [String: String]) -> Merged {
        var inventory = Inventory()
        inventory.fileNames = names
        var diagnostics: [Diagnostic] = []
        var unreadable: [String] = []
        let namedExports = Self.namedExports(parts)
        for part in parts {
            // Read again as the export a system names it as, by `link` (not as a declaration).
            if part.declarationOrUnread, namedExports.contains(Self.standardized(part.file)) { continue }
            switch part.decoded {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                // An XML file can only be an SBOM, which declares no system, asset or person, so
                // a reference elsewhere stays "undeclared" rather than "fix that file first".
                if !diagnostic.location.file.lowercased().hasSuffix(".xml") {
                    unreadable.append(diagnostic.location.file)
                }
            case .success(let (decoded, problems)):
                diagnostics += problems
                if let existing = inventory.organization, let new = decoded.organization {
                    diagnostics.append(
                        Diagnostic(
                            at: new.origin.location, "organization is declared twice",
                            hint: "keep one `organization:`; the first is at \(existing.origin.location)"))
                }
                inventory.merge(decoded)
            }
        }
        diagnostics += Self.unifyComponents(&inventory)
        let exportLoader = DocumentLoader(limits: limits)
        attachPasswordPolicyImports(&inventory, loader: exportLoader, diagnostics: &diagnostics)
        attachAccountImports(&inventory, loader: exportLoader, diagnostics: &diagnostics)
        diagnostics += InventoryValidator(taxonomy: taxonomy, unreadableFiles: unreadable).validate(
            inventory, parallel: parallel)
        // A message may quote a value (an unknown enum value, an undeclared id); never a secret.
        let redactor = SecretRedactor(inventory.exposedSecrets)
        return (inventory, diagnostics.map(redactor.redact))
    }

    /// The files that systems name as their exports (`accounts_import`,
    /// `password_policy_import`), standardised, except those that declare anything themselves
    /// (systems, people, accounts, …): reading such a file as an export would lose its
    /// declarations, and `link` says at the key that it is not an export.
    static func namedExports(_ parts: [LoadedFile]) -> Set<String> {
        var named = Set<String>()
        var declaring = Set<String>()
        for part in parts {
            guard case .success(let (inventory, _)) = part.decoded else { continue }
            if inventory.entityCount > 0 { declaring.insert(standardized(part.file)) }
            for system in inventory.systems {
                for link in [userExports.named(system), passwordPolicies.named(system)] {
                    if let (path, origin) = link { named.insert(standardized(resolve(path, relativeTo: origin.file))) }
                }
            }
        }
        return named.subtracting(declaring)
    }

    /// Decodes an XML document with the first XML importer that recognises it.
    public func decode(xml root: XMLElementNode, file: String) -> (Inventory, [Diagnostic]) {
        for case let importer as any XMLImporter in importers where importer.recognises(xml: root) {
            return importer.importDocument(xml: root, file: file)
        }
        return (
            Inventory(),
            [
                Diagnostic(
                    at: SourceLocation(file: file, line: root.line, column: 1),
                    "XML file is not a format Tollgate reads (root element '\(root.name)')",
                    hint: "Tollgate reads CycloneDX XML SBOMs (namespace http://cyclonedx.org/schema/bom/1.x); "
                        + "move other XML files out of the stack directory")
            ]
        )
    }

    /// One component, one asset. An SBOM component whose package URL a declared asset gives
    /// (`purl:`) is that asset: the declaration wins and the SBOM's copy is dropped. A component
    /// listed by several SBOMs (the same script on two sites, or one SBOM in JSON and in XML) is
    /// kept once; copies with another licence are an error, since one of the SBOMs is wrong.
    /// SBOM component lists are rewritten to the surviving asset ids.
    static func unifyComponents(_ inventory: inout Inventory) -> [Diagnostic] {
        var declaredByPURL: [String: Asset] = [:]
        for asset in inventory.assets where asset.importedFrom == nil {
            if let purl = asset.packageURL, declaredByPURL[purl] == nil { declaredByPURL[purl] = asset }
        }
        var diagnostics: [Diagnostic] = []
        var imported: [String: Asset] = [:]
        inventory.assets = inventory.assets.filter { asset in
            guard asset.importedFrom != nil else { return true }
            if let declared = declaredByPURL[asset.id] {
                if let licence = asset.licence, let declaredLicence = declared.licence, licence != declaredLicence {
                    diagnostics.append(
                        Diagnostic(
                            .warning, at: asset.origin.location("licence"),
                            "SBOM gives '\(asset.id)' the licence \(licence), but asset '\(declared.id)' declares "
                                + "\(declaredLicence)", hint: "the declaration is used; correct whichever is wrong"))
                }
                return false
            }
            guard let first = imported[asset.id] else {
                imported[asset.id] = asset
                return true
            }
            if first.licence != asset.licence, first.origin.file != asset.origin.file {
                diagnostics.append(
                    Diagnostic(
                        at: asset.origin.location("licence"),
                        "component '\(asset.id)' has licence \(asset.licence ?? "none") here but "
                            + "\(first.licence ?? "none") in \(first.origin.location("licence"))",
                        hint: "regenerate the SBOMs so they agree"))
            }
            // The importers collapse repeats inside one SBOM (`SBOMComponent.mergingRepeats`).
            return first.origin.file == asset.origin.file
        }
        inventory.sboms = inventory.sboms.map { sbom in
            SBOMDocument(
                format: sbom.format, specVersion: sbom.specVersion, subject: sbom.subject, created: sbom.created,
                componentIDs: sbom.componentIDs.map { declaredByPURL[$0]?.id ?? $0 },
                componentsWithoutLicence: sbom.componentsWithoutLicence, origin: sbom.origin)
        }
        return diagnostics
    }

    /// A path relative to the directory of the file that names it (absolute paths unchanged).
    static func resolve(_ path: String, relativeTo file: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        let directory = (file as NSString).deletingLastPathComponent
        return directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path)
    }

    /// A path in a form two spellings of the same file share (`a/./b` and `a/b`).
    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Decodes a loaded document: a declaration, or an export one of the importers recognises.
    public func decode(_ root: Node, file: String) -> (Inventory, [Diagnostic]) {
        let (inventory, diagnostics, _) = decodeDetecting(root, file: file)
        return (inventory, diagnostics)
    }

    /// `decode`, with the importer that took the document (nil: it was read as a declaration),
    /// so that the importer is chosen once per file.
    private func decodeDetecting(_ root: Node, file: String) -> (Inventory, [Diagnostic], importer: (any Importer)?) {
        if let importer = exportImporter(for: root) {
            let (inventory, diagnostics) = importer.importDocument(root, file: file)
            return (inventory, diagnostics, importer)
        }
        if let misplaced = TollgateFileKind.misplaced(root, file: file, expected: .declarations) {
            return (Inventory(), [misplaced], nil)
        }
        var reader = FieldReader(node: root, file: file, pointer: "", context: "a declaration file")
        guard reader.diagnostics.isEmpty else { return (Inventory(), reader.diagnostics, nil) }
        let document = DeclarationDocument(reading: &reader)
        reader.finish()
        return (document.inventory, reader.diagnostics, nil)
    }

    /// The importer that reads the document as an export, or nil when it is a declaration (or
    /// nothing Tollgate reads). `named`: a system names the file as its export
    /// (`accounts_import`, `password_policy_import`), which settles what content alone cannot:
    /// a top-level key of a declaration (`people: []` added by a script) does not make such a
    /// file a declaration, so the first importer that recognises it reads it. (A named file
    /// among the input files that declares anything stays a declaration: `namedExports`.)
    func exportImporter(for root: Node, named: Bool = false) -> (any Importer)? {
        // A declaration is a mapping, so a list is only ever an export (Okta's list of policies).
        let mayBeExport: Bool
        switch root.kind {
        case .mapping(let entries):
            // `version` alone does not make a declaration: CycloneDX has one too.
            mayBeExport = !entries.contains { $0.key != "version" && DeclarationDocument.topLevelKeys.contains($0.key) }
        case .sequence: mayBeExport = true
        case .scalar: mayBeExport = false
        }
        return named || mayBeExport ? importers.first(where: { $0.recognises(root) }) : nil
    }

    /// Reads a document with the importer the user named, refusing content of another format.
    static func forcedImport(_ root: Node, file: String, _ importer: any Importer) -> (Inventory, [Diagnostic]) {
        guard importer.readsWhenNamed(root) else {
            return (
                Inventory(),
                [
                    Diagnostic(
                        at: SourceLocation(file: file, mark: root.mark),
                        "this does not look like a '\(importer.kind)' export",
                        hint: "check the file, or drop the --import KIND= prefix to detect the format from the content")
                ]
            )
        }
        return importer.importDocument(root, file: file)
    }

    /// The files the paths stand for, each once however it is spelled (`x`, `./x`, `d` and `d/x`,
    /// or through a symbolic link to it or to a directory above it): the first spelling is kept,
    /// in the order the paths name them, so that no file is merged twice (every id in it would be
    /// a duplicate). Files given with `--import` are left out: they are read only by the importer
    /// named for them.
    public static func inputFiles(_ paths: [String], imports: [ImportRequest]) -> ([String], [Diagnostic]) {
        var seen = Set(imports.map { resolved($0.path) })
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            let (found, problems) = expand(path)
            files += found.filter { seen.insert(resolved($0)).inserted }
            diagnostics += problems
        }
        return (files, diagnostics)
    }

    /// The real file a path names: standardized, with every symbolic link in it followed.
    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// The `--import` requests with each file once; a file named with two kinds is an error.
    static func uniqueImports(_ imports: [ImportRequest], diagnostics: inout [Diagnostic]) -> [ImportRequest] {
        var kinds: [String: String] = [:]
        return imports.filter { request in
            let file = standardized(request.path)
            guard let kind = kinds[file] else {
                kinds[file] = request.kind
                return true
            }
            if kind != request.kind {
                diagnostics.append(
                    Diagnostic(
                        at: SourceLocation(file: request.path, line: 1, column: 1),
                        "imported both as '\(kind)' and as '\(request.kind)'",
                        hint: "keep the --import of the right kind"))
            }
            return false
        }
    }

    /// The files a path stands for: itself (an error unless `readsWhenNamed`), or the YAML/JSON
    /// files below it, sorted, skipping hidden entries and not following directory links (no
    /// loops, no escaping the tree).
    static func expand(_ path: String) -> ([String], [Diagnostic]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            // A name that is not UTF-8 reaches us with U+FFFD in place of its bad bytes, so it
            // names no file; "no such file" would be wrong about a file that is there.
            if DirectoryEntry.namesUndecodableEntry(path) {
                return ([], [notUTF8(path)])
            }
            return (
                [],
                [
                    Diagnostic(
                        at: SourceLocation(file: path, line: 1, column: 1), "no such file or directory",
                        hint: "check the path")
                ]
            )
        }
        guard isDirectory.boolValue else {
            // A README or a script named by mistake would otherwise fail as a YAML syntax error.
            // An SPDX tag-value SBOM (`.spdx`) is read to say what to do with it.
            guard readsWhenNamed(path) || SPDXTagValue.isTagValue(path: path) else {
                return (
                    [],
                    [
                        Diagnostic(
                            at: SourceLocation(file: path, line: 1, column: 1),
                            "not a declaration file: Tollgate reads .yaml, .yml and .json files "
                                + "(and CycloneDX SBOMs in .xml)",
                            hint: "name declaration files or a directory holding them; rename the file if it holds "
                                + "YAML or JSON")
                    ]
                )
            }
            return ([path], [])
        }
        var found: [String] = []
        var problems: [Diagnostic] = []
        // Each folder by its bytes, as it is shown, and whether its path is UTF-8: a folder whose
        // name is not is listed too, and only the declaration files below it are errors (they
        // cannot be opened by a path Tollgate can name); images or notes there are not.
        var pending = [(bytes: Array(path.utf8), shown: path, isUTF8: true)]
        while let directory = pending.popLast() {
            // A directory or entry that cannot be read is an error, never a file quietly left
            // out of the stack.
            let entries: [DirectoryEntry]
            switch DirectoryEntry.list(bytes: directory.bytes) {
            case .success(let listed): entries = listed
            case .failure(let reason):
                problems.append(
                    Diagnostic(
                        at: SourceLocation(file: directory.shown, line: 1, column: 1),
                        "cannot read directory: \(reason)",
                        hint: "check the directory's permissions, or start its name with '.' to leave it out"))
                continue
            }
            for entry in entries where !isHidden(entry.name) {
                let separated = directory.shown.hasSuffix("/")
                let child = separated ? directory.shown + entry.name : directory.shown + "/" + entry.name
                let bytes = directory.bytes + (separated ? [] : [0x2F]) + entry.bytes
                let isUTF8 = directory.isUTF8 && entry.isUTF8
                switch entry.kind {
                case .directory:
                    pending.append((bytes, child, isUTF8))
                case .file where readsFromDirectory(entry.name):
                    if isUTF8 {
                        found.append(child)
                    } else {
                        problems.append(notUTF8(child, inFolder: entry.isUTF8))
                    }
                case .file, .other: continue
                case .unreadable(let reason):
                    problems.append(FileAccess.refused(reason).diagnostic(shown: child))
                }
            }
        }
        return (found.sorted(), problems)
    }

    /// A path whose name, or a folder's name in it (`inFolder`), is not valid UTF-8, shown with
    /// U+FFFD in place of the bad bytes.
    private static func notUTF8(_ shown: String, inFolder: Bool = false) -> Diagnostic {
        guard inFolder else {
            return Diagnostic(
                at: SourceLocation(file: shown, line: 1, column: 1),
                "the name is not valid UTF-8 (its bad bytes are shown as U+FFFD), so Tollgate cannot open it",
                hint: "rename it with a UTF-8 name (in a stack directory, a name that starts with '.' is left out)")
        }
        return Diagnostic(
            at: SourceLocation(file: shown, line: 1, column: 1),
            "a folder's name in this path is not valid UTF-8 (its bad bytes are shown as U+FFFD), so Tollgate "
                + "cannot open this declaration file",
            hint: "rename the folder with a UTF-8 name, or start its name with '.' to leave it out")
    }

    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }.sorted()
    }
}
