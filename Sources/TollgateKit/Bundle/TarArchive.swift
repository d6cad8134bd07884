/// The packed form of a bundle: a POSIX ustar archive (POSIX.1-1988, `pax` "ustar" format)
/// restricted to a small, deterministic subset, written and read by this code alone (no shelling
/// out). `tar -xf` unpacks it into the directory form; `tar -tvf` lists it.
///
/// Written: only regular files (`typeflag '0'`), in the order given (manifest, signatures, then
/// files by path), mode 0644, uid/gid 0, empty user/group names, mtime 0, magic `ustar\0`
/// version `00`, no directory entries, and two zero blocks at the end (no record padding).
/// Read: the same subset, strictly — checksums checked, every field well-formed, anything else
/// (links, directories, devices, pax or GNU extension headers, duplicate paths, data after the
/// end marker) rejected. Mode, ownership and mtime are not covered by signatures and are ignored.
enum TarArchive {
    /// One file of the archive.
    struct Entry: Sendable, Equatable {
        let path: String
        let bytes: [UInt8]
    }

    static let blockSize = 512

    // MARK: - Writing

    /// The archive of `entries`, in their order. Paths must already be safe (`BundlePath`).
    static func write(_ entries: [Entry]) -> [UInt8] {
        var output: [UInt8] = []
        for entry in entries {
            output += header(for: entry)
            output += entry.bytes
            output += [UInt8](repeating: 0, count: padding(entry.bytes.count))
        }
        output += [UInt8](repeating: 0, count: 2 * blockSize)
        return output
    }

    /// Splits a path into ustar's `prefix` (≤ 155 bytes) and `name` (≤ 100 bytes) at a `/`;
    /// `nil` when no split fits.
    static func split(_ path: String) -> (prefix: String, name: String)? {
        let bytes = Array(path.utf8)
        if bytes.count <= 100 { return ("", path) }
        for index in bytes.indices.reversed() where bytes[index] == UInt8(ascii: "/") {
            let prefix = bytes[..<index]
            let name = bytes[(index + 1)...]
            if prefix.count <= 155, name.count <= 100, !name.isEmpty {
                return (String(decoding: prefix, as: UTF8.self), String(decoding: name, as: UTF8.self))
            }
        }
        return nil
    }

