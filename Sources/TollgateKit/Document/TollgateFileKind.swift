/// The kinds of YAML/JSON file Tollgate reads or writes, recognised from a parsed document's
/// shape, so that a file found where another kind belongs is named for what it is.
///
/// A report written into a declaration directory is read as declarations by the next run, and a
/// policy pack given as `--baseline` is read as a baseline: each key of the wrong format then
/// came back as "unknown key … remove it", which sends the user to edit a file that is fine
/// (and a JSON report, which has `findings`, was called a baseline).
enum TollgateFileKind: Sendable, Equatable {
    case declarations, policyPack, waivers, baseline, bundleState
    case jsonReport, sarifReport, gitLabReport, evidenceRecord, signedManifest

    /// The kind in the words of a message, e.g. "a policy pack".
    var name: String {
        switch self {
        case .declarations: return "a declaration file"
        case .policyPack: return "a policy pack"
        case .waivers: return "a waivers file"
        case .baseline: return "a baseline file"
        case .bundleState: return "a bundle rollback state file"
        case .jsonReport: return "a JSON report (`--report json`)"
        case .sarifReport: return "a SARIF report (`--report sarif`)"
        case .gitLabReport: return "a GitLab Code Quality report (`--report gitlab`)"
        case .evidenceRecord: return "the audit.json of an evidence pack (`tollgate audit --output`)"
        case .signedManifest: return "the manifest.json of a policy bundle or an evidence pack"
        }
    }

    /// The option that reads a file of this kind; nil for declarations (named as paths) and for
    /// what Tollgate only writes.
    var option: String? {
        switch self {
        case .policyPack: return "--policy"
        case .waivers: return "--waivers"
        case .baseline: return "--baseline"
        case .bundleState: return "--bundle-state"
        case .declarations, .jsonReport, .sarifReport, .gitLabReport, .evidenceRecord, .signedManifest: return nil
        }
    }

    /// What the option reading this kind expects, for a file of another kind given to it.
    var expected: String {
        switch self {
        case .policyPack: return "a policy pack (name, include, rules), e.g. one of policies/"
        case .waivers: return "a waivers file (version and a list of waivers)"
        case .baseline: return "a baseline written by `tollgate baseline create`"
        case .bundleState: return "the rollback state that bundle verification writes"
        default: return name
        }
    }

    /// What to do with `file`, of this kind, read where `kind` was expected: given to `kind`'s
    /// option, or (`kind` is `.declarations`) found in a directory named as declarations, where
    /// the user did not choose it and the advice is to keep it elsewhere.
    func advice(insteadOf kind: TollgateFileKind, file: String) -> String {
        let wanted = "\(kind.option.map { "\($0) expects" } ?? "expected") \(kind.expected)"
        let stray = kind == .declarations
        let directories = "the directories named as declarations"
        switch self {
        case .declarations:
            return wanted + "; name declaration files as paths, without an option"
        case .policyPack, .waivers, .baseline, .bundleState:
            let name = file.split(separator: "/").last.map(String.init) ?? file
            return stray
                ? "pass it with \(option ?? "") only, and keep it out of \(directories) (e.g. as .tollgate/\(name))"
                : wanted + "; pass this file with \(option ?? "")"
        case .jsonReport, .sarifReport, .gitLabReport:
            return stray
                ? "Tollgate wrote this report: move it out of \(directories) and write reports elsewhere (a folder "
                    + "whose name starts with '.' is not read), or name the declaration files instead of the directory"
                : wanted + "; this is a report Tollgate wrote"
        case .evidenceRecord, .signedManifest:
            return stray
                ? "it belongs to an evidence pack or policy bundle: move that directory out of \(directories), or "
                    + "name the declaration files instead of the directory"
                : wanted + "; this file is part of a pack Tollgate wrote"
        }
    }

