import Foundation

/// Attaching imported password-policy exports to the systems that name them.
///
/// A system says where its real configuration lives:
/// ```yaml
/// security:
///   mfa_enforced: all
///   password_policy_import: exports/aws-iam-password-policy.json   # relative to this file
/// ```
/// The export stays byte-for-byte what the vendor's API returned, so a pipeline can refresh it
/// with `aws iam get-account-password-policy > exports/aws-iam-password-policy.json` and check.
/// It may sit in the stack's directory (it is then loaded with the declarations and recognised
/// by an importer) or anywhere else (it is loaded when a system names it). Several systems may
/// share one export (an Okta org behind many tools). An export that no system names is an
/// error, because its findings would belong to nobody.
extension InventoryLoader {
    /// The link from a system's `security` to its password-policy export.
    static var passwordPolicies: ExportLink<ImportedPasswordPolicy> {
        ExportLink(
            key: "password_policy_import", what: "password-policy export",
            formats: "save the output of `aws iam get-account-password-policy`, or an Okta PASSWORD policy object",
            placement: "under the system's `security`",
            named: { system in
                system.security.flatMap { security in security.passwordPolicyImport.map { ($0, security.origin) } }
            },
            exports: \.importedPasswordPolicies, file: \.file, kind: \.kind)
    }

    func attachPasswordPolicyImports(
        _ inventory: inout Inventory, loader: DocumentLoader, diagnostics: inout [Diagnostic]
    ) {
        link(Self.passwordPolicies, &inventory, loader: loader, diagnostics: &diagnostics) {
            index, imported, inventory, _ in
            inventory.systems[index].security = inventory.systems[index].security?.importing(imported.policy)
        }
    }

    /// Attaches the exports of one kind to the systems that name them, with `attach` (given the
    /// system's index and the export), loading those not among the input files. A path that
    /// names no readable file is reported at the key that names it; an export that no system
    /// names is an error, because its findings would belong to nobody.
    func link<Imported>(
        _ link: ExportLink<Imported>, _ inventory: inout Inventory, loader: DocumentLoader,
        diagnostics: inout [Diagnostic],
        attach: (Int, Imported, inout Inventory, inout [Diagnostic]) -> Void
    ) {
        var byPath: [String: Imported] = [:]
        for imported in link.exports(inventory) { byPath[Self.standardized(link.file(imported))] = imported }
        var used = Set<String>()
        // An export among the input files that its importer refused is not read a second time
        // (its problems, and the credentials found in it, were reported once already), nor is
        // one that several systems name and that gave no export the first time.
        var read = Set(inventory.sourceFiles.map(Self.standardized))
        for index in inventory.systems.indices {
            guard let (path, origin) = link.named(inventory.systems[index]) else { continue }
            let file = Self.resolve(path, relativeTo: origin.file)
            let key = Self.standardized(file)
            if byPath[key] == nil, let problem = Self.unreadable(file) {
                // Said at the key that names the export: the export has no position of its own.
                diagnostics.append(
                    Diagnostic(
                        at: origin.location(link.key),
                        "\(link.key) '\(path)'\(file == path ? "" : " (resolved to \(file))") \(problem)",
                        hint: path.hasPrefix("/")
                            ? "correct the path, or save the export there"
                            : "the path is relative to the declaring file, \(origin.file); correct it, or save the export there"
                    ))
                continue
            }
            if byPath[key] == nil, !read.contains(key) {
                let declaringName = inventory.fileNames[origin.file] ?? origin.file
                let part = load(
                    export: file, named: InputFileNames.name(of: path, declaredIn: declaringName), as: link,
                    loader: loader, into: &inventory, diagnostics: &diagnostics)
                read.insert(key)
                for imported in part.map(link.exports) ?? [] { byPath[key] = imported }
            }
            guard let imported = byPath[key] else {
                if !diagnostics.contains(where: { $0.location.file == file && $0.level == .error }) {
                    diagnostics.append(
                        Diagnostic(
                            at: origin.location(link.key), "'\(path)' is not a \(link.what) Tollgate can read",
                            hint: link.formats))
                }
                continue
            }
            used.insert(key)
            attach(index, imported, &inventory, &diagnostics)
        }
        for (key, imported) in byPath where !used.contains(key) {
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(file: link.file(imported), line: 1, column: 1),
                    "\(link.kind(imported)) export is not linked to any system",
                    hint: "add `\(link.key): <path to this file>` \(link.placement)"))
        }
    }

    /// Loads an export that was not among the input files (or was, but was not recognised and
    /// so left to be read here as what its name says), and returns what was read from it;
    /// `name` is its name in findings about the file itself (`InputFileNames`).
    private func load<Imported>(
        export file: String, named name: String, as link: ExportLink<Imported>, loader: DocumentLoader,
        into inventory: inout Inventory, diagnostics: inout [Diagnostic]
    ) -> Inventory? {
        let data: Data
        switch loader.read(path: file, whole: true) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .success(let bytes): data = bytes
        }
        let decoded: (inventory: Inventory, diagnostics: [Diagnostic])
        var secrets: [ExposedSecret] = []
        // Checked on the bytes: parsed, the CSV would be called YAML (as `loadFile` does for a
        // file given with `--import` of a user-list kind).
        if link.readsUserList, let csv = UserExportDetection.adminConsoleCSV(data, file: file) {
            diagnostics.append(csv)
            return nil
        } else if let read = link.read, DocumentLoader.isBlank(data) {
            decoded = read(nil, file).decoded
        } else {
            // Read and scanned for secrets as every input file is (`loadFile`).
            switch loader.loadScanningSecrets(data: data, displayPath: file) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            case .success(let (root, found, duplicates)):
                diagnostics += duplicates
                secrets = found
                let importer: (any Importer)?
                if let recognising = exportImporter(for: root, named: true) {
                    decoded = recognising.importDocument(root, file: file)
                    importer = recognising
                } else if let read = link.read {
                    (decoded, importer) = read(root, file)
                } else {
                    return nil
                }
                // The importer that read the file knows which of its fields hold no secret.
                secrets = importer.map { $0.keptSecrets(found, in: root) } ?? found
            }
        }
        diagnostics += decoded.diagnostics
        inventory.sourceFiles += [file]
        inventory.fileNames[file] = name
        inventory.exposedSecrets += secrets
        return decoded.inventory
    }

    /// Why an export named by a system cannot be read, or nil when it can be.
    static func unreadable(_ file: String) -> String? {
        switch FileAccess.check(file) {
        case .readable: return nil
        case .missing: return "does not exist"
        case .directory: return "is a directory, not an export file"
        case .refused(let reason): return "cannot be read (\(reason))"
        }
    }
}
