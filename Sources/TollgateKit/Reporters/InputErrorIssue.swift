/// An error in the input as an issue a CI system tracks (a GitLab Code Quality issue, a SARIF
/// result): a run that checked nothing shows its errors there instead of an empty list, which
/// GitLab would show as a clean merge request and code scanning would take as every alert fixed.
enum InputErrorIssue {
    /// The check (GitLab) or rule (SARIF) id of an error in the input.
    static let checkName = "tollgate/invalid-input"

    /// 32 hex digits, as a finding's fingerprint, from the error's file as reports show it (its
    /// display path, so the same however the path was typed), line, column and message: the same
    /// error at the same place keeps its fingerprint across runs and is not shown as new.
    static func fingerprint(_ diagnostic: Diagnostic, displayPath: String) -> String {
        let location = diagnostic.location
        let key = [checkName, displayPath, String(location.line), String(location.column), diagnostic.message]
        return String(SHA256.hex(key.joined(separator: "\u{0}")).prefix(32))
    }
}
