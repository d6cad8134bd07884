/// Turns the file paths of findings (as the user named them on the command line) into paths
/// relative to the repository root, which is what GitHub code scanning, workflow annotations and
/// GitLab Code Quality need to place a finding on a file.
///
/// Purely lexical (`.` and `..` resolved, no file system access, symbolic links not followed),
/// so the result depends only on the arguments: reports stay reproducible. A path outside the
/// root stays exactly as given.
public struct RepositoryPaths: Sendable, Hashable {
    /// Absolute, normalised repository root; `nil` keeps every path as given.
    public let root: String?
    /// Absolute, normalised directory that relative paths are relative to.
    public let workingDirectory: String

    /// Keep paths as given (no repository root known).
    public static let asGiven = RepositoryPaths(root: nil, workingDirectory: "/")

    /// `root` may itself be relative to `workingDirectory`, which must be absolute.
    public init(root: String?, workingDirectory: String) {
        let directory = Self.normalize(workingDirectory)
        self.workingDirectory = directory
        self.root = root.map { Self.normalize($0.hasPrefix("/") ? $0 : directory + "/" + $0) }
    }

    /// The path of `file` relative to the root, or `nil` when it is outside the root (or no root
    /// is known).
    public func relative(_ file: String) -> String? {
        guard let root else { return nil }
        let absolute = Self.normalize(file.hasPrefix("/") ? file : workingDirectory + "/" + file)
        if root == "/" { return absolute == "/" ? nil : String(absolute.dropFirst()) }
        guard absolute.hasPrefix(root + "/") else { return nil }
        return String(absolute.dropFirst(root.count + 1))
    }

    /// The path to show: relative to the root when inside it, otherwise as given.
    public func display(_ file: String) -> String { relative(file) ?? file }

    /// A URI reference for SARIF `artifactLocation.uri`, and whether it is relative to the
    /// repository root (then `uriBaseId` is `%SRCROOT%`). Outside the root, an absolute path
    /// becomes a `file://` URI and a relative one stays a relative reference.
    public func uri(_ file: String) -> (uri: String, inRoot: Bool) {
        if let relative = relative(file) { return (Self.percentEncode(relative), true) }
        return (file.hasPrefix("/") ? "file://" + Self.percentEncode(file) : Self.percentEncode(file), false)
    }

    /// Lexical normalisation of an absolute path: repeated and trailing slashes, `.` and `..`.
    static func normalize(_ path: String) -> String {
        LexicalPath.normalized(path.hasPrefix("/") ? path : "/" + path)
    }

    /// RFC 3986 percent-encoding of everything but unreserved characters and `/`, over UTF-8.
    static func percentEncode(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
            }
        }
        return out
    }
}
