import Testing

@testable import TollgateKit

/// `SecretRedactor`: every form of a secret a message can quote is masked.
@Suite struct SecretRedactorTests {
    static func secret(_ value: String, _ kind: SecretKind = .credentialField) -> ExposedSecret {
        ExposedSecret(
            kind: kind, location: SourceLocation(file: "s.yaml", line: 1, column: 1, pointer: "/x"), field: "password",
            value: value)
    }

    static let nfc = "p\u{E4}ssw0rd-for-the-crm"
    static let nfd = "pa\u{308}ssw0rd-for-the-crm"

    /// The same password precomposed in one file and decomposed in another: two sightings,
    /// which the redactor kept as one (`String` equality is canonical equivalence) while it
    /// masks bytes, so a message quoting the other form printed it.
    @Test func bothSightingsOfAnNFCAndNFDPairAreMasked() throws {
        let secrets = InventoryLoader().load(
            text: "version: 1\nx-a: { password: \"\(Self.nfc)\" }\nx-b: { password: \"\(Self.nfd)\" }\n", name: "s.yaml"
        ).inventory.exposedSecrets
        try #require(secrets.count == 2)
        let redactor = SecretRedactor(secrets)
        #expect(redactor.redact("v " + Self.nfc) == "v [redacted credential_field]")
        #expect(redactor.redact("v " + Self.nfd) == "v [redacted credential_field]")
    }

    /// One sighting masks its canonically equivalent forms too, as Foundation's search did.
    @Test func aSecretsNFCAndNFDFormsAreMasked() {
        for (found, quoted) in [(Self.nfc, Self.nfd), (Self.nfd, Self.nfc)] {
            let redactor = SecretRedactor([Self.secret(found)])
            #expect(redactor.redact("v \(quoted)!") == "v [redacted credential_field]!", "\(Array(quoted.utf8))")
        }
    }
}

extension SecretRedactorTests {
    /// Two secrets of the same length that overlap in a text: the output is the same whatever
    /// the order of the sightings, and from one redactor to the next (each dictionary and set
    /// has its own seed, so the old tie-break by their order changed between them), and both
    /// are masked whole.
    @Test func overlappingSecretsOfEqualLengthAreMaskedTheSameWay() {
        let first = Self.secret("abcd1234")
        let second = Self.secret("1234wxyz", .highEntropy)
        var outputs: Set<String> = []
        for round in 0..<50 {
            let redactor = SecretRedactor(round.isMultiple(of: 2) ? [first, second] : [second, first])
            outputs.insert(redactor.redact("k abcd1234wxyz 1234wxyzabcd1234!"))
        }
        #expect(outputs == ["k [redacted credential_field] [redacted high_entropy][redacted credential_field]!"])
    }

    /// A secret that contains another is masked whole, with its own mask, though in characters
    /// the two are as long ("e\u{301}" and "e" are one character each).
    @Test func aSecretContainingAnotherIsMaskedWhole() {
        let outer = Self.secret("tok-e\u{301}")
        let inner = Self.secret("tok-e", .highEntropy)
        for secrets in [[outer, inner], [inner, outer]] {
            #expect(SecretRedactor(secrets).redact("q tok-e\u{301} q") == "q [redacted credential_field] q")
        }
    }

    /// One value seen as two kinds of secret: one mask, whatever the order of the sightings.
    @Test func oneValueSeenAsTwoKindsHasOneMask() {
        let a = Self.secret("Zp4Qm9Lr2Tx7Vw3Ks8Bn5Hy6Jd")
        let b = Self.secret("Zp4Qm9Lr2Tx7Vw3Ks8Bn5Hy6Jd", .highEntropy)
        #expect(SecretRedactor([a, b]).redact("v Zp4Qm9Lr2Tx7Vw3Ks8Bn5Hy6Jd") == "v [redacted credential_field]")
        #expect(SecretRedactor([b, a]).redact("v Zp4Qm9Lr2Tx7Vw3Ks8Bn5Hy6Jd") == "v [redacted credential_field]")
    }
}

extension SecretRedactorTests {
    /// A credential field's value is the whole string, junk at its ends included; a quote of it
    /// without the junk (a reader that trims, a tool that cut the NUL off) is masked too.
    @Test func aSecretWithoutItsTrailingAndLeadingJunkIsMasked() {
        for value in ["hunter2hunter2\u{0}", "hunter2hunter2\n", " \thunter2hunter2\r\n\u{0}"] {
            let redactor = SecretRedactor([Self.secret(value)])
            #expect(redactor.redact("v 'hunter2hunter2'") == "v '[redacted credential_field]'", "\(Array(value.utf8))")
            #expect(redactor.redact("v '\(value)'") == "v '[redacted credential_field]'", "\(Array(value.utf8))")
        }
        // Junk alone is nothing to mask.
        #expect(SecretRedactor([Self.secret("\u{0}\n")]).redact("a\nb") == "a\nb")
    }

    /// A random base-62 word, made at run time so no secret-shaped string is committed.
    static func madeUpWord(_ length: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return "Ab9" + String((0..<(length - 3)).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// A secret longer than 60 characters quoted through `Suggestion.shown` never appears whole:
    /// its first 60 characters and `…` do, or, after other text, fewer. They are masked.
    @Test func aSecretCutByShownIsMasked() {
        let secret = Self.madeUpWord(70)
        let redactor = SecretRedactor([Self.secret(secret, .highEntropy)])
        #expect(
            redactor.redact("unknown value '\(Suggestion.shown(secret))' for 'system_type'")
                == "unknown value '[redacted high_entropy]' for 'system_type'")
        #expect(
            redactor.redact("did you mean '\(Suggestion.shown("account:" + secret))'?")
                == "did you mean 'account:[redacted high_entropy]'?")
        let cutLate = Suggestion.shown(String(repeating: "-", count: 50) + secret)
        #expect(redactor.redact(cutLate) == String(repeating: "-", count: 50) + "[redacted high_entropy]")
    }

    /// Through the loader: a 70-character secret as an unknown enum value and as an unknown key.
    @Test func aLongSecretInAnUnknownValueOrKeyIsMaskedInTheDiagnostics() throws {
        let secret = Self.madeUpWord(70)
        let outcome = InventoryLoader().load(
            text: """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: \(secret) }
                  - { id: esp, name: ESP, system_type: esp, \(secret): 1 }
                """, name: "s.yaml")
        try #require(!outcome.inventory.exposedSecrets.isEmpty)
        let messages = outcome.diagnostics.map { "\($0.message) \($0.hint ?? "")" }
        #expect(messages.contains { $0.contains("unknown value '[redacted high_entropy]'") }, "\(messages)")
        #expect(messages.contains { $0.contains("unknown key '[redacted high_entropy]'") }, "\(messages)")
        #expect(!messages.contains { $0.contains(secret.prefix(SecretRedactor.shortestHead)) }, "\(messages)")
    }

    /// A head shorter than four bytes, or one the mask shows anyway, is left: text ending in `…`,
    /// such as another secret's preview, is not masked for it.
    @Test func shortHeadsAndPreviewsAreLeft() {
        let key = "AKIA" + "IOSFODNN7EXAMPLE"
        let redactor = SecretRedactor([Self.secret(key, .awsAccessKeyID), Self.secret("hunter2hunter2")])
        #expect(redactor.redact("id (AKIA…), hun…") == "id (AKIA…), hun…")
        #expect(redactor.redact("id (AKIAI…), hunt…") == "id (AKIA…), [redacted credential_field]")
    }
}
