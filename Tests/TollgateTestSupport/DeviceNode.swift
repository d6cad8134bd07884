import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Device nodes for tests of writing to devices: made only in a test's own temporary directory,
/// never at a real device's path (a bug that replaced the node would destroy it).
public enum DeviceNode {
    /// Makes a character device 1,3 (a null device) at `path` and checks that it can be opened
    /// for writing. False when not permitted (not root, or a file system mounted `nodev`).
    public static func makeNull(at path: String) -> Bool {
        guard mknod(path, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 else { return false }
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    /// Whether a device node can be made and opened in a temporary directory here.
    public static let canMake: Bool = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tollgate-mknod-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)) != nil else {
            return false
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        return makeNull(at: directory.appendingPathComponent("probe").path)
    }()

    /// The file type of `path` itself (`S_IFREG`, `S_IFLNK`, `S_IFCHR`, …), or 0 when it does not exist.
    public static func kind(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }
}
