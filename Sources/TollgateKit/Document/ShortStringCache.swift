/// The `String`s of short ASCII byte runs read recently, found by their bytes packed into two
/// integers.
///
/// Why: a string of up to 15 bytes lives inline in a Swift `String`, so there is nothing to
/// share (`StringInterner` is for the longer ones), but making one still validates and copies
/// its bytes: about 170 instructions, for every key of every entity and most values, which was
/// a twentieth of loading a JSON stack. Keys and vocabulary values (`system_type`, `crm`, dates)
/// repeat on every entity, so a hit here is two loads, a multiply and two comparisons.
///
/// Direct-mapped: a slot holds the last string whose packed bytes hash to it, so a collision or
/// a run of unique ids only costs the string being made as before.
struct ShortStringCache {
    private struct Slot {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var text: String?
    }

    private var slots: [Slot] = Array(repeating: Slot(), count: 1 << Self.bits)
    private static let bits = 10

    /// The longest run this cache takes.
    static let maximumCount = 15

    /// The string of the `count` bytes at `start`: ASCII, at most `maximumCount` of them, and
    /// with at least 16 bytes readable from `start` (the bytes past the run are ignored).
    mutating func string(at start: UnsafePointer<UInt8>, count: Int) -> String {
        precondition(count <= Self.maximumCount)
        let raw = UnsafeRawPointer(start)
        var first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        var second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        // Keep the run's bytes (the low ones, read little-endian), and its length in the top
        // byte of `second`, which no byte of a run of 15 or fewer reaches.
        if count < 8 {
            first &= (1 << (8 * UInt64(count))) &- 1
            second = 0
        } else {
            second &= (1 << (8 * UInt64(count - 8))) &- 1
        }
        second |= UInt64(count) << 56
        let mixed = (first ^ (second &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        let slot = Int(truncatingIfNeeded: mixed >> UInt64(64 - Self.bits))
        if slots[slot].first == first, slots[slot].second == second, let text = slots[slot].text { return text }
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        slots[slot] = Slot(first: first, second: second, text: text)
        return text
    }
}
