internal import CLibXML2
import Foundation

/// Validates XML documents against an XSD with libxml2.
///
/// Both the schema and the document are parsed as untrusted input: no network access, no
/// entity substitution, no DTD loading, and libxml2's default size limits left on.
public final class XMLSchemaValidator {
    private let schema: xmlSchemaPtr
    private let context: xmlSchemaValidCtxtPtr

    /// Parse options for untrusted XML: no network, no DTD loading, no entity expansion.
    static let safeParseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue)

    /// Loads the schema at `path`.
    public init(schemaPath: String) throws {
        guard let data = FileManager.default.contents(atPath: schemaPath) else {
            throw XMLValidationError.unreadableSchema(schemaPath)
        }
        let parsed: xmlSchemaPtr? = data.withUnsafeBytes { bytes in
            guard
                let parserContext = xmlSchemaNewMemParserCtxt(
                    bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
            else {
                return nil
            }
            defer { xmlSchemaFreeParserCtxt(parserContext) }
            return xmlSchemaParse(parserContext)
        }
        guard let parsed else { throw XMLValidationError.invalidSchema(schemaPath) }
        guard let context = xmlSchemaNewValidCtxt(parsed) else {
            xmlSchemaFree(parsed)
            throw XMLValidationError.invalidSchema(schemaPath)
        }
        self.schema = parsed
        self.context = context
    }

    deinit {
        xmlSchemaFreeValidCtxt(context)
        xmlSchemaFree(schema)
    }

    /// The problems with `document` (empty when it is well-formed and valid), each as
    /// `line N: message`.
    public func validate(_ document: Data) -> [String] {
        let collector = ErrorCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        xmlSetStructuredErrorFunc(unmanaged.toOpaque(), collectStructuredError)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let parsed: xmlDocPtr? = document.withUnsafeBytes { bytes in
            xmlReadMemory(
                bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), "document.xml", "UTF-8",
                Self.safeParseOptions)
        }
        guard let parsed else {
            return collector.messages.isEmpty ? ["document is not well-formed XML"] : collector.messages
        }
        defer { xmlFreeDoc(parsed) }
        xmlSchemaSetValidStructuredErrors(context, collectStructuredError, unmanaged.toOpaque())
        let result = xmlSchemaValidateDoc(context, parsed)
        if result != 0 && collector.messages.isEmpty { return ["document is not valid (libxml2 code \(result))"] }
        return collector.messages
    }
}

/// Collects libxml2's structured errors for one validation.
private final class ErrorCollector {
    var messages: [String] = []
}

private func collectStructuredError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let userData, let error else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
    let message =
        error.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
        ?? "unknown error"
    collector.messages.append("line \(error.pointee.line): \(message)")
}

/// Failures to load a schema.
public enum XMLValidationError: Error, CustomStringConvertible {
    case unreadableSchema(String)
    case invalidSchema(String)

    public var description: String {
        switch self {
        case .unreadableSchema(let path): return "cannot read XML schema \(path)"
        case .invalidSchema(let path): return "\(path) is not a valid XML schema"
        }
    }
}
