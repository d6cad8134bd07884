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
            self.path = path
            // Unique per file being written, not only per process: two reports staged at once may
            // name the same file by different paths (`a.xml`, `./a.xml`).
            let unique = UUID().uuidString.prefix(8)
            temporary = directory.appendingPathComponent(
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
            let closed = close(descriptor)
            descriptor = -1
            if closed != 0 { throw Self.error(errno, path) }
            if rename(temporary, path) != 0 { throw Self.error(errno, path) }
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
