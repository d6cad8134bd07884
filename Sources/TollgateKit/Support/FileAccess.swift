import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a named file can be read, and if not, why: the one place every "cannot read"
/// message takes its reason from, so a missing file, a directory and a permission problem are
/// told apart wherever a path is read (declarations, policies, waivers, baselines, keys, exports).
public enum FileAccess: Equatable, Sendable {
    case readable
    case missing
    case directory
    /// Refused for another reason, in `open(2)`'s words ("permission denied", "not a directory").
    case refused(String)

    /// What the operating system says about reading `path` as a file.
    public static func check(_ path: String) -> FileAccess {
        var status = stat()
        guard stat(path, &status) == 0 else {
            return errno == ENOENT ? .missing : .refused(Self.describe(errno))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { return .directory }
        // A FIFO or device is not read: it could block or never end.
        if (status.st_mode & S_IFMT) != S_IFREG { return .refused("it is not a regular file") }
        // Non-blocking, so a FIFO with no writer is not waited on.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .refused(Self.describe(errno)) }
        close(descriptor)
        return .readable
    }

    /// The reason in a few words ("no such file or directory", "it is a directory"), or nil when
    /// the file is readable.
    public var reason: String? {
        switch self {
        case .readable: return nil
        case .missing: return "no such file or directory"
        case .directory: return "it is a directory"
        case .refused(let reason): return reason
        }
    }

    /// What to do about it.
    public var hint: String {
        switch self {
        case .missing: return "check the path"
        case .directory: return "name a file, not a directory"
        case .refused, .readable: return "check the path and the file's permissions"
        }
    }

    /// `cannot read <what>: <reason>` at line 1 of `shown`.
    func diagnostic(shown: String, what: String = "file") -> Diagnostic {
        Diagnostic(
            at: SourceLocation(file: shown, line: 1, column: 1),
            "cannot read \(what): \(reason ?? "it could not be read")", hint: hint)
    }

    /// Why a bounded read failed.
    public enum ReadFailure: Error, Equatable {
        /// The file holds `size` bytes, over the limit; nothing was read.
        case tooLarge(size: Int)
        case unreadable(FileAccess)

        /// The reason in a few words, for "cannot read X: …" ("it is larger than 1048576 bytes").
        public func reason(limit: Int) -> String {
            switch self {
            case .tooLarge: return "it is larger than \(limit) bytes"
            case .unreadable(let access): return access.reason ?? "it could not be read"
            }
        }
    }

    /// The bytes of the regular file at `path`, refused before reading when they are over
    /// `maxBytes`. The size is that of the file opened, so a symbolic link is measured by what it
    /// points to (`lstat`, which `FileManager.attributesOfItem` uses, measures the link), and one
    /// `fstat` replaces the owner-name lookups and extended-attribute listing of
    /// `attributesOfItem`.
    public static func read(_ path: String, maxBytes: Int) -> Result<Data, ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.unreadable(check(path))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(.refused(describe(errno)))) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.unreadable(.directory))
        default: return .failure(.unreadable(.refused("it is not a regular file")))
        }
        let size = Int(status.st_size)
        guard size <= maxBytes else { return .failure(.tooLarge(size: size)) }
        // One byte more than the limit allows, so a file that grew while it was read is caught.
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        // `read(upToCount:)` returns nil at the end of the file, so an empty file is nil, not an
        // error: `try?` would fold the two together and call every empty file unreadable.
        let read: Data?
        do {
            read = try handle.read(upToCount: maxBytes + 1)
        } catch {
            return .failure(.unreadable(.refused("it could not be read")))
        }
        let data = read ?? Data()
        guard data.count <= maxBytes else { return .failure(.tooLarge(size: data.count)) }
        return .success(data)
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
