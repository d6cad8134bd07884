import Foundation

extension DocumentLoader {
    /// `data` without a leading UTF-8 byte-order mark, which editors on Windows write.
    static func withoutByteOrderMark(_ data: Data) -> Data.SubSequence {
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
    }

    /// Whether a file holds nothing but white space (after a byte-order mark).
    static func isBlank(_ data: Data) -> Bool {
        withoutByteOrderMark(data).allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }
}
