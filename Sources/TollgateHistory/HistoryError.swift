import TollgateKit

/// Why the audit history could not be used. Each case says which file and what to do.
public enum HistoryError: Error, Sendable, CustomStringConvertible {
    /// The database was written by a newer Tollgate whose schema this build does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// Not a SQLite database, not a Tollgate history, or damaged.
    case unreadable(path: String, detail: String)
    /// Another connection held the database locked for longer than Tollgate waits (5 seconds).
    case busy(path: String)
    /// There is no history and none can be created: its folder is missing or not writable.
    case cannotCreate(path: String, folder: String)
    /// A history to read is named in a folder that does not exist: a mistyped path, not a
    /// history with no audits yet.
    case noFolder(path: String, folder: String)
    /// Writing an audit failed; the transaction was rolled back and nothing was recorded.
    case writeFailed(path: String, detail: String)
    /// No audit with that id.
    case unknownAudit(path: String, id: Int64)
    /// Fewer audits than the command needs.
    case notEnoughAudits(path: String, needed: Int, found: Int)

    public var description: String {
        switch self {
        case .newerSchema(let path, let found, let supported):
            return
                "\(path): the history has schema version \(found), newer than the \(supported) this Tollgate reads; use a newer Tollgate (the file was left untouched)"
        case .unreadable(let path, let detail):
            return "\(path): not a readable Tollgate history: \(detail)"
        case .busy(let path):
            return
                "\(path): the history is busy: another program (another Tollgate audit?) kept it locked for 5 seconds; try again when it has finished (nothing was changed)"
        case .cannotCreate(let path, let folder):
            return "\(path): the history cannot be created: \(folder) is not a writable folder"
        case .noFolder(let path, let folder):
            return
                "\(path): there is no history there: the folder \(folder) does not exist; name the file `tollgate audit` records in (--history), or leave --history out for tollgate-history.sqlite here"
        case .writeFailed(let path, let detail):
            return "\(path): the audit was not recorded (the write was rolled back): \(detail)"
        case .unknownAudit(let path, let id):
            return "\(path): no audit #\(id); `tollgate history` lists them"
        case .notEnoughAudits(let path, let needed, let found):
            return
                "\(path): \(found.counted("audit")) recorded, \(needed) needed; run `tollgate audit` first"
        }
    }
}
