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
