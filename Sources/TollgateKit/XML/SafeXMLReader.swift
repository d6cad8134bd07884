internal import CLibXML2
import Foundation

/// Reads untrusted XML (SBOMs) into a tree of `XMLElementNode`s with libxml2's streaming
/// reader, refusing what XML attacks need.
///
/// - No network: `XML_PARSE_NONET`.
/// - No DTD at all: a document type declaration is refused before libxml2 sees the bytes, so
///   neither external entities (XXE: `<!ENTITY x SYSTEM "file:///etc/passwd">`) nor entity
///   expansion bombs ("billion laughs") can be declared. CycloneDX never uses a DTD. libxml2's
///   own options back this up: no `XML_PARSE_NOENT` (no substitution), no `XML_PARSE_DTDLOAD`,
///   no `XML_PARSE_HUGE` (its built-in limits stay on).
/// - Bounded size and nesting depth (`LoadLimits`), checked while streaming.
/// - UTF-8 (or ASCII) only, so the prolog check sees the bytes as they are.
public struct SafeXMLReader: Sendable {
    public let limits: LoadLimits

    public init(limits: LoadLimits = .default) {
        self.limits = limits
    }

    /// Reads the file at `path` (refusing it by its size before reading it into memory).
    public func read(path: String, displayPath: String? = nil) -> Result<XMLElementNode, Diagnostic> {
        let shown = displayPath ?? path
        switch FileAccess.read(path, maxBytes: limits.maxFileBytes) {
        case .success(let data): return read(data: data, displayPath: shown)
        case .failure(.tooLarge(let size)): return .failure(tooLarge(size, shown))
        case .failure(.unreadable(let access)): return .failure(access.diagnostic(shown: shown))
        }
    }

    private func tooLarge(_ size: Int, _ file: String) -> Diagnostic {
        Diagnostic(
            at: SourceLocation(file: file, line: 1, column: 1),
            "file is \(DocumentLoader.megabytes(size)), over the \(DocumentLoader.megabytes(limits.maxFileBytes)) limit",
            hint: "split the SBOM, or raise --max-file-size")
    }

