/// The display path (`RepositoryPaths.display`) of each file a report names, worked out once a
/// file: many findings sit in the same few inputs, and normalising the same path again for each
/// of them is wasted work. The GitLab and GitHub reporters use it; SARIF keeps its own table,
/// which also numbers the inputs.
struct DisplayPathCache {
    private let paths: RepositoryPaths
    private var known: [String: String] = [:]

    init(_ paths: RepositoryPaths) {
        self.paths = paths
    }

    /// `paths.display(file)`, remembered for the next finding in the same file.
    mutating func display(_ file: String) -> String {
        if let path = known[file] { return path }
        let path = paths.display(file)
        known[file] = path
        return path
    }
}
