import ArgumentParser
import Foundation
import TollgateKit

/// One `--report FORMAT[=PATH]`: a format, and the file to write it to (standard output when
/// there is none).
struct ReportRequest: Hashable, Sendable {
    let format: ReportFormat
    let path: String?

    /// Parses `junit=out/junit.xml` or `text`.
    static func parse(_ argument: String) throws -> ReportRequest {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        guard let format = ReportFormat(rawValue: name) else {
            let names = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown report format '\(name)' in --report \(argument); use one of \(names)")
        }
        if parts.count == 2 {
            guard !parts[1].isEmpty else {
                throw ValidationError(
                    "--report \(argument) names no file; write \(name)=PATH, or \(name) for standard output")
            }
            return ReportRequest(format: format, path: String(parts[1]))
        }
        return ReportRequest(format: format, path: nil)
    }

    /// The formats other than text whose files end like `path` (`.json`: json or gitlab), or
    /// nil when the extension names none of them.
    static func formatsNamed(by path: String) -> [ReportFormat]? {
        let suffix = (path as NSString).pathExtension.lowercased()
        let formats = ReportFormat.allCases.filter { $0.fileExtension == suffix && $0.fileExtension != "txt" }
        return formats.isEmpty ? nil : formats
    }

    /// Checks a set of requests: at most one report on standard output, no file written twice.
    static func check(_ requests: [ReportRequest], _ problems: inout UsageProblems) {
        let toStdout = requests.filter { $0.path == nil }
        if toStdout.count > 1 {
            problems.add(
                "only one report can go to standard output; give the others a file, e.g. --report \(toStdout[1].format.rawValue)=out/report.\(toStdout[1].format.fileExtension)"
            )
        }
        // Keyed on the file each path lands on: `a.xml`, `./a.xml`, `$PWD/a.xml` or a link to
        // it are one file, and the report renamed there last would silently replace the other.
        var seen: [String: String] = [:]
        for path in requests.compactMap(\.path) {
            let file = OutputFile.identity(path)
            if let first = seen[file] {
                problems.add(
                    first == path
                        ? "two reports would be written to \(path)"
                        : "two reports would be written to \(first) (also named \(path))")
                continue
            }
            seen[file] = path
        }
    }
}

/// The files a command reads, so that an output naming one of them is refused before anything
/// is written: the report would replace the declarations, the baseline or the policy it was
/// made from, and the next run would fail on it.
struct CommandInputs {
    /// Resolved paths (`OutputFile.identity`) of the files read.
    private var files: Set<String> = []
    /// Resolved directories read whole (a bundle directory): nothing below them is written.
    private var directories: [String] = []
    /// Resolved declaration directories (each ending in `/`): a file the loader would read from
    /// them (`.json`, `.yaml`, not hidden) is not written, or the next run reads it as input.
    private var stacks: [(resolved: String, shown: String)] = []

    /// The declaration files the paths stand for (directories expanded as the loader does),
    /// the `--import` files, and every other file an option names (`--policy`, `--waivers`,
    /// `--baseline`, `--trust`, `--bundle`).
    init(paths: [String], imports: [ImportRequest], others: [String?] = []) {
        self.init(
            declarations: InventoryLoader.inputFiles(paths, imports: imports).0, imports: imports, others: others,
            stacks: paths)
    }

    /// As `init(paths:imports:others:)`, with the declaration files already listed
    /// (`InventoryLoader.inputFiles`), so that a command that loads them lists the directories once.
    init(declarations: [String], imports: [ImportRequest], others: [String?] = [], stacks paths: [String] = []) {
        for path in paths {
            if let directory = Self.directory(OutputFile.identity(path)) { stacks.append((directory, path)) }
        }
        for path in declarations + imports.map(\.path) + others.compactMap({ $0 }) {
            let file = OutputFile.identity(path)
            if let directory = Self.directory(file) {
                directories.append(directory)
            } else {
                files.insert(file)
            }
        }
    }

