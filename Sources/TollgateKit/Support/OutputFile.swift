import Foundation

/// Writes report files atomically: to a temporary file beside the target, then renamed over
/// it, so a pipeline never reads a half-written report (and a failed run leaves the old one).
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

    /// Puts every staged file in place, or none: each is closed first; a target that is
    /// replaced is kept as a hard link until all renames succeeded, and if one fails the
    /// earlier ones are undone (old files restored, new ones removed). The temporary files are
    /// removed either way.
    public static func commitAll(_ files: [Staged]) throws {
        do {
            for file in files { try file.finish() }
        } catch {
            files.forEach { $0.discard() }
            throw error
        }
        // What was at each target before: the path of its backup link, or nil for no file.
        var done: [(file: Staged, backup: String?)] = []
        func undo() {
            for (file, backup) in done.reversed() {
                if let backup { rename(backup, file.path) } else { unlink(file.path) }
            }
        }
        for (index, file) in files.enumerated() {
            let backup = file.temporary + ".old"
            let kept = link(file.path, backup) == 0
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
            if rename(file.temporary, file.path) != 0 {
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
    public final class Staged: @unchecked Sendable {
        /// The file the caller named.
        public let path: String
        let temporary: String
        /// Owned by whichever thread writes the report; `commit` and `discard` come after.
        private var descriptor: Int32

        /// Creates the temporary file, and missing parent directories.
        public init(path: String) throws {
            let url = URL(fileURLWithPath: path)
            let directory = url.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            // Found now, before anything is written: a rename over a directory would only fail
            // at the end, after the other reports were put in place.
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw Self.error(EISDIR, path)
            }
            self.path = path
            // Unique per file being written, not only per process: two reports staged at once may
            // name the same file by different paths (`a.xml`, `./a.xml`).
            let unique = UUID().uuidString.prefix(8)
            temporary =
                directory.appendingPathComponent(
                    ".\(url.lastPathComponent).tollgate-\(getpid())-\(unique).tmp"
                ).path
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor < 0 { throw Self.error(errno, path) }
        }

        deinit { if descriptor >= 0 { close(descriptor) } }

        public func write(_ data: Data) throws {
            try data.withUnsafeBytes { try write($0) }
        }

        /// Writes all of `bytes`, retrying short writes.
        public func write(_ bytes: UnsafeRawBufferPointer) throws {
            guard var base = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                let written = Glibc.write(descriptor, base, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Self.error(errno, path)
                }
                base += written
                left -= written
            }
        }

        /// Closes the file and renames it over `path`.
        public func commit() throws {
            try finish()
            if rename(temporary, path) != 0 { throw Self.error(errno, path) }
        }

        /// Closes the file, which is where a full disk may show. The temporary file stays.
        func finish() throws {
            guard descriptor >= 0 else { return }
            let closed = close(descriptor)
            descriptor = -1
            if closed != 0 { throw Self.error(errno, path) }
        }

        /// Closes and removes the temporary file, leaving `path` as it was.
        public func discard() {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            unlink(temporary)
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
