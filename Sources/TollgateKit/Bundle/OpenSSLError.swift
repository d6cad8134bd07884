internal import COpenSSL

/// A failed OpenSSL call, with OpenSSL's own error queue as the explanation.
///
/// Every return code is checked; on failure the queue is drained (`ERR_get_error`) so the
/// message says what OpenSSL said, and no stale error leaks into the next call.
struct OpenSSLError: Error, Sendable, CustomStringConvertible {
    /// What Tollgate was doing ("reading a PEM public key").
    let operation: String
    /// OpenSSL's messages, oldest first.
    let details: [String]

    /// Captures and clears the current thread's OpenSSL error queue.
    static func drain(_ operation: String) -> OpenSSLError {
        var details: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            details.append(
                String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return OpenSSLError(operation: operation, details: details)
    }

    /// Discards errors left by calls whose failure was expected and handled.
    static func clear() { ERR_clear_error() }

    var description: String {
        details.isEmpty
            ? "OpenSSL failed while \(operation)"
            : "OpenSSL failed while \(operation): \(details.joined(separator: "; "))"
    }
}