    /// `path` ending in `/` when it is a directory (so that a prefix test stops at a name), else nil.
    private static func directory(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// The inputs of a command that checks a stack: declarations and imports, `--policy`,
    /// `--waivers`, `--baseline`, and with `--bundle` the bundle, its trust file and the
    /// rollback state file. `declarations` are the declaration files when the caller has listed
    /// them already (`InventoryLoader.inputFiles`); nil lists them here.
    init(
        _ input: InputOptions, declarations: [String]? = nil, policies: [String], signed: SignedPolicyOptions,
        exceptions: ExceptionOptions, baseline: String? = nil
    ) throws {
        var others: [String?] = policies + exceptions.waiverFiles + [baseline]
        if let bundle = signed.bundle { others += [bundle, signed.trust, signed.state.resolved] }
        let imports = try input.importRequests
        self.init(
            declarations: declarations ?? InventoryLoader.inputFiles(input.paths, imports: imports).0, imports: imports,
            others: others, stacks: input.paths)
    }

    /// Refuses every report of `requests` written to a file that is an input.
    func refuse(_ requests: [ReportRequest], output: String?) throws {
        for request in requests {
            guard let path = request.path else { continue }
            let option = path == output ? "--output \(path)" : "--report \(request.format.rawValue)=\(path)"
            try refuse(output: path, option: option)
        }
    }

    /// Refuses (exit 64) an output that is one of the inputs or lies in a directory read
    /// whole. `option` is how the output was named (`--output x`, `--report json=x`).
    func refuse(output path: String, option: String, what: String = "report") throws {
        let file = OutputFile.identity(path)
        if files.contains(file) || directories.contains(where: { file.hasPrefix($0) }) {
            throw ValidationError("\(option) is one of the inputs; write the \(what) elsewhere")
        }
        if let stack = stacks.first(where: {
            file.hasPrefix($0.resolved)
                && InventoryLoader.readsFromDirectory(relativePath: String(file.dropFirst($0.resolved.count)))
        }) {
            // The loader reads every .json/.yaml in the directory: the next check would take the
            // report for declarations and stop on it.
            throw ValidationError(
                "\(option) is inside the declaration directory \(stack.shown), so the next check would read the \(what) as declarations; write it outside that directory (or in a folder whose name starts with '.')"
            )
        }
    }
}

/// Writing reports to files or standard output.
enum Output {
    /// Writes every requested report into a temporary file beside its target, then puts them
    /// all in place (`OutputFile.commitAll`), so a failure leaves no file touched and a reader
    /// never sees half a report. Reports
    /// for standard output are rendered in memory and printed after the files are in place.
    static func emit(
        _ report: Report, requests: [ReportRequest], paths: RepositoryPaths, timer: PhaseTimer = .disabled
    ) throws {
        var staged: [OutputFile.Staged?] = []
        for request in requests {
            if let path = request.path {
                do {
                    staged.append(try OutputFile.Staged(path: path))
                } catch {
                    staged.forEach { $0?.discard() }
                    throw cannotWrite(path, error)
                }
            } else {
                staged.append(nil)
            }
        }
        let jobs = Array(zip(requests, staged))
        let write: @Sendable (ReportRequest, OutputFile.Staged?) -> Result<Data?, Error> = { request, file in
            let color =
                request.path == nil && request.format == .text && isatty(STDOUT_FILENO) == 1
                && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
            return Result { () throws -> Data? in
                try timer.measure("report.\(request.format.rawValue)") {
                    let reporter = request.format.reporter(color: color, paths: paths)
                    guard let file else { return try reporter.render(report) }
                    try reporter.write(report, to: file)
                    return nil
                }
            }
        }
        // The reports are independent. JUnit (155 MB for an L stack) writes its test cases on
        // all cores itself, which it can only do on this thread: libdispatch runs a parallel
        // loop nested in another on one thread. The other reports are written alongside it.
        let background = jobs.indices.filter { jobs[$0].0.format != .junit }
        let others = Background { background.map { write(jobs[$0].0, jobs[$0].1) } }
        var results: [Result<Data?, Error>?] = jobs.map { $0.0.format == .junit ? write($0.0, $0.1) : nil }
        for (index, result) in zip(background, others.wait()) { results[index] = result }
        for (index, result) in results.enumerated() {
            guard case .failure(let error)? = result else { continue }
            staged.forEach { $0?.discard() }
            throw requests[index].path.map { cannotWrite($0, error) } ?? error
        }
        let files = staged.compactMap { $0 }
        do {
            try timer.measure("report.write") { try OutputFile.commitAll(files) }
        } catch {
            // commitAll leaves every target as it was; name the file whose write failed.
            let path = ((error as NSError).userInfo[NSFilePathErrorKey] as? String) ?? files.first?.path ?? "reports"
            throw cannotWrite(path, error)
        }
        for case .success(let data?)? in results { try Console.write(data) }
        if !requests.contains(where: { $0.path == nil && ($0.format == .text || $0.format == .github) }) {
            // Keep the human summary on stderr when no report that ends with it (text, GitHub
            // annotations) goes to standard output; otherwise the log would show it twice.
            FileHandle.standardError.write(Data(summaryLine(report).utf8))
        }
    }

    /// Writes `data` to `path` atomically.
    static func write(_ data: Data, to path: String) throws {
        do {
            try OutputFile.write(data, to: path)
        } catch {
            throw cannotWrite(path, error)
        }
    }

    /// A file that cannot be written means the command could not do its job: exit 2 with the
    /// reason, as for invalid input (not 64, which is for mistakes in the arguments themselves).
    static func cannotWrite(_ path: String, _ error: Error) -> Error {
        Console.error("error: cannot write \(path): \(error.localizedDescription)")
        return ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
    }

    static func summaryLine(_ report: Report) -> String {
        if report.isInvalidInput {
            let text = String(decoding: (try? TextReporter().render(report)) ?? Data(), as: UTF8.self)
            return text
        }
        return TextReporter().summary(report) + "\n"
    }
}
