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
        digest(bytes).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }

    /// The digest of a string's UTF-8 bytes, as hexadecimal.
    public static func hex(_ text: String) -> String { hex(Array(text.utf8)) }
}
