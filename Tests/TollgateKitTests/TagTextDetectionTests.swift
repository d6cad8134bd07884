import Testing

@testable import TollgateKit

/// The substring tests of the tag classifier and PRIV-105's detector, at their edges: case,
/// position, near misses and non-ASCII text.
@Suite struct TagTextDetectionTests {
    private static func parameter(_ key: String?, _ value: String? = nil) -> TagManagerParameter {
        TagManagerParameter(
            key: key, type: "template", value: value,
            location: SourceLocation(file: "c.json", line: 1, column: 1, pointer: ""))
    }

    @Test(arguments: [
        ("userEmail", ["user.contact.email"]), ("EMAIL", ["user.contact.email"]), ("e-mail", []),
        ("user_data", ["user.contact.email"]), ("UserData", ["user.contact.email"]), ("user-data", []),
        ("phone", ["user.contact.phone_number"]), ("mobilePhoneNumber", ["user.contact.phone_number"]),
        ("enhanced_conversions", ["user.contact.email", "user.contact.phone_number"]),
        ("enhancedConversion", ["user.contact.email", "user.contact.phone_number"]),
        ("ema\u{301}il", []), ("e\u{301}mail", []), ("émail", []), ("courriel_email", ["user.contact.email"]),
        ("téléphone", ["user.contact.phone_number"]), ("\u{FF45}mail", []), ("", []),
    ])
    func keysNameContactData(key: String, expected: [String]) {
        #expect(TagClassifier.userProvidedCategories([Self.parameter(key)]) == expected)
        // A `name` parameter's value counts as a key.
        #expect(TagClassifier.userProvidedCategories([Self.parameter("name", key)]) == expected)
    }

    @Test(arguments: [
        ("call tel:+442079460958", ["phone number"]), ("tel:02079460958", ["phone number"]), ("tel:123", []),
        ("TEL:02079460958", []), ("{{Phone}}", []), ("{{DLV - email}} jane@example.com", ["e-mail address"]),
        ("{ {x}} jane@example.com", ["e-mail address"]), ("é tel:02079460958", ["phone number"]), ("", []),
    ])
    func detectorFindsContactData(text: String, expected: [String]) {
        #expect(PersonalDataDetector.scan(text) == expected)
    }
}
