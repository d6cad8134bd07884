import Testing

@testable import TollgateKit

/// The hosts custom HTML loads from: each once, lower-cased, in order of first appearance.
@Suite("Hosts in custom HTML")
struct ScriptHostExtractorTests {
    @Test func hostsAppearOnceInOrderOfFirstAppearance() {
        let html = """
            <script src="https://CDN.Example.com/a.js"></script>
            <a href="https://link.example.org/">not loaded</a>
            <script>s.src = "//px.example.net:8080/p"; fetch("https://cdn.example.com/b");</script>
            <img src="http://px.example.net/q"><script src="https://localhost/x.js"></script>
            """
        #expect(ScriptHostExtractor.hosts(in: html) == ["cdn.example.com", "px.example.net"])
    }

    /// A hundred thousand hosts, each written twice: the check for one already found was a
    /// search of the array (100,000 hosts took 93 s). A hang is caught by the time limit; what
    /// is asserted is the answer.
    @Test(.timeLimit(.minutes(1))) func manyHostsAreEachFoundOnce() {
        let count = 100_000
        let tags = (0..<count).map { "<script src=\"//h\($0).example.com/x.js\"></script>" }
        let html = (tags + tags.reversed()).joined(separator: " ")
        let hosts = ScriptHostExtractor.hosts(in: html)
        #expect(hosts.count == count)
        #expect(hosts.first == "h0.example.com")
        #expect(hosts.last == "h\(count - 1).example.com")
        #expect(hosts == (0..<count).map { "h\($0).example.com" })
    }
}
