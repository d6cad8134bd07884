import Foundation

/// Reads the raw bytes of a bundle in either form — a directory or a packed ustar file — into
/// the same shape, checking structure only (safe paths, no links, sizes). It interprets no
/// content: that happens only after verification.
enum BundleReader {
    /// The raw pieces of a bundle.
    struct Contents: Sendable {
        var manifest: [UInt8]?
        /// Signature bytes by key id.
        var signatures: [String: [UInt8]] = [:]
        /// CMS signature bytes (DER) by signer id.
        var cmsSignatures: [String: [UInt8]] = [:]
        /// Every other file by relative path.
        var files: [String: [UInt8]] = [:]
        /// Directories of the directory form, by relative path (for the exact-file-set check).
        var directories: Set<String> = []
        /// Things tolerated but worth saying (ignored macOS metadata).
        var warnings: [String] = []
        var totalBytes = 0
        var entries = 0
    }

    /// Reads the bundle at `path`, a directory or a packed file.
    static func read(_ path: String, limits: BundleLimits) throws(BundleRejection) -> (Contents, packed: Bool) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BundleRejection(bundle: path, .init(.unreadable, path, "no such file or directory"))
        }
        do {
            if isDirectory.boolValue {
                var contents = Contents()
                try walk(root: path, relative: "", depth: 0, into: &contents, limits: limits)
                return (contents, false)
            }
            return (try unpack(path, limits: limits), true)
        } catch {
            throw BundleRejection(bundle: path, error)
        }
    }

    // MARK: - Packed form

    private static func unpack(_ path: String, limits: BundleLimits) throws(BundleRejection.Problem) -> Contents {
        // Measured on the opened descriptor, not the path: a bundle path that is a symbolic link
        // (`current.bundle.tar -> acme-42.bundle.tar`) is limited by what it points at, before
        // a byte of that is read.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw BundleRejection.Problem(
                .unreadable, path, "cannot read the bundle file: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let size = try regularFileSize(descriptor) {
            BundleRejection.Problem(.unreadable, path, "not a regular file or directory")
        }
        guard size <= limits.maximumTotalBytes else {
            throw BundleRejection.Problem(
                .tooLarge, path, "bundle of \(size) bytes exceeds the limit of \(limits.maximumTotalBytes) bytes")
        }
        let data = try readExactly(descriptor, size: size) {
            BundleRejection.Problem(.unreadable, path, "the bundle file changed while it was read")
        }
        let entries = try TarArchive.read(
            data, maximumEntries: limits.maximumEntries, maximumFileBytes: limits.maximumFileBytes)
        var contents = Contents()
        for entry in entries {
            try place(entry.path, entry.bytes, into: &contents, limits: limits)
        }
        return contents
    }

    // MARK: - Directory form

    private static func walk(
        root: String, relative: String, depth: Int, into contents: inout Contents, limits: BundleLimits
    ) throws(BundleRejection.Problem) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        guard depth < 32 else { throw BundleRejection.Problem(.tooLarge, relative, "directories nested too deeply") }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw BundleRejection.Problem(.unreadable, relative.isEmpty ? root : relative, "cannot list the directory")
        }
        for name in names.sorted() {
            let path = relative.isEmpty ? name : relative + "/" + name
            contents.entries += 1
            guard contents.entries <= limits.maximumEntries else {
                throw BundleRejection.Problem(.tooLarge, path, "more than \(limits.maximumEntries) entries")
            }
            // attributesOfItem uses lstat: a symbolic link is reported as a link, not followed.
            let type =
                (try? FileManager.default.attributesOfItem(atPath: root + "/" + path))?[.type] as? FileAttributeType
            switch type {
            case .typeSymbolicLink?:
                throw BundleRejection.Problem(
                    .symlink, path, "symbolic links are not allowed in a bundle: they can point outside it")
            case .typeDirectory?:
                if let problem = BundlePath.problem(path) { throw BundleRejection.Problem(.unsafePath, path, problem) }
                contents.directories.insert(path)
                try walk(root: root, relative: path, depth: depth + 1, into: &contents, limits: limits)
            case .typeRegular?:
                if BundlePath.isMacOSMetadata(path) {
                    // OPA users' bundles broke on AppleDouble files macOS leaves behind. They can
                    // never be bundle content (a manifest cannot list them) and are never read,
                    // so they are skipped — with a warning, never silently.
                    contents.warnings.append(
                        "ignored macOS metadata file '\(ControlCharacters.escaped(path))' (never read; a manifest cannot list it)"
                    )
                    continue
                }
                if let problem = BundlePath.problem(path) { throw BundleRejection.Problem(.unsafePath, path, problem) }
                try place(
                    path, try readRegularFile(root + "/" + path, relative: path, limits: limits), into: &contents,
                    limits: limits)
            default:
                throw BundleRejection.Problem(
                    .unsupportedEntry, path, "not a regular file or directory (device, FIFO or socket)")
            }
        }
    }

    /// Reads a file that was a regular file when listed, refusing it if it has since become a
    /// link (`O_NOFOLLOW`) or something that could block (a FIFO swapped in: `O_NONBLOCK`, then
    /// `fstat`), and checking its size before reading a byte of it.
    private static func readRegularFile(
        _ path: String, relative: String, limits: BundleLimits
    )
        throws(BundleRejection.Problem) -> [UInt8]
    {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ELOOP {
                throw BundleRejection.Problem(.symlink, relative, "became a symbolic link while reading")
            }
            throw BundleRejection.Problem(.unreadable, relative, "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let size = try regularFileSize(descriptor) {
            BundleRejection.Problem(.unsupportedEntry, relative, "not a regular file")
        }
        guard size <= limits.maximumFileBytes else {
            throw BundleRejection.Problem(
                .tooLarge, relative, "file of \(size) bytes exceeds the limit of \(limits.maximumFileBytes) bytes")
        }
        return try readExactly(descriptor, size: size) {
            BundleRejection.Problem(.unreadable, relative, "the file changed while it was read")
        }
    }

    /// The size of the regular file open at `descriptor` (`fstat`), or `notRegular`'s problem.
    private static func regularFileSize(
        _ descriptor: Int32, notRegular: () -> BundleRejection.Problem
    ) throws(BundleRejection.Problem) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { throw notRegular() }
        return Int(status.st_size)
    }

    /// Exactly `size` bytes from `descriptor`, or `changed`'s problem when there are more or fewer.
    private static func readExactly(
        _ descriptor: Int32, size: Int, changed: () -> BundleRejection.Problem
    ) throws(BundleRejection.Problem) -> [UInt8] {
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        guard let data = try? handle.read(upToCount: size + 1) ?? Data(), data.count == size else { throw changed() }
        return [UInt8](data)
    }

    // MARK: - Both forms

    private static func place(
        _ path: String, _ bytes: [UInt8], into contents: inout Contents, limits: BundleLimits
    ) throws(BundleRejection.Problem) {
        guard bytes.count <= limits.maximumFileBytes else {
            throw BundleRejection.Problem(
                .tooLarge, path, "file of \(bytes.count) bytes exceeds the limit of \(limits.maximumFileBytes) bytes")
        }
        contents.totalBytes += bytes.count
        guard contents.totalBytes <= limits.maximumTotalBytes else {
            throw BundleRejection.Problem(.tooLarge, path, "the bundle exceeds \(limits.maximumTotalBytes) bytes")
        }
        if path == BundlePath.manifest {
            contents.manifest = bytes
        } else if let keyID = BundlePath.keyID(ofSignature: path) {
            guard bytes.count <= limits.maximumSignatureBytes else {
                throw BundleRejection.Problem(
                    .tooLarge, path, "a signature of \(bytes.count) bytes; the limit is \(limits.maximumSignatureBytes)"
                )
            }
            contents.signatures[keyID] = bytes
        } else if let signerID = BundlePath.signerID(ofCMSSignature: path) {
            guard bytes.count <= limits.maximumCMSSignatureBytes else {
                throw BundleRejection.Problem(
                    .tooLarge, path,
                    "a CMS signature of \(bytes.count) bytes; the limit is \(limits.maximumCMSSignatureBytes)")
            }
            contents.cmsSignatures[signerID] = bytes
        } else {
            contents.files[path] = bytes
        }
    }
}
