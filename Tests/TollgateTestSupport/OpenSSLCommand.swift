import Foundation

/// The `openssl` command-line tool, for the tests that check Tollgate's bundles and signatures
/// against what OpenSSL itself makes and accepts. Shared by the library and CLI test targets.
public enum OpenSSLCommand {
    /// Where `openssl` is on `PATH`, or `nil` when it is not installed (those tests then skip).
    public static let path: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/openssl"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    /// Why a command could not be run.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description = "openssl is not on PATH"
    }

    /// Runs `openssl arguments…` in `directory`; its exit status and its output and errors.
    @discardableResult
    public static func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        guard let path else { throw Unavailable() }
        return try Subprocess.run(path, arguments, in: directory)
    }
}
