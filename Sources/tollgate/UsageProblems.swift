import ArgumentParser

/// The mistakes Tollgate's own checks find in a command line once the parser has read it,
/// gathered so that all of them are reported at once: a user fixing a CI invocation should not
/// have to run it once per mistake (`--as-of 2026-13-45 --repo-root /nope --trust x` said only
/// the first). The option groups (`InputOptions`, `ExceptionOptions`, `SignedPolicyOptions`) and
/// the command add to one list, in a fixed order: the groups, then the command's own options.
/// The command's `validate()` throws the list as one `ValidationError` (exit 64), one problem a
/// line, each as the parser reports its own ("Error: …"). The parser's own errors (an unknown
/// option, a value that is not one of an enum's) stop the parse before any of this runs.
struct UsageProblems {
    private(set) var messages: [String] = []

    /// Adds a problem; one already recorded is not repeated (a bad `--import` is found by the
    /// input options and again by a check that lists the inputs).
    mutating func add(_ message: String) {
        if !messages.contains(message) { messages.append(message) }
    }

    /// Runs a check that throws a `ValidationError` (one shared with `run()`, such as
    /// `AsOf.resolve`) and records its message. Only such checks are run here; a check that can
    /// fail otherwise (exit 2: a directory an option names cannot be read) runs after the problems
    /// are thrown.
    mutating func record(_ check: () throws -> Void) {
        do {
            try check()
        } catch {
            add((error as? ValidationError)?.message ?? "\(error)")
        }
    }

    /// Runs `checks`, which add to one list, and throws every problem they found together.
    static func validate(_ checks: (inout UsageProblems) throws -> Void) throws {
        var problems = UsageProblems()
        try checks(&problems)
        guard !problems.messages.isEmpty else { return }
        // The parser and `Tollgate.usageError` write "Error: " before the message: each further
        // line gets it too, so every problem reads as a usage error of its own.
        throw ValidationError(problems.messages.joined(separator: "\nError: "))
    }
}
