/// A waiver as it applied to one finding: the waiver and its state on the as-of day.
public struct AppliedWaiver: Sendable, Hashable {
    public let waiver: Waiver
    public let state: Waiver.State

    public init(waiver: Waiver, state: Waiver.State) {
        self.waiver = waiver
        self.state = state
    }

    /// Whether it waives the finding (it has not expired).
    public var waives: Bool { state.waives }

    /// A short note for reports: `waived until 2026-12-31 (SEC-123): <justification>`, or
    /// `waiver expired on 2026-11-22 (SEC-123)`.
    public var note: String {
        waives
            ? "waived until \(waiver.expires) (\(waiver.ticket)): \(waiver.justification)"
            : "waiver expired on \(waiver.expires) (\(waiver.ticket)); no longer waived"
    }
}
