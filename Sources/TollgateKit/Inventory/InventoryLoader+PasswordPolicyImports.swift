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
    func attachPasswordPolicyImports(
        _ inventory: inout Inventory, loader: DocumentLoader, diagnostics: inout [Diagnostic]
    ) {
        var byPath: [String: ImportedPasswordPolicy] = [:]
        for imported in inventory.importedPasswordPolicies { byPath[Self.standardised(imported.file)] = imported }
        var used = Set<String>()
        for index in inventory.systems.indices {
            guard let security = inventory.systems[index].security, let path = security.passwordPolicyImport else {
                continue
            }
            let file = Self.resolve(path, relativeTo: security.origin.file)
            let key = Self.standardised(file)
            if byPath[key] == nil, let problem = Self.unreadable(file) {
                // Said at the key that names the export: the export has no position of its own.
                diagnostics.append(
                    Diagnostic(
                        at: security.origin.location("password_policy_import"),
                        "password_policy_import '\(path)'\(file == path ? "" : " (resolved to \(file))") \(problem)",
                        hint: path.hasPrefix("/")
                            ? "correct the path, or save the export there"
                            : "the path is relative to the declaring file, \(security.origin.file); correct it, or save the export there"
                    ))
                continue
            }
            if byPath[key] == nil {
                let declaringName = inventory.fileNames[security.origin.file] ?? security.origin.file
                load(
                    export: file, as: key, named: InputFileNames.name(of: path, declaredIn: declaringName),
                    loader: loader, into: &inventory, byPath: &byPath, diagnostics: &diagnostics)
            }
            guard let imported = byPath[key] else {
                if !diagnostics.contains(where: { $0.location.file == file && $0.level == .error }) {
                    diagnostics.append(
                        Diagnostic(
                            at: security.origin.location("password_policy_import"),
                            "'\(path)' is not a password-policy export Tollgate can read",
                            hint:
                                "save the output of `aws iam get-account-password-policy`, or an Okta PASSWORD policy object"
                        ))
                }
                continue
            }
            used.insert(key)
            inventory.systems[index].security?.passwordPolicy = imported.policy
        }
        for (key, imported) in byPath where !used.contains(key) {
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(file: imported.file, line: 1, column: 1),
                    "\(imported.kind) export is not linked to any system",
                    hint: "add `password_policy_import: <path to this file>` under the system's `security`"))
        }
    }

    /// Loads an export that was not among the input files; `name` is its name in findings about
    /// the file itself (`InputFileNames`).
    private func load(
        export file: String, as key: String, named name: String, loader: DocumentLoader,
        into inventory: inout Inventory,
        byPath: inout [String: ImportedPasswordPolicy], diagnostics: inout [Diagnostic]
    ) {
        // Read and scanned for secrets as every input file is (`loadFile`).
        switch loader.read(path: file).flatMap({ loader.loadScanningSecrets(data: $0, displayPath: file) }) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
        case .success(let (root, secrets, duplicates)):
            diagnostics += duplicates
            guard let importer = importers.first(where: { $0.recognises(root) }) else { return }
            let (part, problems) = importer.importDocument(root, file: file)
            diagnostics += problems
            inventory.sourceFiles += [file]
            inventory.fileNames[file] = name
            inventory.exposedSecrets += secrets
            for imported in part.importedPasswordPolicies { byPath[key] = imported }
        }
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

    static func standardised(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (absolute as NSString).standardizingPath
    }
}
