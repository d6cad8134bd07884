import Dispatch

/// Work started on another thread; `wait()` returns its result.
///
/// For two independent pieces of work that overlap on the two cores: reports rendered beside
/// the JUnit report, a rendered batch of JUnit test cases written to its file while the next
/// batch is rendered.
public final class Background<T: Sendable>: @unchecked Sendable {
    /// Written once by the worker before `done` is signalled, read after.
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// Waits for the work to finish; call once.
    public func wait() -> T {
        done.wait()
        return result!
    }
}
