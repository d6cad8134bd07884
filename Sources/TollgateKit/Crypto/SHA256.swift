internal import COpenSSL
import Foundation

/// SHA-256 through OpenSSL's EVP digest API, used for finding fingerprints and input digests.
public enum SHA256 {
    /// The digest of `bytes` as 32 raw bytes.
    public static func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        func run(_ input: UnsafeRawBufferPointer) -> Int32 {
            output.withUnsafeMutableBytes { out in
                EVP_Digest(
                    input.baseAddress, input.count, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length,
                    EVP_sha256(), nil)
            }
        }
        // Contiguous input (arrays, `Data` of whole input files) is digested in place, not copied.
        let ok =
            bytes.withContiguousStorageIfAvailable { run(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { run($0) }
        // EVP_Digest with the built-in SHA-256 cannot fail short of memory exhaustion.
        precondition(ok == 1 && length == 32, "OpenSSL SHA-256 failed")
        return Array(output.prefix(Int(length)))
    }

    /// The digest as lowercase hexadecimal.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digest = digest(bytes)
        // Written as bytes: every finding's fingerprint is one of these (21,000 at L), and a
        // string per digit pair cost more than the digest.
        return String(unsafeUninitializedCapacity: digest.count * 2) { buffer in
            let digits: StaticString = "0123456789abcdef"
            for (index, byte) in digest.enumerated() {
                buffer[2 * index] = digits.utf8Start[Int(byte >> 4)]
                buffer[2 * index + 1] = digits.utf8Start[Int(byte & 0x0F)]
            }
            return digest.count * 2
        }
    }

    /// The digest of a string's UTF-8 bytes, as hexadecimal.
    public static func hex(_ text: String) -> String { hex(Array(text.utf8)) }
}
