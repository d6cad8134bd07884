import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One entry of a directory as `readdir(3)` gives it: its name by its bytes, so a name that is
/// not UTF-8 is seen as such (Foundation's listing repairs it into a name that opens nothing),
/// and its type by `lstat` (a link to a directory is not followed).
struct DirectoryEntry: Sendable {
    enum Kind: Equatable, Sendable {
        case directory
        /// A regular file or a symbolic link (read through the link).
        case file
        /// A FIFO, socket or device: never read from a directory.
        case other
        /// `lstat` failed, in its words.
        case unreadable(String)
    }

    /// The name, with U+FFFD in place of any bytes that are not UTF-8.
    let name: String
    /// The name as it is on disk.
    let bytes: [UInt8]
    let isUTF8: Bool
    let kind: Kind

    /// The entries of `directory` other than `.` and `..`, or why it cannot be listed.
    static func list(_ directory: String) -> Result<[DirectoryEntry], ListingFailure> {
        list(bytes: Array(directory.utf8))
    }

    /// The entries of the directory whose path is `directory`, by its bytes: a folder whose
    /// name is not UTF-8 is listed too (its path has no `String` that opens it).
    static func list(bytes directory: [UInt8]) -> Result<[DirectoryEntry], ListingFailure> {
        let opened = (directory + [0]).withUnsafeBufferPointer { path in
            path.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) }
        }
        guard let stream = opened else { return .failure(ListingFailure(errno)) }
        defer { closedir(stream) }
        let descriptor = dirfd(stream)
        var entries: [DirectoryEntry] = []
        while true {
            errno = 0
            guard let record = readdir(stream) else {
                if errno != 0 { return .failure(ListingFailure(errno)) }
                return .success(entries)
            }
            let (bytes, kind) = withUnsafePointer(to: &record.pointee.d_name) { field in
                field.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: field.pointee)) {
                    name in
                    let bytes = Array(UnsafeBufferPointer(start: name, count: strlen(name))).map {
                        UInt8(bitPattern: $0)
                    }
                    return (bytes, Self.kind(descriptor, name))
                }
            }
            // `.` and `..`, and an entry removed since the listing began.
            guard bytes != [0x2E], bytes != [0x2E, 0x2E], let kind else { continue }
            let valid = String(validating: bytes, as: UTF8.self)
            entries.append(
                DirectoryEntry(
                    name: valid ?? String(decoding: bytes, as: UTF8.self), bytes: bytes, isUTF8: valid != nil,
                    kind: kind))
        }
    }

    /// The entry's type, or nil when it is gone (removed after it was listed).
    private static func kind(_ directory: Int32, _ name: UnsafePointer<CChar>) -> Kind? {
        var status = stat()
        guard fstatat(directory, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            return .unreadable(ListingFailure(errno).description)
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG, S_IFLNK: return .file
        default: return .other
        }
    }

    /// Whether `path`, as Swift decoded it (U+FFFD in place of bytes that are not UTF-8), stands
    /// for an entry on disk whose name is not UTF-8: the first part of it that does not exist as
    /// spelled is, in its parent's listing, a name that is not UTF-8 and reads the same decoded.
    static func namesUndecodableEntry(_ path: String) -> Bool {
        guard path.unicodeScalars.contains("\u{FFFD}") else { return false }
        var parent = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
            let next = parent + "/" + part
            var status = stat()
            if lstat(next, &status) == 0 {
                parent = next
                continue
            }
            guard case .success(let entries) = list(parent.isEmpty ? "/" : parent) else { return false }
            return entries.contains { !$0.isUTF8 && $0.name == part }
        }
        return false
    }

    /// Why a directory could not be listed, in `strerror`'s words ("permission denied").
    struct ListingFailure: Error, CustomStringConvertible {
        let description: String
        init(_ code: Int32) { description = String(cString: strerror(code)).lowercased() }
    }
}
