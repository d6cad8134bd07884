/// Paths normalised by their text alone, without asking the file system: for names that must
/// not depend on how a path was spelled (`./a//b` is `a/b`), where following symbolic links
/// would make them depend on the machine instead.
enum LexicalPath {
    /// `path` without empty and `.` segments, with `..` resolved against the segment before it;
    /// a relative path keeps the `..` that lead out of it (`a/../../b` is `../b`).
    static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var segments: [Substring] = []
        for segment in path.split(separator: "/") where segment != "." {
            if segment == "..", let last = segments.last, last != ".." {
                segments.removeLast()
            } else if segment != ".." || !absolute {
                segments.append(segment)
            }
        }
        let joined = segments.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
