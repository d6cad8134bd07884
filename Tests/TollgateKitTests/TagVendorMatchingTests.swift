import Testing

@testable import TollgateKit

/// Vendor names are matched as whole words: by bytes for ASCII names, by characters otherwise.
@Suite("Tag vendor name matching")
struct TagVendorMatchingTests {
    @Test(arguments: [
        ("meta ads", "meta", true),
        ("metadata store", "meta", false),
        ("the meta", "meta", true),
        ("meta2 ads", "meta", true),  // digits are not letters
        ("ameta meta", "meta", true),  // a later occurrence bounded by spaces
        ("google analytics 4", "google analytics", true),
        ("google analyticsx", "google analytics", false),
        ("m", "m", true),
        ("", "m", false),
        ("meta", "", false),
        ("snapshot", "snap", false),
        ("snap inc", "snap", true),
        ("café meta", "meta", true),  // non-ASCII text takes the character path
        ("métaads", "ads", false),
        ("meta é", "é", true),
        ("\r\nmeta\r\n", "meta", true),
        ("Xmeta", "meta", false),  // an upper-case letter is a letter
        ("_meta", "meta", true),  // the bytes between `Z` and `a` are not letters
        ("`meta", "meta", true),
        ("meta[", "meta", true),
    ])
    func wordsAreBoundedByNonLetters(_ text: String, _ alias: String, _ expected: Bool) {
        #expect(TagVendorCatalog.containsWord(text, alias) == expected)
    }
}
