import Foundation

/// Runs the external tools tests compare Tollgate with (openssl, Python's jsonschema).
public enum Subprocess {
    /// Runs `executable` with `arguments` (in `directory` when given) and waits for it; its exit
    /// status and its output and errors, interleaved as a terminal would show them.
    public static func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
