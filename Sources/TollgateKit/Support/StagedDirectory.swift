import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A directory built under a hidden name beside its final place, `.NAME.tollgate-PID.partial`,
/// and put in place by one `rename(2)` once complete; never written over anything.
///
/// - The target may not exist yet, or be an empty directory (which the rename replaces). A
///   file, or a directory with entries, is refused up front; one that appears while the
///   directory is being built makes the rename fail (`ENOTEMPTY`, `EEXIST`, `ENOTDIR`) and is
///   left as it is. Nothing at the target is ever removed.
/// - A failure removes the staging directory and the parent directories this created.
/// - SIGINT and SIGTERM while it exists remove it too (and those parents), then end the process
///   as the signal would have. SIGKILL cannot be caught: the staging directory stays, and the
///   next one staged beside it removes it once the process that made it is gone.
final class StagedDirectory: @unchecked Sendable {
    struct Failure: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    /// The directory as the caller named it, for messages.
    let shown: String
    /// Where it is put: the named path, standardized (a link to a directory is followed).
    let target: String
    /// The staging directory being built.
    let path: String
    // Guarded by `Interruption.lock`.
    private var createdParents: [String] = []
    private var interrupted = false
    private var finished = false

    /// Refuses a target that is a file or a non-empty directory, removes stale staging
    /// directories of processes that are gone, and creates the staging directory (and missing
    /// parents), removed again if SIGINT or SIGTERM comes before `commit` or `discard`.
    init(target directory: String) throws(Failure) {
        shown = directory
        self.target = try Self.resolve(directory)
        let url = URL(fileURLWithPath: target)
        let parent = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent).tollgate-"
        path = (parent as NSString).appendingPathComponent("\(prefix)\(getpid()).partial")
        Self.removeStale(in: parent, prefix: prefix)