    private static func header(for entry: Entry) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: blockSize)
        let (prefix, name) = split(entry.path) ?? ("", entry.path)
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { block[offset + index] = byte }
        }
        put(name, at: 0)
        put("0000644", at: 100)
        put("0000000", at: 108)
        put("0000000", at: 116)
        put(octal(entry.bytes.count, digits: 11), at: 124)
        put("00000000000", at: 136)
        block[156] = UInt8(ascii: "0")
        put("ustar", at: 257)
        put("00", at: 263)
        put(prefix, at: 345)
        put(octal(checksum(block), digits: 6), at: 148)
        block[155] = UInt8(ascii: " ")
        return block
    }

    // MARK: - Reading

    /// The entries of a packed bundle, or the problem that makes it unacceptable.
    static func read(
        _ bytes: [UInt8], maximumEntries: Int, maximumFileBytes: Int
    ) throws(BundleRejection.Problem)
        -> [Entry]
    {
        var entries: [Entry] = []
        var seen = Set<String>()
        var offset = 0
        while true {
            guard offset + blockSize <= bytes.count else {
                throw malformed("the archive ends inside a header or without its end marker (truncated?)")
            }
            let block = Array(bytes[offset..<(offset + blockSize)])
            if block.allSatisfy({ $0 == 0 }) {
                // End marker: two zero blocks, then nothing but zeros.
                guard offset + 2 * blockSize <= bytes.count,
                    bytes[(offset + blockSize)...].allSatisfy({ $0 == 0 })
                else { throw malformed("data after the end-of-archive marker, or a single zero block") }
                return entries
            }
            let (path, size) = try parseHeader(block)
            offset += blockSize
            if let problem = BundlePath.problem(path) {
                throw BundleRejection.Problem(.unsafePath, path, "\(problem); entries must be safe relative paths")
            }
            guard size <= maximumFileBytes else {
                throw BundleRejection.Problem(
                    .tooLarge, path, "entry of \(size) bytes exceeds the limit of \(maximumFileBytes) bytes")
            }
            guard offset + size <= bytes.count else {
                throw malformed("entry '\(path)' claims \(size) bytes but the archive ends first (truncated?)")
            }
            guard seen.insert(path).inserted else {
                throw BundleRejection.Problem(
                    .duplicateEntry, path,
                    "the path appears twice; tar would keep the last copy, so the archive is ambiguous")
            }
            guard entries.count < maximumEntries else {
                throw BundleRejection.Problem(.tooLarge, path, "more than \(maximumEntries) entries")
            }
            entries.append(Entry(path: path, bytes: Array(bytes[offset..<(offset + size)])))
            offset += size + padding(size)
            guard offset <= bytes.count else { throw malformed("the last entry's padding is cut off (truncated?)") }
        }
    }

    private static func parseHeader(_ block: [UInt8]) throws(BundleRejection.Problem) -> (String, Int) {
        let name = try text(block, 0, 100, field: "name")
        guard let recorded = number(block, 148, 8), recorded == checksum(block) else {
            throw malformed("header checksum of '\(name)' does not match (corrupted or not a tar archive)")
        }
        guard Array(block[257..<263]) == Array("ustar\0".utf8), Array(block[263..<265]) == Array("00".utf8) else {
            throw malformed("'\(name)' is not a POSIX ustar header (magic 'ustar', version '00' expected)")
        }
        let prefix = try text(block, 345, 155, field: "prefix")
        let path = prefix.isEmpty ? name : prefix + "/" + name
        switch block[156] {
        case UInt8(ascii: "0"), 0: break
        case UInt8(ascii: "1"), UInt8(ascii: "2"):
            throw BundleRejection.Problem(
                .symlink, path, "links are not allowed in a bundle: they can point outside it or at another entry")
        case UInt8(ascii: "5"):
            throw BundleRejection.Problem(
                .unsupportedEntry, path,
                "directory entries are not part of the packed form; pack with `tollgate bundle pack`")
        default:
            let flag = block[156] >= 0x20 && block[156] < 0x7F ? String(UnicodeScalar(block[156])) : "\\(\(block[156]))"
            throw BundleRejection.Problem(
                .unsupportedEntry, path,
                "entry type '\(flag)' (device, FIFO or extension header) is not allowed; only regular files are")
        }
        guard let size = number(block, 124, 12) else { throw malformed("size field of '\(path)' is not octal") }
        for (offset, length, field) in [(100, 8, "mode"), (108, 8, "uid"), (116, 8, "gid"), (136, 12, "mtime")] {
            guard number(block, offset, length) != nil else {
                throw malformed("\(field) field of '\(path)' is not octal")
            }
        }
        let linkName = try text(block, 157, 100, field: "linkname")
        guard linkName.isEmpty else { throw malformed("regular file '\(path)' carries a link name") }
        return (path, size)
    }

    /// A NUL-terminated field; bytes after the terminator must be NUL too, so nothing hides there.
    private static func text(
        _ block: [UInt8], _ offset: Int, _ length: Int, field: String
    ) throws(BundleRejection.Problem)
        -> String
    {
        let bytes = block[offset..<(offset + length)]
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        guard bytes[end...].allSatisfy({ $0 == 0 }) else {
            throw malformed("\(field) field has bytes after its terminator")
        }
        guard let value = String(validating: bytes[..<end], as: UTF8.self) else {
            throw malformed("\(field) field is not UTF-8")
        }
        return value
    }

    /// An octal number field: optional leading spaces, octal digits, then NUL or space terminators.
    private static func number(_ block: [UInt8], _ offset: Int, _ length: Int) -> Int? {
        var value = 0
        var digits = 0
        var index = offset
        let end = offset + length
        while index < end, block[index] == UInt8(ascii: " ") { index += 1 }
        while index < end, (0x30...0x37).contains(block[index]) {
            value = value * 8 + Int(block[index] - 0x30)
            digits += 1
            index += 1
            if digits > 11 { return nil }
        }
        guard digits > 0 else { return nil }
        while index < end {
            guard block[index] == 0 || block[index] == UInt8(ascii: " ") else { return nil }
            index += 1
        }
        return value
    }

    private static func checksum(_ block: [UInt8]) -> Int {
        // The checksum field itself counts as eight spaces (POSIX.1, ustar header).
        block.enumerated().reduce(0) { sum, pair in sum + ((148..<156).contains(pair.offset) ? 0x20 : Int(pair.element))
        }
    }

    private static func octal(_ value: Int, digits: Int) -> String {
        let text = String(value, radix: 8)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    private static func padding(_ size: Int) -> Int { (blockSize - size % blockSize) % blockSize }

    private static func malformed(_ message: String) -> BundleRejection.Problem {
        BundleRejection.Problem(.malformedContainer, "", message)
    }
}
