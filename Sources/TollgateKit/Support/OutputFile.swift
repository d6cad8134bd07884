import Foundation

/// Writes report files atomically: to a temporary file beside the target, then renamed over
/// it, so a pipeline never reads a half-written report (and a failed run leaves the old one).
///
/// Only a regular file (or a name that does not exist yet) is ever replaced by a rename. A
/// target that is a character or block device or a FIFO (`/dev/null`, `/dev/stdout`, a named
/// pipe) is opened and written directly instead, since renaming over it would replace the node
/// itself with a file; such writes cannot be atomic (a reader sees the report as it is written,
/// and a failed run may leave part of it). A symbolic link is followed: the file it points to
/// is written (atomically if it is a regular file or does not exist yet, directly if it is a
/// device or FIFO), so the link stays a link.
public enum OutputFile {
    /// Writes `data` to `path`, creating missing parent directories.
    public static func write(_ data: Data, to path: String) throws {
        let file = try Staged(path: path)
        do {
            try file.write(data)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// The file a write to `path` lands on, for comparing paths: absolute and standardized,
    /// with symbolic links followed in the directories and in the last component (as `Staged`
    /// follows them). Every spelling of one file (`a.xml`, `./a.xml`, an absolute path, a link
    /// to it) gives the same string, also for a file that does not exist yet.
    public static func identity(_ path: String) -> String {
        let target = URL(fileURLWithPath: (try? Staged.resolveLinks(path)) ?? path).standardizedFileURL
        let directory = target.deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL
        return directory.appendingPathComponent(target.lastPathComponent).standardizedFileURL.path
    }

    /// Writes all of `bytes` to an open `descriptor` (a staged file, standard output),
    /// retrying short and interrupted writes. A failure is a `CocoaError` naming `path` whose
    /// description is the system's reason (`strerror`: "No space left on device").
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
        guard var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Glibc.write(descriptor, base, left)
            if written < 0 {
                if errno == EINTR { continue }
                throw Staged.error(errno, path)
            }
            base += written
            left -= written
        }
    }

    /// Puts every staged file in place, or none: each is closed first; a target that is
    /// replaced is kept as a hard link until all renames succeeded, and if one fails the
    /// earlier ones are undone (old files restored, new ones removed). The temporary files are
    /// removed either way.
    /// Files written directly (devices, FIFOs) have nothing to put in place: they are closed.
    public static func commitAll(_ files: [Staged]) throws {
        do {
            for file in files { try file.finish() }
        } catch {
            files.forEach { $0.discard() }
            throw error
        }
        let files = files.filter { $0.temporary != nil }
        // What was at each target before: the path of its backup link, or nil for no file.
        var done: [(file: Staged, backup: String?)] = []
        func undo() {
            for (file, backup) in done.reversed() {
                if let backup { rename(backup, file.destination) } else { unlink(file.destination) }
            }
        }
        for (index, file) in files.enumerated() {
            guard let temporary = file.temporary else { continue }
            let backup = temporary + ".old"
            let kept = link(file.destination, backup) == 0
            if !kept, errno != ENOENT {
                // No backup possible (a filesystem without hard links): only the last file may
                // go unguarded, since nothing comes after it that could fail.
                guard index == files.count - 1 else {
                    let error = Staged.error(errno, file.path)
                    undo()
                    files.forEach { $0.discard() }
                    throw error
                }
            }
            if rename(temporary, file.destination) != 0 {
                let error = Staged.error(errno, file.path)
                if kept { unlink(backup) }
                undo()
                files.forEach { $0.discard() }
                throw error
            }
            done.append((file, kept ? backup : nil))
        }
        for case (_, let backup?) in done { unlink(backup) }
    }

    /// A file being written: a temporary file beside `path` until `commit()` renames it over
    /// `path`. Reports are streamed into one (an L stack's JUnit report is 160 MB, which need
    /// not sit in memory), and several are committed together only once all were written.
    /// A device or FIFO at `path` (or behind a link there) is written directly, not atomically.
    public final class Staged: @unchecked Sendable {
        /// The file the caller named.
        public let path: String
        /// Where the file is put: `path`, or the file a symbolic link at `path` points to.
        let destination: String
        /// The temporary file renamed over `destination`, or nil when `destination` is a device
        /// or FIFO that is written directly.
        let temporary: String?
        /// Owned by whichever thread writes the report; `commit` and `discard` come after.
        private var descriptor: Int32

