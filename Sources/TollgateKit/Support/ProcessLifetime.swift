import Foundation

/// Objects a command-line process hands to the operating system at exit instead of freeing.
///
/// Freeing the inventory and report of a large stack object by object costs a noticeable share
/// of a run (a million subject results, half a million entities); a process that is about to
/// exit gains nothing from it. Library callers never use this: only the CLI opts in.
public enum ProcessLifetime {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `object` alive until the process exits.
    public static func keep(_ object: Any) {
        lock.lock()
        kept.append(object)
        lock.unlock()
    }
}
