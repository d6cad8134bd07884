extension String {
    /// `self` with every `target` character replaced by `replacement`, or removed when it is
    /// `nil`; both must be ASCII. What `replacingOccurrences(of:with:)` does for one character,
    /// without Foundation's round trip through `NSString`, which cost 10,000–25,000
    /// instructions a call: 4 % of a whole check at M, from rules and importers that normalise
    /// names (`Full-Access` → `full_access`).
    public func replacingASCII(_ target: Unicode.Scalar, with replacement: Unicode.Scalar?) -> String {
        precondition(target.isASCII && replacement?.isASCII ?? true, "ASCII characters only")
        let byte = UInt8(target.value)
        guard utf8.contains(byte) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        for unit in utf8 {
            if unit != byte {
                bytes.append(unit)
            } else if let replacement {
                bytes.append(UInt8(replacement.value))
            }
        }
        // Swapping or dropping an ASCII byte keeps UTF-8 valid.
        return String(decoding: bytes, as: UTF8.self)
    }
}
