import Foundation

/// Hands out one shared `String` for byte runs that repeat within a document.
///
/// Why: a string of more than 15 UTF-8 bytes is a heap allocation in Swift, and generated
/// declarations repeat the same long strings on every entity: keys (`consent_signal_propagated`)
/// and values alike (`marketing.advertising.first_party.targeted`, `user.contact.email`). At M,
/// 170,000 long strings in 1.3 million are 27,800 distinct ones. Sharing one copy turns an
/// allocation, a copy and a later free into a hash of the bytes and a retain, and makes equal
/// strings compare by identity in the rules' dictionaries and taxonomy checks.
///
/// Open addressing over a power-of-two table with FNV-1a of the bytes; the bytes of every
/// interned string are kept in one pool to compare candidates without touching the `String`.
/// Strings read from an attacker's file cannot make it slow: the table stops taking new strings
/// at `capacityLimit` (then strings are simply not shared), and probing is bounded by the load
/// factor, which stays at most one half.
struct StringInterner {
    private struct Slot {
        var offset: Int32 = 0
        var length: Int32 = -1
        var text: String = ""
    }

    private var slots: [Slot] = Array(repeating: Slot(), count: 1024)
    private var pool: [UInt8] = []
    private var count = 0
    /// Most distinct strings kept; beyond it, new strings are made but not shared.
    static let capacityLimit = 1 << 16

    /// The string for `bytes` (valid UTF-8), shared with earlier calls for the same bytes.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let mask = slots.count - 1
        var index = Self.slot(of: bytes, mask: mask)
        while slots[index].length >= 0 {
            if Int(slots[index].length) == bytes.count, matches(slots[index].offset, bytes) {
                return slots[index].text
            }
            index = (index + 1) & mask
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard count < Self.capacityLimit else { return text }
        slots[index] = Slot(offset: Int32(pool.count), length: Int32(bytes.count), text: text)
        pool.append(contentsOf: bytes)
        count += 1
        if count * 2 > slots.count { grow() }
        return text
    }

    /// The home slot of `bytes`.
    private static func slot(of bytes: UnsafeBufferPointer<UInt8>, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash(bytes)) & mask
    }

    /// FNV-1a of `bytes`, with the high bits folded into the low ones, which small tables and
    /// the JSON reader's 64-bit duplicate-key filter use.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash ^ (hash >> 29)
    }

    private func matches(_ offset: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        pool.withUnsafeBufferPointer { pool in
            guard let base = bytes.baseAddress, let stored = pool.baseAddress else { return bytes.isEmpty }
            return memcmp(stored + Int(offset), base, bytes.count) == 0
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        pool.withUnsafeBufferPointer { pool in
            for slot in old where slot.length >= 0 {
                let bytes = UnsafeBufferPointer(rebasing: pool[Int(slot.offset)..<Int(slot.offset + slot.length)])
                var index = Self.slot(of: bytes, mask: mask)
                while slots[index].length >= 0 { index = (index + 1) & mask }
                slots[index] = slot
            }
        }
    }
}
