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

    /// Checks a set of requests: at most one report on standard output, no file written twice.
    static func validate(_ requests: [ReportRequest]) throws {
        let toStdout = requests.filter { $0.path == nil }
        if toStdout.count > 1 {
            throw ValidationError(
                "only one report can go to standard output; give the others a file, e.g. --report \(toStdout[1].format.rawValue)=out/report.\(toStdout[1].format.fileExtension)"
            )
        }
        var seen = Set<String>()
        for path in requests.compactMap(\.path) where !seen.insert(path).inserted {
            throw ValidationError("two reports would be written to \(path)")
        }
    }
}

/// Writing reports to files or standard output.
enum Output {
    /// Renders every requested report first, then writes each file atomically, so a failure
    /// to render leaves no file touched and a reader never sees half a report.
    static func emit(
        _ report: Report, requests: [ReportRequest], paths: RepositoryPaths, timer: PhaseTimer = .disabled
    ) throws {
        // Every report is rendered before any is written, so a failure leaves no partial set;
        // they are independent, so they render on all cores (JUnit and SARIF of an L stack
        // take about a second each).
        let results = requests.concurrentMap { request in
            let color =
                request.path == nil && request.format == .text && isatty(STDOUT_FILENO) == 1
                && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
            return Result {
                try timer.measure("report.\(request.format.rawValue)") {
                    try request.format.reporter(color: color, paths: paths).render(report)
                }
            }
        }
        let rendered = try zip(requests, results).map { ($0, try $1.get()) }
        for (request, data) in rendered {
            if let path = request.path {
                try timer.measure("report.write") { try write(data, to: path) }
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
        if !requests.contains(where: { $0.path == nil && $0.format == .text }) {
            // Keep the human summary on stderr when no text report goes to standard output.
            FileHandle.standardError.write(Data(summaryLine(report).utf8))
        }
    }

    /// Writes `data` to `path` atomically. A file that cannot be written means the command could
    /// not do its job: exit 2 with the reason, as for invalid input (not 64, which is for
    /// mistakes in the arguments themselves).
    static func write(_ data: Data, to path: String) throws {
        do {
            try OutputFile.write(data, to: path)
        } catch {
            Console.error("error: cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
    }

    static func summaryLine(_ report: Report) -> String {
        if report.isInvalidInput {
            let text = String(decoding: (try? TextReporter().render(report)) ?? Data(), as: UTF8.self)
            return text
        }
        return TextReporter().summary(report) + "\n"
    }
}
