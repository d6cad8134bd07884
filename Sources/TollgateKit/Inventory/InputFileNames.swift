import Foundation

/// How a finding about a file itself (ACC-018, subject `file:NAME`) names the file, so that the
/// subject id, and the fingerprint made from it, do not depend on how or from where the stack was
/// named: `tollgate check stack`, `./stack`, `/abs/path/stack`, or `.` from inside it all give
/// `file:api-keys.yaml`. Baselines, waivers, `audit diff` and the history match findings by that
/// fingerprint.
///
/// - A file below a directory named on the command line is named by its path relative to that
///   directory (the outermost one when several named directories hold it): `systems/crm.yaml`.
/// - A file named on its own, or with `--import`, is named by its file name: `gtm.json`.
/// - An SBOM or export that a declaration points at (`sbom.path`, `password_policy_import`) and
///   that was not among those is named by the path the declaration gives, joined to the
///   declaring file's name: `../exports/okta.json`; an absolute path stays as written.
///
/// Which named paths are directories is asked of the file system, and files are placed under
/// them by `InventoryLoader.standardized`; the names themselves are normalised lexically
/// (`LexicalPath`), as `RepositoryPaths` does: no symbolic links followed.
enum InputFileNames {
    /// The names of `files` (the files read, as spelled), given the `paths` named on the command line.
    static func names(of files: [String], paths: [String]) -> [String: String] {
        let roots = paths.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        .map(InventoryLoader.standardized).sorted { $0.count < $1.count }
        var names: [String: String] = [:]
        for file in files {
            let absolute = InventoryLoader.standardized(file)
            if let root = roots.first(where: { absolute.hasPrefix($0 == "/" ? "/" : $0 + "/") }) {
                names[file] = String(absolute.dropFirst(root == "/" ? 1 : root.count + 1))
            } else {
                names[file] = (absolute as NSString).lastPathComponent
            }
        }
        return names
    }

    /// The name of a file that a declaration named `declaringName` points at with `path`.
    static func name(of path: String, declaredIn declaringName: String) -> String {
        if path.hasPrefix("/") { return LexicalPath.normalized(path) }
        let directory = (declaringName as NSString).deletingLastPathComponent
        return LexicalPath.normalized(directory.isEmpty ? path : directory + "/" + path)
    }
}

extension Inventory {
    /// How ACC-018 names each of `files` (paths as read) in its subjects: by `fileNames`
    /// (`InputFileNames`), or by the path normalised when there is no entry. Where two files
    /// would share a name (`a/main.yaml` and `b/main.yaml` named as `a b`), both are named by
    /// their normalised paths as read instead, so no two files share a subject.
    public func subjectNames(of files: [String]) -> [String: String] {
        var names: [String: String] = [:]
        var owners: [String: Set<String>] = [:]
        for file in files {
            let name = fileNames[file] ?? LexicalPath.normalized(file)
            names[file] = name
            owners[name, default: []].insert(file)
        }
        for (_, shared) in owners where shared.count > 1 {
            for file in shared { names[file] = LexicalPath.normalized(file) }
        }
        return names
    }
}
