import Foundation
import Testing

@testable import TollgateKit

/// Tollgate writes its XML itself (for speed and for bytes that do not depend on the libxml2
/// version), so libxml2 checks it: what is written must parse back to the same values.
@Suite("XML writer")
struct XMLWriterTests {
    @Test func valuesSurviveARoundTripThroughLibxml2() throws {
        let awkward = "tab\there\nline two\r\"quoted\" 'single' & <tag> ]]> 🚀 مدير \u{1B}end"
        var xml = XMLWriter()
        xml.start("root")
        xml.attribute("plain", "abc")
        xml.attribute("awkward", awkward)
        xml.attribute("joined", joining: "kind:", awkward)
        xml.element("child", ["a": "1"], text: awkward)
        xml.element("empty", ["b": "2"])
        xml.element("blank", text: "")
        xml.end()
        let data = try xml.finish()
        let root = try SafeXMLReader().read(data: data, displayPath: "t.xml").get()
        // The escape character is not allowed in XML 1.0: it becomes U+FFFD, nothing else changes.
        let expected = awkward.replacingOccurrences(of: "\u{1B}", with: "\u{FFFD}")
        let attributes = Dictionary(uniqueKeysWithValues: root.attributes.map { ($0.name, $0.value) })
        #expect(attributes["plain"] == "abc")
        #expect(attributes["awkward"] == expected)
        #expect(attributes["joined"] == "kind:" + expected)
        #expect(root.children.map(\.name) == ["child", "empty", "blank"])
        // Carriage returns in text are written as &#13; so the parser keeps them.
        #expect(root.children[0].text == expected)
        #expect(root.children[2].text == "")
    }

    @Test func layoutIsLibxml2s() throws {
        var xml = XMLWriter()
        xml.start("a")
        xml.start("b")
        xml.attribute("x", "1")
        xml.element("c", text: "t")
        xml.element("d")
        xml.end()
        xml.element("e", text: "")
        xml.end()
        let text = String(decoding: try xml.finish(), as: UTF8.self)
        #expect(
            text == """
                <?xml version="1.0" encoding="UTF-8"?>
                <a>
                  <b x="1">
                    <c>t</c>
                    <d/>
                  </b>
                  <e></e>
                </a>

                """)
    }

    /// The one-run empty element (JUnit's passing cases) is the bytes `start`, `attribute` and
    /// `end` write, at the top level, as a fragment and after an element with text; awkward
    /// subjects are escaped the same way.
    @Test func emptyElementIsWhatStartAttributeEndWrite() throws {
        let subjects = ["crm", "a&b <c> \"d\"", "tab\there\nline\r", "🚀 \u{1B}", ""]
        for depth in [0, 2] {
            var slow = depth == 0 ? XMLWriter() : XMLWriter(fragmentAt: depth)
            var fast = depth == 0 ? XMLWriter() : XMLWriter(fragmentAt: depth)
            if depth == 0 {
                slow.start("suite")
                fast.start("suite")
            }
            for subject in subjects {
                slow.start("testcase")
                slow.attribute("classname", "privacy.PRIV-1&2")
                slow.attribute("name", joining: "flow:", subject)
                slow.attribute("time", "0.000")
                slow.end()
                fast.emptyElement(
                    prefix: Array(
                        "testcase classname=\"\(XMLWriter.escapedAttribute("privacy.PRIV-1&2"))\" name=\"flow:".utf8),
                    subject, suffix: Array("\" time=\"0.000\"".utf8))
                slow.element("note", text: subject)
                fast.element("note", text: subject)
            }
            let slowBytes = depth == 0 ? try slow.finish() : slow.finishFragment()
            let fastBytes = depth == 0 ? try fast.finish() : fast.finishFragment()
            #expect(String(decoding: fastBytes, as: UTF8.self) == String(decoding: slowBytes, as: UTF8.self))
        }
    }

    /// The constant escaping mask marks exactly the markup characters, controls, DEL and
    /// non-ASCII bytes.
    @Test func escapingMaskMarksTheRightBytes() {
        for byte in UInt8.min...UInt8.max {
            let expected = byte < 0x20 || byte >= 0x7F || "&<>\"".utf8.contains(byte)
            #expect(XMLWriter.needsEscaping(byte) == expected, "byte \(byte)")
        }
    }

    /// A document streamed to a staged file (a megabyte at a time) is the document rendered in
    /// memory, byte for byte, and it reaches its path only on commit.
    @Test func streamingWritesWhatRenderingReturns() throws {
        func document(_ xml: inout XMLWriter) {
            xml.start("suite")
            // About 3 MB, so the buffer is flushed several times mid-element.
            for index in 0..<40_000 {
                xml.start("case")
                xml.attribute("name", joining: "rule:", "subject-\(index) & <more>")
                xml.element(
                    "failure", ["message": "line \(index)\nnext"], text: String(repeating: "é", count: index % 7))
                xml.end()
            }
            xml.end()
        }
        var memory = XMLWriter()
        document(&memory)
        let rendered = try memory.finish()
        #expect(rendered.count > 3 << 20)

        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.xml").path
        let file = try OutputFile.Staged(path: path)
        var streamed = XMLWriter(streamingTo: file)
        document(&streamed)
        try streamed.finishStreaming()
        #expect(!FileManager.default.fileExists(atPath: path), "nothing at the path before commit")
        try file.commit()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == rendered)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.xml"])
    }

    /// A discarded file leaves the previous report in place and no temporary file behind.
    @Test func discardedFileLeavesTheOldReport() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.xml").path
        try OutputFile.write(Data("old".utf8), to: path)
        let file = try OutputFile.Staged(path: path)
        try file.write(Data("half a new rep".utf8))
        file.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.xml"])
    }
}