    /// A kind and the key (or, for a list, the document) that shows it.
    struct Found: Sendable {
        let kind: TollgateFileKind
        let mark: Mark
        /// The JSON pointer of the key that shows the kind ("" for the whole document).
        let pointer: String
    }

    /// The kinds `root` has the marks of, most specific first: one for a file that names its
    /// format (`format: tollgate-evidence/1`), possibly several for a mapping with the keys of
    /// more than one format (a declaration file with a stray `waivers:` key), none for a
    /// document that is none of these.
    static func kinds(of root: Node) -> [Found] {
        switch root.kind {
        case .scalar: return []
        case .sequence(let items):
            // GitLab Code Quality is a list of issues. An empty list is no evidence of it.
            let isIssue: (Node) -> Bool = { item in
                guard case .mapping(let entries) = item.kind else { return false }
                return entries.contains { $0.key == "check_name" } && entries.contains { $0.key == "fingerprint" }
            }
            return !items.isEmpty && items.allSatisfy(isIssue)
                ? [Found(kind: .gitLabReport, mark: root.mark, pointer: "")] : []
        case .mapping(let entries):
            func entry(_ key: String) -> Node.Entry? { entries.first { $0.key == key } }
            func found(_ kind: TollgateFileKind, _ entry: Node.Entry) -> Found {
                Found(kind: kind, mark: entry.keyMark, pointer: "/" + entry.key)
            }
            if let format = entry("format"), case .scalar(let text, _) = format.value.kind {
                for (prefix, kind) in formats where text.hasPrefix(prefix) { return [found(kind, format)] }
            }
            var all: [Found] = []
            if let declared = entries.first(where: {
                $0.key != "version" && DeclarationDocument.topLevelKeys.contains($0.key)
            }) {
                all.append(found(.declarations, declared))
            }
            if entry("format_version") != nil, let findings = entry("findings") {
                all.append(found(.jsonReport, findings))
            } else if let runs = entry("runs") {
                all.append(found(.sarifReport, runs))
            } else {
                for (key, kind) in markerKeys {
                    if let marked = entry(key), !all.contains(where: { $0.kind == kind }) {
                        all.append(found(kind, marked))
                    }
                }
            }
            return all
        }
    }

    /// The `format` values of the files that name their format, by prefix (any version).
    private static let formats: [(prefix: String, kind: TollgateFileKind)] = [
        ("tollgate-evidence/", .evidenceRecord), ("tollgate-bundle/", .signedManifest),
        ("tollgate-bundle-state/", .bundleState),
    ]

    /// The top-level keys that mark the formats without a `format` value.
    private static let markerKeys: [(key: String, kind: TollgateFileKind)] = [
        ("waivers", .waivers), ("findings", .baseline), ("rules", .policyPack), ("include", .policyPack),
    ]

    /// The error for a document read as `expected` that is plainly another kind of Tollgate
    /// file, or nil (it is of the kind expected, or of none: its own problems say what is wrong).
    ///
    /// Read as declarations, such a file was found in a directory of the stack: a waivers file,
    /// baseline or policy pack kept there, where "unknown key 'waivers' … remove it" would send
    /// the user to delete their waivers, or a report written there (`--report json=stack/out.json`)
    /// and read by the next run, where a JSON report was called a baseline and a SARIF report
    /// got "unknown key 'runs' … remove it". An error, not a warning: the directory no longer
    /// holds only declarations, and a warning that skipped the file would let a stray file (or a
    /// declaration file shaped like one) go unread without failing the gate.
    static func misplaced(_ root: Node, file: String, expected: TollgateFileKind) -> Diagnostic? {
        let found = kinds(of: root)
        guard let other = found.first, !found.contains(where: { $0.kind == expected }) else { return nil }
        return Diagnostic(
            at: SourceLocation(
                file: file, mark: other.mark, pointer: other.pointer),
            "this is \(other.kind.name), not \(expected.name)", hint: other.kind.advice(insteadOf: expected, file: file)
        )
    }
}
