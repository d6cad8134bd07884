extension Int {
    /// The count with its noun in agreement: `1.counted("file")` is "1 file", `2.counted("file")`
    /// "2 files"; `plural` where adding "s" is wrong ("person", "people"). Messages, notes and
    /// summaries are read by people, and "1 files" reads as a mistake.
    public func counted(_ singular: String, _ plural: String? = nil) -> String {
        "\(self) \(self == 1 ? singular : plural ?? singular + "s")"
    }
}