        Interruption.lock.lock()
        defer { Interruption.lock.unlock() }
        Interruption.active[ObjectIdentifier(self)] = self
        if Interruption.active.count == 1 { Interruption.install() }
        do throws(Failure) {
            try createParents(of: parent)
            // Left by an earlier process with this PID.
            try? FileManager.default.removeItem(atPath: path)
            if mkdir(path, 0o777) != 0 {
                throw Failure(description: "cannot create \(directory): \(parent): \(Self.describe(errno))")
            }
        } catch {
            removeLeftovers()
            finishLocked()
            throw error
        }
    }

    /// Why `directory` cannot be the target (a file, a directory that is not empty, or a path
    /// below a file), or nil: asked before long work, so that a refused target does not wait
    /// for it. `init` asks again, since something may appear there meanwhile.
    static func refusal(of directory: String) -> String? {
        do {
            let target = try resolve(directory)
            _ = try missingParents(of: (target as NSString).deletingLastPathComponent, shown: directory)
            return nil
        } catch {
            return error.description
        }
    }

    /// The target's path, through a symbolic link to a directory; throws when it is taken.
    private static func resolve(_ directory: String) throws(Failure) -> String {
        var target = URL(fileURLWithPath: directory).standardizedFileURL.path
        var status = stat()
        if lstat(target, &status) == 0 {
            if (status.st_mode & S_IFMT) == S_IFLNK, stat(target, &status) == 0, let resolved = realpath(target, nil) {
                target = String(cString: resolved)
                free(resolved)
            }
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw Failure(description: "\(directory) exists and is not a directory; it is never overwritten")
            }
            if let entries = try? FileManager.default.contentsOfDirectory(atPath: target), !entries.isEmpty {
                throw Failure(description: "\(directory) already exists and is not empty; it is never overwritten")
            }
        }
        return target
    }

    /// Runs `body`, which writes into the staging directory, unless an interruption already
    /// removed it (nil then); an interruption waits until `body` is done.
    func whileHeld<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T? {
        guard Interruption.lockUnlessPending() else { return nil }
        defer { Interruption.lock.unlock() }
        guard !interrupted, !finished else { return nil }
        return try body()
    }

    /// Renames the staging directory to the target. Fails, leaving whatever is at the target,
    /// when something other than an empty directory appeared there meanwhile; `discard` then.
    func commit() throws(Failure) {
        let interrupted = Failure(description: "interrupted; \(shown) was not written")
        guard Interruption.lockUnlessPending() else { throw interrupted }
        defer { Interruption.lock.unlock() }
        guard !self.interrupted, !finished else { throw interrupted }
        guard rename(path, target) == 0 else {
            let code = errno
            switch code {
            case ENOTEMPTY, EEXIST, ENOTDIR, EISDIR:
                throw Failure(
                    description:
                        "\(shown) appeared meanwhile (written by another audit or program while this one ran) and was left as it is; nothing was written there"
                )
            default:
                throw Failure(description: "cannot move the finished directory to \(shown): \(Self.describe(code))")
            }
        }
        finishLocked()
    }

    /// Removes the staging directory and the parents it created (when still empty).
    func discard() {
        Interruption.lock.lock()
        defer { Interruption.lock.unlock() }
        guard !finished else { return }
        removeLeftovers()
        finishLocked()
    }

    // MARK: - Private, with Interruption.lock held

    /// Creates the missing parents of the staging directory, top down, noting each; reports
    /// a parent that is not a directory, or why one could not be created.
    private func createParents(of parent: String) throws(Failure) {
        for directory in try Self.missingParents(of: parent, shown: shown).reversed() {
            guard mkdir(directory, 0o777) == 0 else {
                let code = errno
                if code == EEXIST { continue }  // made meanwhile by someone else: not ours to remove
                throw Failure(description: "cannot create \(shown): \(directory): \(Self.describe(code))")
            }
            createdParents.append(directory)
        }
    }

    /// `parent` and its ancestors that do not exist yet, bottom up, found by walking up to the
    /// first one that exists; throws when that one is not a directory (`shown` below a file),
    /// or when an ancestor cannot be looked at.
    private static func missingParents(of parent: String, shown: String) throws(Failure) -> [String] {
        var missing: [String] = []
        var current = parent
        while true {
            var status = stat()
            if stat(current, &status) == 0 {
                guard (status.st_mode & S_IFMT) == S_IFDIR else {
                    throw Failure(description: "cannot create \(shown): \(current) is not a directory")
                }
                break
            }
            let code = errno
            // ENOTDIR: a file further up, found when the walk reaches it.
            guard code == ENOENT || code == ENOTDIR else {
                throw Failure(description: "cannot create \(shown): \(current): \(describe(code))")
            }
            missing.append(current)
            let up = (current as NSString).deletingLastPathComponent
            guard up != current, !up.isEmpty else { break }
            current = up
        }
        return missing
    }

    fileprivate func removeLeftovers() {
        try? FileManager.default.removeItem(atPath: path)
        for directory in createdParents.reversed() where rmdir(directory) != 0 { break }
        createdParents = []
    }

    fileprivate func markInterrupted() {
        removeLeftovers()
        interrupted = true
    }

    private func finishLocked() {
        finished = true
        Interruption.active[ObjectIdentifier(self)] = nil
        if Interruption.active.isEmpty { Interruption.uninstall() }
    }

    // MARK: - Stale staging directories

    /// Removes `PREFIX<pid>.partial` entries of `parent` whose process no longer runs
    /// (`kill(pid, 0)` fails with ESRCH): left by an audit ended with SIGKILL or a power loss.
    /// A process that runs (or whose PID was reused) keeps its directory.
    private static func removeStale(in parent: String, prefix: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".partial") {
            let digits = entry.dropFirst(prefix.count).dropLast(".partial".count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                let pid = pid_t(digits), pid > 0, pid != getpid()
            else { continue }
            if kill(pid, 0) == -1, errno == ESRCH {
                try? FileManager.default.removeItem(atPath: (parent as NSString).appendingPathComponent(entry))
            }
        }
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

/// SIGINT and SIGTERM while a directory is staged.
///
/// Removing a directory tree is not async-signal-safe (it allocates and reads directories), so
/// the handler does only what POSIX allows there: it writes the signal number to a pipe. A
/// thread reading that pipe does the cleanup in ordinary context, under the lock every write
/// into a staging directory holds (so it never races a half-written file), then restores the
/// signal's earlier disposition and sends the signal again, so the process ends as it would
/// have (exit status 130 for Ctrl-C in a shell).
///
/// Not a `DispatchSource` signal source: on Linux, libdispatch receives signals through a
/// `signalfd` and installs a process-wide handler of its own that stays after the source is
/// cancelled and blocks the signal in the threads it lands on. Ctrl-C would then no longer end
/// the process once the pack is written (while the history is recorded), and the earlier
/// disposition could not be put back. The handlers here exist only while something is staged.
enum Interruption {
    static let lock = NSLock()
    nonisolated(unsafe) static var active: [ObjectIdentifier: StagedDirectory] = [:]
    /// The dispositions replaced, by signal, while handlers are installed.
    nonisolated(unsafe) private static var previous: [Int32: sigaction] = [:]
    /// The pipe's write end, read by the signal handler (set before any handler is installed).
    nonisolated(unsafe) fileprivate static var writeEnd: Int32 = -1
    static let signals: [Int32] = [SIGINT, SIGTERM]
    /// Set by the reader thread as soon as a signal comes, before it waits for `lock`, and
    /// cleared when it is done: work that takes the lock first then waits instead of going on
    /// (or putting a pack in place) and exiting the ordinary way before the signal is re-sent.
    private static let pendingCondition = NSCondition()
    nonisolated(unsafe) private static var pending = false

    /// Takes `lock`, unless a signal is being handled: then waits until it was (in the CLI the
    /// process ends meanwhile) and returns false without the lock.
    static func lockUnlessPending() -> Bool {
        pendingCondition.lock()
        defer { pendingCondition.unlock() }
        guard pending else {
            lock.lock()
            return true
        }
        while pending { pendingCondition.wait() }
        return false
    }

    /// The pipe and its reader thread, made once.
    private static let started: Bool = {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        // A full pipe must never block the handler: one byte per signal is plenty.
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        writeEnd = ends[1]
        let readEnd = ends[0]
        Thread.detachNewThread {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count < 0, errno == EINTR { continue }
                guard count == 1 else { return }
                interrupted(by: Int32(byte))
            }
        }
        return true
    }()

    /// Installs the handlers (lock held). A signal that was ignored (a background job's SIGINT)
    /// stays ignored.
    static func install() {
        guard started else { return }
        for signal in signals {
            var old = sigaction()
            guard sigaction(signal, nil, &old) == 0, !isIgnored(old) else { continue }
            var action = sigaction()
            setHandler(&action)
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            if sigaction(signal, &action, nil) == 0 { previous[signal] = old }
        }
    }

    /// Puts the earlier dispositions back (lock held).
    static func uninstall() {
        for (signal, var old) in previous { sigaction(signal, &old, nil) }
        previous = [:]
    }

    /// On the reader thread: removes every staging directory, then ends the process with the
    /// signal under its earlier disposition.
    private static func interrupted(by signal: Int32) {
        pendingCondition.lock()
        pending = true
        pendingCondition.unlock()
        lock.lock()
        for directory in active.values { directory.markInterrupted() }
        active = [:]
        uninstall()
        kill(getpid(), signal)
        // Still running: the earlier disposition was a handler of the embedding program, which
        // the signal has now reached. What was staged is gone and reports "interrupted".
        lock.unlock()
        pendingCondition.lock()
        pending = false
        pendingCondition.broadcast()
        pendingCondition.unlock()
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
            return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == 1  // SIG_IGN
        #else
            return unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self) == 1
        #endif
    }

    private static func setHandler(_ action: inout sigaction) {
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = interruptionHandler
        #else
            action.__sigaction_u.__sa_handler = interruptionHandler
        #endif
    }
}

/// The signal handler: async-signal-safe, it only writes the signal number to the pipe.
private func interruptionHandler(_ signal: Int32) {
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(Interruption.writeEnd, &byte, 1)
    errno = saved
}
