internal import COpenSSL

/// Bytes out of OpenSSL: DER from its `i2d_*` encoders, text from a memory BIO. One place for
/// the two-call encoding protocol and the read loop, which certificates, keys and CMS
/// signatures all use.
enum OpenSSLOutput {
    /// The DER that an `i2d_*` function writes: called first without a buffer for the length,
    /// then with one. `nil` when OpenSSL cannot encode the object or writes another length.
    static func der(_ encode: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32) -> [UInt8]? {
        let length = encode(nil)
        guard length > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return encode(&cursor)
        }
        return written == length ? bytes : nil
    }

    /// Everything a memory BIO holds; OpenSSL's error queue is left empty.
    static func drain(_ bio: OpaquePointer) -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = BIO_read(bio, &chunk, Int32(chunk.count))
            if count <= 0 { break }
            output += chunk.prefix(Int(count))
        }
        OpenSSLError.clear()
        return output
    }
}
