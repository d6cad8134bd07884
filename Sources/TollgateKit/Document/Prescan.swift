/// A single linear pass over raw bytes that refuses input the YAML parser must never see.
///
/// It finds NUL and other control bytes (binary files), invalid UTF-8, nesting deep enough to
/// exhaust the parser's recursion, and aliases used as mapping keys (structural hashing of
/// keys could cost exponential time). It is deliberately loose about depth (it over-estimates);
/// the YAML reader enforces the exact limit with a precise location.
struct Prescan {
    let bytes: [UInt8]

    func firstProblem(limits: LoadLimits) -> DocumentProblem? {
        // The recursion guard allows generous slack over the exact limit the YAML reader applies.
        let depthCeiling = max(limits.maxDepth * 4, 128)
        var line = 1
        var column = 1
        var index = 0
        var lineStart = true
        var indent = 0
        var dashes = 0
        var flowDepth = 0
        var quote: UInt8? = nil
        var inComment = false
        var previous: UInt8 = 0x0A
        let count = bytes.count

        while index < count {
            let byte = bytes[index]
            let here = Mark(line: line, column: column)
            // Control bytes and UTF-8 structure.
            if byte == 0 {
                return DocumentProblem(
                    mark: here, message: "binary file: NUL byte found",
                    hint: "declarations are UTF-8 text (YAML or JSON); check that the right file was named")
            }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                return DocumentProblem(
                    mark: here, message: "control character U+\(hex(byte)) is not allowed in YAML or JSON text",
                    hint: "remove it, or write it as an escape inside a double-quoted string")
            }
            var width = 1
            if byte >= 0x80 {
                width = Self.utf8SequenceLength(in: bytes, at: index)
                if width == 0 {
                    return DocumentProblem(
                        mark: here, message: "invalid UTF-8 byte 0x\(hex(byte))",
                        hint: "save the file as UTF-8")
                }
            }
            if byte == 0x0A {
                line += 1
                column = 1
                index += 1
                lineStart = true
                indent = 0
                dashes = 0
                inComment = false
                previous = byte
                continue
            }
            if inComment {
                index += width
                column += 1
                previous = byte
                continue
            }
            if lineStart {
                if byte == 0x20 {
                    indent += 1
                } else if byte == 0x2D, index + 1 < count, bytes[index + 1] == 0x20 || bytes[index + 1] == 0x0A {
                    dashes += 1
                } else if byte != 0x09 {
                    lineStart = false
                }
                if indent + dashes + flowDepth > depthCeiling {
                    return depthProblem(here)
                }
            }
            if let open = quote {
                if byte == 0x5C && open == 0x22 {  // backslash escape inside double quotes
                    index += 2
                    column += 2
                    previous = 0
                    continue
                }
                if byte == open { quote = nil }
            } else {
                let tokenStart = isTokenBoundary(previous)
                switch byte {
                case 0x22 where tokenStart, 0x27 where tokenStart:  // " or ' opening a quoted scalar
                    quote = byte
                case 0x23 where tokenStart || previous == 0x20:  // # comment
                    inComment = true
                case 0x5B, 0x7B:  // [ {
                    flowDepth += 1
                    if indent + dashes + flowDepth > depthCeiling { return depthProblem(here) }
                case 0x5D, 0x7D:  // ] }
                    flowDepth = max(0, flowDepth - 1)
                case 0x2A where tokenStart:  // * alias
                    if aliasIsKey(from: index + 1) {
                        return DocumentProblem(
                            mark: here, message: "an alias is used as a mapping key",
                            hint: "write the key out; aliases are allowed only as values")
                    }
                default:
                    break
                }
            }
            previous = byte
            index += width
            column += 1
        }
        return nil
    }

    private func depthProblem(_ mark: Mark) -> DocumentProblem {
        DocumentProblem(
            mark: mark, message: "nesting is too deep for a declaration",
            hint: "declarations need only a few levels; check that the file is not generated garbage")
    }

    private func isTokenBoundary(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x5B, 0x7B, 0x2C, 0x3A, 0x2D, 0x3F: return true  // space tab LF CR [ { , : - ?
        default: return false
        }
    }

    /// After `*name`, is the next non-space character a `:` that ends a key?
    private func aliasIsKey(from start: Int) -> Bool {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x2C || byte == 0x5D
                || byte == 0x7D
            {
                break
            }
            index += 1
        }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index < bytes.count, bytes[index] == 0x3A else { return false }
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0x0A
        return next == 0x20 || next == 0x0A || next == 0x0D || next == 0x09
    }

    /// The length of the valid UTF-8 sequence starting at `index` of `bytes` (RFC 3629: no
    /// overlong forms, no surrogates, nothing above U+10FFFF), or 0 when it is invalid. The one
    /// definition of valid UTF-8 for the document readers: `JSONReader` declines what this
    /// refuses, so that the prescan reports it.
    static func utf8SequenceLength<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, at index: Int) -> Int
    where Bytes.Index == Int {
        let lead = bytes[index]
        let length: Int
        let minimum: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80
        case 0xE0...0xEF: length = 3; minimum = 0x800
        case 0xF0...0xF4: length = 4; minimum = 0x10000
        default: return 0
        }
        guard index + length <= bytes.endIndex else { return 0 }
        var scalar = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            let continuation = bytes[index + offset]
            guard continuation & 0xC0 == 0x80 else { return 0 }
            scalar = scalar << 6 | UInt32(continuation & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return 0 }
        return length
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
