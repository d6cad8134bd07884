import Foundation
import Testing

@testable import TollgateKit

/// The SARIF report is written member by member in `JSONEncoder`'s layout; these compare the
/// writer with the encoder itself on the shapes and strings that differ between JSON writers.
@Suite("Pretty JSON writer")
struct PrettyJSONWriterTests {
    struct Sample: Encodable {
        let empty: [String]
        let emptyObject: [String: String]
        let flag: Bool
        let nested: [[String: Int]]
        let number: Int
        let text: String
    }

    /// Every C0 control, quotes, backslashes, slashes, DEL and non-ASCII (including U+2028,
    /// which some writers escape).
    static let awkward: String = {
        var text = String((0..<0x20).map { Character(Unicode.Scalar($0)!) })
        text += "\"quoted\" back\\slash a/b \u{7F} é € 🚀 \u{2028}\u{2029}\u{FEFF} مدير"
        return text
    }()

    @Test func writesWhatJSONEncoderWrites() throws {
        let sample = Sample(
            empty: [], emptyObject: [:], flag: false, nested: [[:], ["a": 1, "b": -2]], number: 42, text: Self.awkward)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var expected = try encoder.encode(sample)
        expected.append(0x0A)

        var json = PrettyJSONWriter()
        json.beginObject()
        json.key("empty")
        json.strings([])
        json.key("emptyObject")
        json.beginObject()
        json.endObject()
        json.key("flag")
        json.bool(false)
        json.key("nested")
        json.beginArray()
        json.beginObject()
        json.endObject()
        json.beginObject()
        json.member("a", 1)
        json.member("b", -2)
        json.endObject()
        json.endArray()
        json.member("number", 42)
        json.member("text", Self.awkward)
        json.endObject()
        let written = json.finish()
        #expect(
            written == expected,
            "\(String(decoding: written, as: UTF8.self))\nvs\n\(String(decoding: expected, as: UTF8.self))")
    }

    /// Each ASCII byte and a few non-ASCII characters, alone, first, in the middle and last, in
    /// strings short enough to live inside the `String` value and long enough to live on the heap:
    /// the writer escapes exactly what `JSONEncoder` escapes.
    @Test func escapesEachByteWhereverItStands() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let specials = (0..<0x80).map { String(Character(Unicode.Scalar(UInt8($0)))) } + ["é", "€", "🚀", "\u{2028}"]
        for special in specials {
            for filler in ["", "abc", String(repeating: "x", count: 14), String(repeating: "y", count: 40)] {
                for text in [special, special + filler, filler + special, filler + special + filler] {
                    var expected = try encoder.encode([text])
                    expected.append(0x0A)
                    let written = PrettyJSONWriter.render { $0.strings([text]) }
                    #expect(written == expected, "\(text.unicodeScalars.map { $0.value })")
                }
            }
        }
    }

    /// Streamed to a file, a document larger than the flush size is the same bytes.
    @Test func streamingWritesWhatRenderingReturns() throws {
        func document(_ json: inout PrettyJSONWriter) {
            json.beginArray()
            for index in 0..<30_000 {
                json.beginObject()
                json.member("index", index)
                json.member("text", "line \(index)\n\(Self.awkward)")
                json.endObject()
            }
            json.endArray()
        }
        var memory = PrettyJSONWriter()
        document(&memory)
        let rendered = memory.finish()
        #expect(rendered.count > 2 << 20)
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.sarif").path
        let file = try OutputFile.Staged(path: path)
        var streamed = PrettyJSONWriter(streamingTo: file)
        document(&streamed)
        try streamed.finishStreaming()
        try file.commit()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == rendered)
        #expect(try JSONSerialization.jsonObject(with: rendered) is [Any])
    }
}
