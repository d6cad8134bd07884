internal import CLibXML2
import Foundation

/// Writes well-formed XML through libxml2's `xmlTextWriter`, so escaping is libxml2's, not ours.
///
/// Text is cleaned before it reaches libxml2: characters XML 1.0 forbids even as references
/// (most C0 controls, U+FFFE/U+FFFF, lone surrogates) become U+FFFD, so a finding that quotes
/// a control character still yields a file every consumer can parse.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var failed = false

    init(indent: Bool = true) {
        buffer = xmlBufferCreate()
        // Double on growth: the default grows to the exact size, one realloc per flush, which
        // made a 160 MB JUnit report (1.8 million testcases) quadratic.
        xmlBufferSetAllocationScheme(buffer, XML_BUFFER_ALLOC_DOUBLEIT)
        writer = xmlNewTextWriterMemory(buffer, 0)
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, "  ")
        }
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func start(_ name: String) { check(xmlTextWriterStartElement(writer, name)) }

    func attribute(_ name: String, _ value: String) {
        check(xmlTextWriterWriteAttribute(writer, name, Self.clean(value)))
    }

    func text(_ value: String) { check(xmlTextWriterWriteString(writer, Self.clean(value))) }

    func end() { check(xmlTextWriterEndElement(writer)) }

    /// Writes `<name attributes…>text</name>` (or an empty element when `text` is nil).
    func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text value: String? = nil) {
        start(name)
        for (key, attributeValue) in attributes { attribute(key, attributeValue) }
        if let value { text(value) }
        end()
    }

    /// Ends the document and returns its bytes. Throws if libxml2 reported any failure.
    func finish() throws -> Data {
        check(xmlTextWriterEndDocument(writer))
        check(xmlTextWriterFlush(writer))
        if failed { throw XMLWriterError.writeFailed }
        let length = Int(xmlBufferLength(buffer))
        // Take the bytes over instead of copying them: a JUnit report of an L stack is 160 MB.
        // libxml2 allocates with malloc unless xmlMemSetup replaced it, which nothing here does.
        guard let content = xmlBufferDetach(buffer) else { throw XMLWriterError.writeFailed }
        return Data(bytesNoCopy: content, count: length, deallocator: .free)
    }

    private func check(_ result: Int32) {
        if result < 0 { failed = true }
    }

    /// Replaces characters that XML 1.0 does not allow with U+FFFD.
    static func clean(_ text: String) -> String {
        // Most text is printable ASCII: decide that on the bytes before decoding any scalar.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x9 || $0 == 0xA || $0 == 0xD }) { return text }
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }

    /// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}

/// Failure to produce an XML document.
enum XMLWriterError: Error, CustomStringConvertible {
    case writeFailed

    var description: String { "libxml2 could not write the XML document" }
}
