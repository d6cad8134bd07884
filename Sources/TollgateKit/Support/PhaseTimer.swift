import Foundation

/// Records how long each phase of a run took, for `tollgate check --timings` and the benchmark.
///
/// Off by default: a disabled timer runs the measured work and records nothing, so the only
/// cost is one branch per phase. It never touches a report; the durations go to standard error
/// (`render()`), so report bytes are the same with and without it.
///
/// A class with a lock because one timer is shared by the phases of a run, some of which run on
/// several threads (files loaded in parallel); it owns nothing but its list of durations.
public final class PhaseTimer: @unchecked Sendable {
    /// One measured phase.
    public struct Phase: Sendable, Hashable {
        /// Dotted name: `load`, `load.parse`, `rules`, `report.junit`.
        public let name: String
        public let duration: Duration
    }

    /// Whether durations are recorded.
    public let isEnabled: Bool
    private let lock = NSLock()
    private var recorded: [Phase] = []

    public init(enabled: Bool) {
        self.isEnabled = enabled
    }

    /// A timer that records nothing: the default of every API that takes one.
    public static var disabled: PhaseTimer { PhaseTimer(enabled: false) }

    /// Whether `TOLLGATE_TIMINGS` asks for timings (`1`, `true` or `yes`).
    public static func enabledByEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> Bool
    {
        guard let value = environment["TOLLGATE_TIMINGS"]?.lowercased() else { return false }
        return ["1", "true", "yes"].contains(value)
    }

    /// Runs `body`, recording its duration under `name` when enabled.
    @discardableResult
    public func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        add(name, clock.now - start)
        return result
    }

    /// The CPU time the whole process has used so far, on every thread: for phases that run on
    /// several threads at once, whose wall time says little about the work done.
    public static func processCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    /// Adds a duration measured elsewhere (summed when the phase was already recorded, as for
    /// per-file work done on several threads).
    public func add(_ name: String, _ duration: Duration) {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if let index = recorded.firstIndex(where: { $0.name == name }) {
            recorded[index] = Phase(name: name, duration: recorded[index].duration + duration)
        } else {
            recorded.append(Phase(name: name, duration: duration))
        }
    }

    /// The phases recorded so far, in the order they were first recorded.
    public var phases: [Phase] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    /// One line per phase, `tollgate-timing: load 123.456 ms`, a format the benchmark parses.
    public func render() -> String {
        phases.map { phase in
            let (seconds, attoseconds) = phase.duration.components
            let milliseconds = Double(seconds) * 1_000 + Double(attoseconds) / 1e15
            return "tollgate-timing: \(phase.name) \(String(format: "%.3f", milliseconds)) ms\n"
        }.joined()
    }
}
