/// Characters that can end a line or drive a terminal: C0 controls (tab included), DEL, C1
/// controls and the Unicode line and paragraph separators U+2028 and U+2029. Ids must not
/// contain them (the validator says so), and line-based reports escape them in every string a
/// declaration supplies, so that no name or message can start a new line in a CI log (where
/// `::error …` or `::stop-commands::` at the start of a line is a workflow command) or send an
/// escape sequence to a terminal.
enum ControlCharacters {
    /// Whether `text` holds one: a scan of its UTF-8 bytes, with no allocation.
    static func contains(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x7F { return true }
                // C1: U+0080…U+009F is C2 80…C2 9F.
                if byte == 0xC2, index + 1 < count, bytes[index + 1] < 0xA0 { return true }
                // U+2028, U+2029: E2 80 A8, E2 80 A9.
                if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80,
                    bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
                {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// `text` with each such character written as an escape a reader recognises: `\n`, `\r`,
    /// `\t`, otherwise `\u{1B}`. Text without any is returned as it is.
    static func escaped(_ text: String) -> String {
        guard contains(text) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