        /// Creates the temporary file, and missing parent directories; or opens a device or FIFO
        /// for writing (a FIFO waits here for its reader, as a shell redirection does).
        /// `mode` is the temporary file's mode from its creation on (less the umask): 0600 keeps
        /// a private key unreadable to others at every moment.
        public init(path: String, mode: mode_t = 0o666) throws {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            self.path = path
            var status = stat()
            // What the path leads to, links followed by the kernel: a device, FIFO or socket is
            // opened through the path as given. Following the links by hand cannot reach a pipe
            // (`/dev/stdout` → `/proc/self/fd/1` → `pipe:[N]`, which is no path).
            if stat(path, &status) == 0, ![S_IFREG, S_IFDIR].contains(status.st_mode & S_IFMT) {
                destination = path
                temporary = nil
                descriptor = open(path, O_WRONLY | O_CLOEXEC)
                if descriptor < 0 { throw Self.error(errno, path) }
                return
            }
            destination = try Self.resolveLinks(path)
            // A file replaced keeps its permissions: a report a user made private (0600) is not
            // world-readable after the next run. Never wider than `mode` (a private key stays 0600).
            var replacedMode: mode_t?
            if lstat(destination, &status) == 0 {
                switch status.st_mode & S_IFMT {
                case S_IFREG:
                    replacedMode = status.st_mode & 0o7777 & mode
                case S_IFDIR:
                    // Found now, before anything is written: a rename over a directory would only
                    // fail at the end, after the other reports were put in place.
                    throw Self.error(EISDIR, path)
                default:
                    // A device or FIFO: never renamed over. No O_TRUNC, which means nothing to a
                    // FIFO and may have an effect of its own on a device.
                    temporary = nil
                    descriptor = open(destination, O_WRONLY | O_CLOEXEC)
                    if descriptor < 0 { throw Self.error(errno, path) }
                    return
                }
            }
            // Unique per file being written, not only per process: two reports staged at once may
            // name the same file by different paths (`a.xml`, `./a.xml`).
            let unique = UUID().uuidString.prefix(8)
            let target = URL(fileURLWithPath: destination)
            let temporary = target.deletingLastPathComponent().appendingPathComponent(
                ".\(target.lastPathComponent).tollgate-\(getpid())-\(unique).tmp"
            ).path
            self.temporary = temporary
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor < 0 { throw Self.error(errno, path) }
            if let replacedMode, fchmod(descriptor, replacedMode) != 0 {
                let failure = errno
                close(descriptor)
                unlink(temporary)
                throw Self.error(failure, path)
            }
        }

        /// `path` with symbolic links in its last component followed (each relative to the
        /// directory of the link), so the file they lead to is written and the links stay;
        /// `path` itself when it is not a link. A link to nothing leads to the name it holds.
        static func resolveLinks(_ path: String) throws -> String {
            var current = path
            for _ in 0..<40 {
                var status = stat()
                guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else { return current }
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let count = readlink(current, &buffer, buffer.count - 1)
                if count < 0 { throw error(errno, path) }
                let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                current =
                    target.hasPrefix("/")
                    ? target
                    : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(target).path
            }
            throw error(ELOOP, path)
        }

        deinit { if descriptor >= 0 { close(descriptor) } }

        public func write(_ data: Data) throws {
            try data.withUnsafeBytes { try write($0) }
        }

        /// Writes all of `bytes`, retrying short writes.
        public func write(_ bytes: UnsafeRawBufferPointer) throws {
            try OutputFile.writeAll(bytes, to: descriptor, path: path)
        }

        /// Closes the file and renames it over `path` (or the file a link there points to).
        public func commit() throws {
            try finish()
            if let temporary, rename(temporary, destination) != 0 { throw Self.error(errno, path) }
        }

        /// Closes the file, which is where a full disk may show. The temporary file stays.
        func finish() throws {
            guard descriptor >= 0 else { return }
            let closed = close(descriptor)
            descriptor = -1
            if closed != 0 { throw Self.error(errno, path) }
        }

        /// Closes and removes the temporary file, leaving `path` as it was (a device or FIFO
        /// is only closed: what was written to it is gone).
        public func discard() {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            if let temporary { unlink(temporary) }
        }

        static func error(_ code: Int32, _ path: String) -> Error {
            CocoaError(
                .fileWriteUnknown,
                userInfo: [
                    NSFilePathErrorKey: path,
                    NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO),
                    NSLocalizedDescriptionKey: String(cString: strerror(code)),
                ])
        }
    }
}
