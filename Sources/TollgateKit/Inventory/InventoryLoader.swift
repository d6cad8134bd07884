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

    public let limits: LoadLimits
    public let taxonomy: Taxonomy
    public let importers: [any Importer]
    /// Whether files are read and decoded on all cores (the merged result is the same).
    var parallel = true

    public init(limits: LoadLimits = .default, taxonomy: Taxonomy = .standard, importers: [any Importer] = []) {
        self.limits = limits
        self.taxonomy = taxonomy
        self.importers = importers
    }

    /// Loads every file named, and every YAML/JSON file below every directory named.
    public func load(paths: [String], timer: PhaseTimer = .disabled) -> Outcome {
        var diagnostics: [Diagnostic] = []
        var files: [String] = []
        for path in paths {
            let (found, problems) = Self.expand(path)
            files += found
            diagnostics += problems
        }
        // Each file is read, parsed and decoded on its own (on all cores), so only a file's node
        // tree per core is alive at a time; the decoded parts are then merged in file order.
        let parts = files.concurrentMap(parallel: parallel) { file in loadFile(file, timer: timer) }
        var digests: [String: String] = [:]
        for (file, part) in zip(files, parts) {
            if let digest = part.digest { digests[file] = digest }
        }
        let outcome = timer.measure("load.merge+validate") { merge(parts.map { ($0.file, $0.decoded) }) }
        if files.isEmpty && diagnostics.isEmpty {
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(file: paths.first ?? ".", line: 1, column: 1),
                    "no declaration files found", hint: "name .yaml, .yml or .json files, or a directory holding them"))
        }
        return Outcome(
            inventory: outcome.inventory, diagnostics: Self.unique(diagnostics + outcome.diagnostics), files: files,
            digests: digests)
    }

    /// Loads one declaration held in memory (rule examples, tests, embedding programs).
    public func load(text: String, name: String) -> Outcome {
        let decoded = DocumentLoader(limits: limits).load(data: Data(text.utf8), displayPath: name).map {
            decode($0, file: name)
        }
        let outcome = merge([(name, decoded)])
        return Outcome(inventory: outcome.inventory, diagnostics: Self.unique(outcome.diagnostics), files: [name])
    }

    /// One file read, parsed and decoded: its part of the inventory (or why there is none).
    private struct LoadedFile: Sendable {
        let file: String
        let digest: String?
        let decoded: Result<(Inventory, [Diagnostic]), Diagnostic>
    }

    /// Reads, digests, parses and decodes one file.
    private func loadFile(_ file: String, timer: PhaseTimer) -> LoadedFile {
        let documentLoader = DocumentLoader(limits: limits)
        let clock = ContinuousClock()
        var start = clock.now
        let data = documentLoader.read(path: file)
        let digest = try? data.map { SHA256.hex($0) }.get()
        timer.add("load.read", clock.now - start)
        start = clock.now
        let root = data.flatMap { documentLoader.load(data: $0, displayPath: file) }
        timer.add("load.parse", clock.now - start)
        start = clock.now
        let decoded = root.map { decode($0, file: file) }
        timer.add("load.decode", clock.now - start)
        return LoadedFile(file: file, digest: digest, decoded: decoded)
    }

    /// Merges decoded documents in order and validates the whole.
    private func merge(
        _ documents: [(String, Result<(Inventory, [Diagnostic]), Diagnostic>)]
    ) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        var inventory = Inventory()
        var diagnostics: [Diagnostic] = []
        for (_, loaded) in documents {
            switch loaded {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let (part, problems)):
                diagnostics += problems
                if let existing = inventory.organization, let new = part.organization {
                    diagnostics.append(
                        Diagnostic(
                            at: new.origin.location, "organization is declared twice",
                            hint: "keep one `organization:`; the first is at \(existing.origin.location)"))
                }
                inventory.merge(part)
            }
        }
        diagnostics += InventoryValidator(taxonomy: taxonomy).validate(inventory)
        return (inventory, diagnostics)
    }

    /// Decodes a loaded document: a declaration, or an export one of the importers recognises.
    public func decode(_ root: Node, file: String) -> (Inventory, [Diagnostic]) {
        if case .mapping(let entries) = root.kind,
            !entries.contains(where: { DeclarationDocument.topLevelKeys.contains($0.key) }),
            let importer = importers.first(where: { $0.recognises(root) })
        {
            return importer.importDocument(root, file: file)
        }
        var reader = FieldReader(node: root, file: file, pointer: "", context: "a declaration file")
        guard reader.diagnostics.isEmpty else { return (Inventory(), reader.diagnostics) }
        let document = DeclarationDocument(reading: &reader)
        reader.finish()
        return (document.inventory, reader.diagnostics)
    }

    /// The files a path stands for: itself, or the YAML/JSON files below it, sorted, skipping
    /// hidden entries and not following directory links (no loops, no escaping the tree).
    static func expand(_ path: String) -> ([String], [Diagnostic]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return (
                [],
                [
                    Diagnostic(
                        at: SourceLocation(file: path, line: 1, column: 1), "no such file or directory",
                        hint: "check the path")
                ]
            )
        }
        guard isDirectory.boolValue else { return ([path], []) }
        var found: [String] = []
        var pending = [path]
        while let directory = pending.popLast() {
            let children = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in children where !name.hasPrefix(".") {
                let child = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                let attributes = try? FileManager.default.attributesOfItem(atPath: child)
                let type = attributes?[.type] as? FileAttributeType
                if type == .typeDirectory {
                    pending.append(child)
                } else if type == .typeRegular || type == .typeSymbolicLink,
                    fileExtensions.contains((name as NSString).pathExtension.lowercased())
                {
                    found.append(child)
                }
            }
        }
        return (found.sorted(), [])
    }

    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }.sorted()
    }
}
