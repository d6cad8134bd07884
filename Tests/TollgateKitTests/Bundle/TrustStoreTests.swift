import Foundation
import Testing

@testable import TollgateKit

/// Trust files: every mistake is an error at file:line:col, and keys are checked against the
/// algorithm they are declared with.
@Suite("Trust files")
struct TrustStoreTests {
    typealias Support = BundleTestSupport

    func problems(_ yaml: String, base: String = "/") -> [String] {
        let (store, diagnostics) = TrustStore.parse(data: Data(yaml.utf8), file: "trust.yaml", baseDirectory: base)
        #expect((store == nil) == !diagnostics.isEmpty)
        return diagnostics.map(\.description)
    }

    @Test func aValidTrustFileLoads() throws {
        let trust = try Support.trust(
            [.init("a", Support.ed25519, notBefore: "2026-01-01", notAfter: "2026-12-31"), .init("b", Support.rsa)],
            threshold: 2, names: ["acme-policy"])
        #expect(trust.keys.map(\.algorithm) == [.ed25519, .rsaPSSSHA256])
        #expect(trust.keys.first?.notAfter == Timestamp(rfc3339: "2027-01-01T00:00:00Z"), "a date covers its whole day")
    }

    /// A bad name after an item that is not a string is reported at its own place, not at the
    /// position it would have if the earlier item were dropped.
    @Test func aBadNameIsReportedWhereItIsAfterANonString() {
        let yaml = Support.trustYAML([.init("a", Support.ed25519)], names: ["acme-policy", "[nested]", "'bad name'"])
        let found = problems(yaml)
        // `names: [acme-policy, [nested], 'bad name']` is line 3; the second item starts at column 22, the third at 32.
        #expect(found.contains { $0.hasPrefix("trust.yaml:3:22:") && $0.contains("expected a string") }, "\(found)")
        #expect(
            found.contains { $0.hasPrefix("trust.yaml:3:32:") && $0.contains("'bad name' is not a valid bundle name") },
            "\(found)")
    }

    /// Absent `names` accepts any bundle name; a `names` key that lists nothing is a mistake
    /// (a template whose list came out empty), never "any name".
    @Test func anEmptyNamesListIsAnErrorNotAnyName() throws {
        let base = Support.trustYAML([.init("a", Support.ed25519)])
        for (value, column) in [("[]", 8), ("~", 8), ("null", 8), ("", 7)] {
            let yaml = base.replacingOccurrences(of: "keys:\n", with: "names: \(value)\nkeys:\n")
            let found = problems(yaml)
            #expect(
                found == [
                    "trust.yaml:3:\(column): error: 'names' is empty; list the accepted bundle names or remove the key"
                ],
                "names: \(value) → \(found)")
        }
        #expect(problems(base).isEmpty)
        #expect(try Support.trust([.init("a", Support.ed25519)]).names.isEmpty, "absent: any name")
    }

    @Test func mistakesAreReportedWithTheirPlace() throws {
        let ed = Support.trustYAML([.init("a", Support.ed25519)])
        // Declared algorithm differs from the key.
        let mismatched = ed.replacingOccurrences(of: "algorithm: ed25519", with: "algorithm: ecdsa-p256-sha256")
        #expect(
            problems(mismatched).contains {
                $0.contains("is declared ecdsa-p256-sha256 but") && $0.hasPrefix("trust.yaml:4:")
            })
        // Threshold above the number of unrevoked keys.
        #expect(
            problems(ed.replacingOccurrences(of: "threshold: 1", with: "threshold: 2")).contains {
                $0.contains("cannot be met")
            })
        let revokedAll = Support.trustYAML([.init("a", Support.ed25519)], revoked: ["a"])
        #expect(problems(revokedAll).contains { $0.contains("cannot be met") })
        // A typo'd key, an unknown algorithm, a missing threshold.
        #expect(
            problems(ed.replacingOccurrences(of: "threshold:", with: "treshold:")).contains {
                $0.contains("did you mean 'threshold'")
            })
        #expect(
            problems(ed.replacingOccurrences(of: "algorithm: ed25519", with: "algorithm: ed448")).contains {
                $0.contains("unknown value 'ed448'")
            })
        // The same key twice.
        let twice = Support.trustYAML([.init("a", Support.ed25519), .init("b", Support.ed25519)])
        #expect(problems(twice).contains { $0.contains("is the same key as 'a'") })
        // A private key pasted by mistake.
        let secret = try #require(Support.ed25519).privatePEM.split(separator: "\n").map { "      \($0)" }.joined(
            separator: "\n")
        let leaked =
            "version: 1\nthreshold: 1\nkeys:\n  - id: a\n    algorithm: ed25519\n    public_key: |\n\(secret)\n"
        #expect(problems(leaked).contains { $0.contains("holds a private key") })
        // A missing key file, relative to the trust file.
        let missing = "version: 1\nthreshold: 1\nkeys:\n  - { id: a, algorithm: ed25519, public_key_file: nope.pub }\n"
        #expect(
            problems(missing, base: "/nonexistent").contains { $0.contains("cannot read public_key_file 'nope.pub'") })
        // A device or an oversized file is refused unread (FileManager read /dev/zero forever).
        let device = "version: 1\nthreshold: 1\nkeys:\n  - { id: a, algorithm: ed25519, public_key_file: /dev/zero }\n"
        #expect(
            problems(device).contains {
                $0.contains("cannot read public_key_file '/dev/zero' (resolved to /dev/zero): it is not a regular file")
            })
        let large = try TestSupport.temporaryDirectory()
        try Data(count: 70_000).write(to: large.appendingPathComponent("big.pem"))
        let signer =
            "version: 1\nthreshold: 1\ncms_signers:\n  - { id: s, ca_certificates_file: big.pem, identity: { email: a@example.com } }\n"
        #expect(problems(signer, base: large.path).contains { $0.contains("ca_certificates_file 'big.pem'") })
        #expect(
            problems(device.replacingOccurrences(of: "/dev/zero", with: "big.pem"), base: large.path).contains {
                $0.contains("public_key_file 'big.pem' is larger than 65536 bytes")
            })
        // Both or neither source of the key.
        #expect(
            problems("version: 1\nthreshold: 1\nkeys:\n  - { id: a, algorithm: ed25519 }\n").contains {
                $0.contains("exactly one of")
            })
        // No keys at all.
        #expect(!problems("version: 1\nthreshold: 1\nkeys: []\n").isEmpty)
    }

    @Test(.enabled(if: BundleTestSupport.openssl != nil, "skipped: no `openssl` binary on PATH to make the weak keys"))
    func weakOrUnsupportedKeysAreRefused() throws {
        let work = try TestSupport.temporaryDirectory()
        for (arguments, expected) in [
            (["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], "at least 3072"),
            (["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"], "only P-256"),
            (["-algorithm", "ed448"], "a key of type ED448"),
        ] {
            _ = try OpenSSLInteropTests.openssl(["genpkey"] + arguments + ["-out", "k.pem"], in: work)
            _ = try OpenSSLInteropTests.openssl(["pkey", "-in", "k.pem", "-pubout", "-out", "k.pub"], in: work)
            let yaml =
                "version: 1\nthreshold: 1\nkeys:\n  - { id: a, algorithm: rsa-pss-sha256, public_key_file: k.pub }\n"
            #expect(problems(yaml, base: work.path).contains { $0.contains(expected) }, "\(arguments)")
        }
    }

    @Test func anUnreadableTrustFileRejectsWithItsOwnReason() {
        do {
            _ = try TrustStore.load(path: "/nonexistent/trust.yaml")
            Issue.record("expected a rejection")
        } catch {
            #expect(error.reason == .invalidTrustFile)
            #expect(error.description.contains("cannot read the trust file: no such file or directory"), "\(error)")
        }
    }

    /// An incomplete key entry gets one precise message per problem, and its key is still read,
    /// so a bad PEM is not hidden by a bad algorithm or a missing id; no vague "incomplete" line.
    @Test func incompleteKeyEntriesSayExactlyWhatIsWrong() throws {
        let work = try TestSupport.temporaryDirectory()
        try Data(try #require(Support.ed25519).publicPEM.utf8).write(to: work.appendingPathComponent("a.pub"))
        try Data(try #require(Support.ed25519Second).publicPEM.utf8).write(to: work.appendingPathComponent("b.pub"))
        let yaml = """
            version: 1
            threshold: 1
            keys:
              - id: both
                algorithm: ed25519
                public_key_file: a.pub
                public_key: "x"
              - id: none
                algorithm: ed25519
              - algorithm: ed25519
                public_key_file: b.pub
              - id: bad
                algorithm: blowfish
                public_key: "nope"
              - id: ec
                algorithm: ecdsa-p256-sha256
                public_key_file: a.pub

            """
        let found = problems(yaml, base: work.path)
        let expected = [
            "trust.yaml:4:5: error: give exactly one of 'public_key' (PEM) and 'public_key_file' (a path)",
            "trust.yaml:8:5: error: give exactly one of 'public_key' (PEM) and 'public_key_file' (a path)",
            "trust.yaml:10:5: error: missing required key 'id' in a trusted key",
            "trust.yaml:12:5: error: inline public_key of key 'bad' is not exactly one PEM PUBLIC KEY block",
            "trust.yaml:13:16: error: unknown value 'blowfish' for 'algorithm'",
            "trust.yaml:15:5: error: key 'ec' is declared ecdsa-p256-sha256 but public_key_file 'a.pub' holds an Ed25519 key",
        ]
        #expect(found.count == expected.count, "\(found)")
        for (line, prefix) in zip(found, expected) { #expect(line.hasPrefix(prefix), "\(found)") }
        #expect(!found.contains { $0.contains("incomplete") }, "\(found)")
        // A key file that cannot be read says why.
        let missing = "version: 1\nthreshold: 1\nkeys:\n  - { id: a, algorithm: ed25519, public_key_file: nope.pub }\n"
        #expect(
            problems(missing, base: work.path).contains {
                $0.contains("cannot read public_key_file 'nope.pub' (resolved to \(work.path)/nope.pub): no such file")
            })
    }

    /// Keys and CMS signers check their id and validity window alike (one check); a signer's
    /// bad id no longer hides that it has no `identity` pin: each problem is told.
    @Test func keysAndSignersCheckTheirIdAndWindowAlike() throws {
        let yaml = """
            version: 1
            threshold: 1
            keys:
              - id: Bad Key
                algorithm: ed25519
                not_before: 2027-01-01
                not_after: 2026-01-01
                public_key: "x"
            cms_signers:
              - id: Bad Signer
                ca_certificates: "x"
                not_before: 2027-01-01
                not_after: 2026-01-01

            """
        let found = problems(yaml).map { String($0.prefix { $0 != ";" }) }
        let rule = BundlePath.signerIDRule
        #expect(
            found == [
                "trust.yaml:4:5: error: inline public_key of key 'Bad Key' is not exactly one PEM PUBLIC KEY block",
                "trust.yaml:4:9: error: key id 'Bad Key' \(rule)",
                "trust.yaml:7:16: error: 'not_after' must be later than 'not_before'",
                "trust.yaml:10:5: error: inline ca_certificates of signer 'Bad Signer' holds no PEM CERTIFICATE block",
                "trust.yaml:10:5: error: missing 'identity': pin the signer with at least one of 'subject', 'email' and 'certificate_fingerprint'",
                "trust.yaml:10:9: error: signer id 'Bad Signer' \(rule)",
                "trust.yaml:13:16: error: 'not_after' must be later than 'not_before'",
            ], "\(problems(yaml))")
    }

    @Test func timestampsAreStrictRFC3339InUTC() {
        #expect(Timestamp(rfc3339: "2026-03-01T10:00:00Z")?.description == "2026-03-01T10:00:00Z")
        for text in [
            "2026-03-01T10:00:00+01:00", "2026-03-01 10:00:00Z", "2026-02-30T10:00:00Z", "2026-03-01T24:00:00Z",
            "2026-03-01",
        ] {
            #expect(Timestamp(rfc3339: text) == nil, "\(text)")
        }
        #expect(Timestamp(seconds: 0).description == "1970-01-01T00:00:00Z")
    }
}