    /// The document's root element, or a diagnostic saying why it cannot be read.
    public func read(data: Data, displayPath: String) -> Result<XMLElementNode, Diagnostic> {
        let start = SourceLocation(file: displayPath, line: 1, column: 1)
        if data.count > limits.maxFileBytes { return .failure(tooLarge(data.count, displayPath)) }
        if let problem = Self.prologProblem(data) {
            return .failure(
                Diagnostic(
                    at: SourceLocation(file: displayPath, line: problem.line, column: 1), problem.message,
                    hint: problem.hint))
        }
        guard data.count <= Int(Int32.max) else {
            return .failure(Diagnostic(at: start, "file is too large"))
        }
        return data.withUnsafeBytes { bytes -> Result<XMLElementNode, Diagnostic> in
            guard
                let reader = xmlReaderForMemory(
                    bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), displayPath, "UTF-8",
                    Self.parseOptions)
            else {
                return .failure(Diagnostic(at: start, "cannot start the XML parser"))
            }
            defer { xmlFreeTextReader(reader) }
            let collector = XMLErrorCollector()
            let unmanaged = Unmanaged.passRetained(collector)
            defer { unmanaged.release() }
            xmlTextReaderSetStructuredErrorHandler(reader, collectReaderError, unmanaged.toOpaque())
            var tags = StartTags(bytes)
            return Self.build(
                reader, collector: collector, tags: &tags, file: displayPath, maxDepth: limits.maxDepth,
                maxElements: limits.maxXMLElements)
        }
    }

    /// Parse options for untrusted input: no network, no entity substitution, no DTD loading,
    /// libxml2's limits on, line numbers above 65535 kept.
    static let parseOptions = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    private static func build(
        _ reader: xmlTextReaderPtr, collector: XMLErrorCollector, tags: inout StartTags, file: String, maxDepth: Int,
        maxElements: Int
    ) -> Result<XMLElementNode, Diagnostic> {
        var stack: [XMLElementNode] = []
        var elements = 0
        // Most elements share one namespace: keep one copy of its string, not one per element.
        var lastNamespace = ""
        var root: XMLElementNode?
        func fail(
            _ message: String, line: Int, column: Int = 1, hint: String? = nil
        ) -> Result<XMLElementNode, Diagnostic> {
            .failure(
                Diagnostic(
                    at: SourceLocation(file: file, line: max(line, 1), column: max(column, 1)), message, hint: hint))
        }
        func close() {
            let finished = stack.removeLast()
            if stack.isEmpty {
                root = finished
            } else {
                stack[stack.count - 1].children.append(finished)
            }
        }
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 || !collector.errors.isEmpty {
                let error = collector.errors.first
                return fail(
                    "not well-formed XML: \(error?.message ?? "parse error")",
                    line: error?.line ?? Int(xmlTextReaderGetParserLineNumber(reader)),
                    column: error?.column ?? Int(xmlTextReaderGetParserColumnNumber(reader)),
                    hint: "fix the XML syntax; the file must be a complete UTF-8 document")
            }
            let line = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? 0
            switch xmlTextReaderNodeType(reader) {
            case 1:  // element
                // libxml2 keeps no column for a node, and its line is where the start tag ends.
                let start = tags.next() ?? (line, 1)
                if stack.count >= maxDepth {
                    return fail(
                        "elements nested deeper than \(maxDepth) levels", line: start.line, column: start.column)
                }
                if root != nil {
                    return fail("content after the root element", line: start.line, column: start.column)
                }
                elements += 1
                if elements > maxElements {
                    return fail(
                        "more than \(maxElements) XML elements", line: start.line, column: start.column,
                        hint: "split the SBOM; Tollgate refuses larger XML documents to bound its memory")
                }
                let name = string(xmlTextReaderConstLocalName(reader))
                var namespace = string(xmlTextReaderConstNamespaceUri(reader))
                if namespace == lastNamespace { namespace = lastNamespace } else { lastNamespace = namespace }
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                var attributes: [(name: String, value: String)] = []
                while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                    // Namespace declarations are not attributes of the data.
                    if string(xmlTextReaderConstNamespaceUri(reader)) == "http://www.w3.org/2000/xmlns/" { continue }
                    attributes.append(
                        (string(xmlTextReaderConstLocalName(reader)), string(xmlTextReaderConstValue(reader))))
                }
                stack.append(
                    XMLElementNode(
                        name: name, namespace: namespace, attributes: attributes, line: start.line,
                        column: start.column))
                if isEmpty { close() }
            case 15:  // end element
                guard !stack.isEmpty else { return fail("unbalanced end tag", line: line) }
                close()
            case 3, 4:  // text, CDATA
                guard !stack.isEmpty else { continue }
                stack[stack.count - 1].text += string(xmlTextReaderConstValue(reader))
            case 5, 6:  // entity reference, entity
                return fail(
                    "entity references are not accepted", line: line,
                    hint: "write the characters themselves; only the predefined entities such as &amp; are allowed")
            case 10:  // document type (backstop: the prolog check refuses it earlier)
                return fail("document type declarations (DTDs) are not accepted", line: line)
            default:
                continue
            }
        }
        guard let root, stack.isEmpty else {
            return fail(
                "document ends before its root element is closed", line: Int(xmlTextReaderGetParserLineNumber(reader)))
        }
        return .success(root)
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    /// Scans the prolog (before the root element) for a document type declaration, and refuses
    /// encodings other than UTF-8, without parsing anything.
    static func prologProblem(_ data: Data) -> (line: Int, message: String, hint: String)? {
        let bytes = [UInt8](data.prefix(1 << 20))
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0x00, 0x3C])
            || bytes.starts(with: [0x3C, 0x00])
        {
            return (1, "XML file is not UTF-8", "save the SBOM as UTF-8")
        }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        func find(_ needle: [UInt8], from: Int) -> Int? {
            guard needle.count <= bytes.count else { return nil }
            var position = from
            while position + needle.count <= bytes.count {
                if bytes[position] == needle[0] && Array(bytes[position..<position + needle.count]) == needle {
                    return position
                }
                position += 1
            }
            return nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            guard byte == 0x3C else {
                index += 1
                continue
            }
            let rest = bytes[index...]
            if rest.starts(with: Array("<?".utf8)) || rest.starts(with: Array("<!--".utf8)) {
                let end = rest.starts(with: Array("<?".utf8)) ? Array("?>".utf8) : Array("-->".utf8)
                guard let close = find(end, from: index + 2) else {
                    // Unclosed within the first MiB: a longer prolog would hide a DTD from this check.
                    return data.count > bytes.count
                        ? (line, "XML prolog is longer than 1 MiB", "remove the long comment before the root element")
                        : nil
                }
                line += bytes[index..<close].filter { $0 == 0x0A }.count
                index = close + end.count
                continue
            }
            if rest.starts(with: Array("<!".utf8)) {
                return (
                    line, "document type declarations (DTDs) are not accepted in an SBOM",
                    "remove the <!DOCTYPE …>; CycloneDX documents have none, and DTDs enable XXE and entity bombs"
                )
            }
            return nil
        }
        return data.count > bytes.count
            ? (line, "XML prolog is longer than 1 MiB", "remove the long comment before the root element") : nil
    }
}

/// libxml2's errors for one read, with their lines and columns (0 when libxml2 has none).
private final class XMLErrorCollector {
    var errors: [(line: Int, column: Int?, message: String)] = []
}

/// Where each start tag of a well-formed document begins, in document order: libxml2's reader
/// reports elements in that order, so the n-th element it reports is the n-th start tag here.
/// A `<` outside comments, CDATA sections and processing instructions opens a tag (XML allows
/// no bare `<` in text or attribute values, and DTDs and entities are refused before this runs).
/// Lines break at LF, CR LF or a lone CR, as libxml2 counts them; columns count Unicode scalars.
struct StartTags {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// UTF-8 continuation bytes between `lineStart` and `index`.
    private var continuationBytes = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        // A byte-order mark is not a column.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
    }

    /// The line and column of the next start tag's `<`, or nil when there is none.
    mutating func next() -> (line: Int, column: Int)? {
        while index < bytes.count {
            guard bytes[index] == 0x3C else {
                advance()
                continue
            }
            let position = (line, index - lineStart - continuationBytes + 1)
            if starts("<!--") {
                skip(past: "-->")
            } else if starts("<![CDATA[") {
                skip(past: "]]>")
            } else if starts("<?") {
                skip(past: "?>")
            } else if starts("</") || starts("<!") {
                advance()
            } else {
                advance()
                return position
            }
        }
        return nil
    }

    private func starts(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return (0..<count).allSatisfy { bytes[index + $0] == text.utf8Start[$0] }
    }

    private mutating func skip(past end: StaticString) {
        while index < bytes.count, !starts(end) { advance() }
        for _ in 0..<end.utf8CodeUnitCount where index < bytes.count { advance() }
    }

    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == 0x0A || (byte == 0x0D && (index == bytes.count || bytes[index] != 0x0A)) {
            line += 1
            lineStart = index
            continuationBytes = 0
        } else if byte & 0xC0 == 0x80 {
            continuationBytes += 1
        }
    }
}

private func collectReaderError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let userData, let error else { return }
    let collector = Unmanaged<XMLErrorCollector>.fromOpaque(userData).takeUnretainedValue()
    // Warnings (level 1) do not make a document unreadable.
    guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    let message =
        error.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
        ?? "unknown error"
    // For parser errors libxml2 keeps the column in `int2`.
    let domain = error.pointee.domain
    let fromParser = domain == XML_FROM_PARSER.rawValue || domain == XML_FROM_NAMESPACE.rawValue
    let column = fromParser && error.pointee.int2 > 0 ? Int(error.pointee.int2) : nil
    collector.errors.append((Int(error.pointee.line), column, message))
}
