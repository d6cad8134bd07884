import Foundation
import Testing

/// `tollgate bundle …` and `tollgate check --bundle` as a pipeline runs them: files, exit codes
/// and the reason on standard error.
@Suite("Bundle command line")
struct BundleCLITests {
    typealias CLI = CLITests

    /// A temporary folder with a key pair, a trust file, a stack and a signed, packed bundle.
    struct Setup {
        let directory: URL
        let trust: String
        let state: String
        let stack: String

        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

        /// Builds bundle directory `name` at `version` and packs it to `<name>.bundle.tar`.
        @discardableResult
        func bundle(
            _ name: String, version: Int, policy: String = "version: 1\nname: all\ninclude: [all]\n"
        ) throws
            -> String
        {
            let folder = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try policy.write(to: folder.appendingPathComponent("baseline.yaml"), atomically: true, encoding: .utf8)
            let manifest = try CLI.run([
                "bundle", "manifest", folder.path, "--name", "acme-policy", "--version", "\(version)", "--valid-days",
                "30",
            ])
            #expect(manifest.status == 0, "\(manifest.stderr)")
            // One policy file: the count agrees with its noun ("1 files" before).
            #expect(manifest.stdout.contains("version \(version), 1 file, expires"), "\(manifest.stdout)")
            let sign = try CLI.run([
                "bundle", "sign", folder.path, "--key", path("keys/ci.pem"), "--key-id", "compliance",
            ])
            #expect(sign.status == 0, "\(sign.stderr)")
            let packed = path("\(name).bundle.tar")
            #expect(try CLI.run(["bundle", "pack", folder.path, "--output", packed]).status == 0)
            return packed
        }
    }

    func setUp() throws -> Setup {
        let directory = try CLI.temporaryDirectory()
        let keygen = try CLI.run(["bundle", "keygen", "--output", directory.appendingPathComponent("keys/ci").path])
        #expect(keygen.status == 0, "\(keygen.stderr)")
        #expect(keygen.stdout.contains("fingerprint: sha256:"))
        let trust = try CLI.write(
            "version: 1\nthreshold: 1\nnames: [acme-policy]\nkeys:\n  - { id: compliance, algorithm: ed25519, public_key_file: keys/ci.pub }\n",
            "trust.yaml", in: directory)
        let stack = try CLI.write(CLI.failingStack, "stack.yaml", in: directory)
        return Setup(
            directory: directory, trust: trust, state: directory.appendingPathComponent("state/bundle-state.json").path,
            stack: stack)
    }

    /// Bad values of `bundle sign --key-id` and `bundle manifest --name`/`--expires` are mistakes in
    /// the arguments: exit 64 with the usage, before any file is read (they were exit 2).
    @Test(arguments: [
        (
            ["bundle", "sign", "/nonexistent/b", "--key", "/nonexistent/k.pem", "--key-id", "../x"],
            "--key-id: the key id '../x'"
        ),
        (
            ["bundle", "manifest", "/nonexistent/b", "--name", "bad name", "--version", "1"],
            "--name: bundle name 'bad name'"
        ),
        (
            [
                "bundle", "manifest", "/nonexistent/b", "--name", "ok", "--version", "1", "--expires",
                "2020-01-01T00:00:00Z",
            ],
            "--expires (2020-01-01T00:00:00Z) must be after the creation time"
        ),
        // A directory as the key prefix wrote the hidden files keys/.pem and keys/.pub.
        (["bundle", "keygen", "--output", "/nonexistent/keys/"], "--output /nonexistent/keys/ names a directory"),
        (["bundle", "keygen", "--output", "/proc"], "--output /proc names a directory; give the path prefix"),
    ])
    func badBundleOptionValuesAreUsageErrors(arguments: [String], message: String) throws {
        let run = try CLITests.run(arguments)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("Error: \(message)"), "\(run.stderr)")
    }

    @Test func keygenWritesAPrivateKeyOnlyItsOwnerCanRead() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let attributes = try FileManager.default.attributesOfItem(atPath: setup.path("keys/ci.pem"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(
            try CLI.run(["bundle", "keygen", "--output", setup.path("keys/ci")]).status == 2, "no silent overwrite")
        #expect(
            try CLI.run([
                "bundle", "keygen", "--output", setup.path("keys/r"), "--algorithm", "rsa-pss-sha256", "--rsa-bits",
                "2048",
            ]).status == 64)
    }

    /// The pair is written as a set: when `<prefix>.pub` cannot be written, `--force` leaves the
    /// old private key in place (it used to unlink it first and write the new one in place).
    @Test func keygenForceKeepsTheOldPairWhenThePublicKeyCannotBeWritten() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let prefix = directory.appendingPathComponent("k").path
        #expect(try CLI.run(["bundle", "keygen", "--output", prefix]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: prefix + ".pem"))
        try FileManager.default.removeItem(atPath: prefix + ".pub")
        try FileManager.default.createDirectory(atPath: prefix + ".pub", withIntermediateDirectories: false)

        let again = try CLI.run(["bundle", "keygen", "--output", prefix, "--force"])
        #expect(again.status == 2, "\(again.stderr)")
        #expect(again.stderr == "error: cannot write \(prefix).pub: Is a directory\n", "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: prefix + ".pem")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["k.pem", "k.pub"])
    }

    @Test func aSignedBundleVerifiesAndDrivesCheck() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let packed = try setup.bundle("v2", version: 2)
        let verify = try CLI.run(["bundle", "verify", packed, "--trust", setup.trust, "--bundle-state", setup.state])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("'acme-policy' version 2, signed by compliance"))
        #expect(FileManager.default.fileExists(atPath: setup.state), "the accepted version is recorded")

        let check = try CLI.run([
            "check", setup.stack, "--bundle", packed, "--trust", setup.trust, "--bundle-state", setup.state,
            "--as-of", "2026-11-23",
        ])
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains("[ACC-009]"))
        #expect(check.stderr.contains("policy bundle 'acme-policy' version 2"))

        let inspect = try CLI.run(["bundle", "inspect", packed])
        #expect(
            inspect.status == 0 && inspect.stdout.contains("UNVERIFIED") && inspect.stdout.contains("baseline.yaml"))
        let inspectTrusted = try CLI.run(["bundle", "inspect", packed, "--trust", setup.trust])
        #expect(inspectTrusted.status == 0 && inspectTrusted.stdout.contains("version:  2"))
    }

    /// Without --trust, `bundle inspect` shows what the manifest claims (name, version, created,
    /// expires), marked unverified; it showed only hashes. A manifest that does not parse is a
    /// warning and the listing still exits 0.
    @Test func inspectWithoutTrustShowsTheManifestsClaimsAsUnverified() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let packed = try setup.bundle("v3", version: 3)
        for path in [packed, setup.path("v3")] {
            let inspect = try CLI.run(["bundle", "inspect", path])
            #expect(inspect.status == 0 && inspect.stderr.isEmpty, "\(inspect.stderr)")
            let lines = inspect.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasSuffix("UNVERIFIED: pass --trust to verify)") == true, "\(inspect.stdout)")
            let claims = lines.dropFirst().first ?? ""
            #expect(
                claims.wholeMatch(
                    of:
                        /claims: name acme-policy, version 3, created \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, expires \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(unverified\)/
                ) != nil, "\(inspect.stdout)")
        }
        let manifest = setup.path("v3/manifest.json")
        for (text, problem) in [
            ("not json", "v3/manifest.json: [invalid-manifest] not a JSON object"),
            (#"{"name": "a", "name": "b"}"#, "v3/manifest.json:1:15: [invalid-manifest] duplicate key 'name'"),
            (#"{"name": "bad name"}"#, "[invalid-manifest] missing required key"),
        ] {
            try text.write(toFile: manifest, atomically: true, encoding: .utf8)
            let inspect = try CLI.run(["bundle", "inspect", setup.path("v3")])
            #expect(inspect.status == 0, "\(inspect.stderr)")
            #expect(
                inspect.stderr.hasPrefix("warning: the manifest does not parse, so its claims are not shown: ")
                    && inspect.stderr.contains(problem), "\(inspect.stderr)")
            #expect(
                !inspect.stdout.contains("claims:") && inspect.stdout.contains("baseline.yaml"), "\(inspect.stdout)")
        }
    }

    /// `bundle inspect` lists without trusting: a path it cannot read, or a file that is not a
    /// bundle, is input it cannot use (exit 2), not an untrusted bundle (exit 3, once).
    @Test func inspectingWhatIsNotABundleExits2() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let missing = setup.path("nosuch.tar")
        for extra in [[], ["--trust", setup.trust]] {
            let unreadable = try CLI.run(["bundle", "inspect", missing] + extra)
            #expect(unreadable.status == 2, "\(unreadable.stderr)")
            #expect(unreadable.stderr == "error: cannot read '\(missing)': no such file or directory\n")
        }
        let notABundle = try CLI.run(["bundle", "inspect", setup.trust])
        #expect(notABundle.status == 2, "\(notABundle.stderr)")
        #expect(notABundle.stderr.hasPrefix("error: '\(setup.trust)' is not a policy bundle: "), "\(notABundle.stderr)")
        #expect(!notABundle.stderr.contains("not trusted"))
        // A readable bundle that does not verify against --trust is still not trusted (exit 3).
        let other = try CLI.write(
            "version: 1\nthreshold: 1\nnames: [acme-policy]\nkeys:\n  - { id: someone-else, algorithm: ed25519, public_key_file: keys/ci.pub }\n",
            "other-trust.yaml", in: setup.directory)
        let untrusted = try CLI.run(["bundle", "inspect", try setup.bundle("v1", version: 1), "--trust", other])
        #expect(untrusted.status == 3 && untrusted.stderr.contains("is not trusted"), "\(untrusted.stderr)")
    }

    /// `archive` with its first entry renamed to `name` (ustar name field, checksum redone).
    static func renamingFirstEntry(_ archive: [UInt8], to name: String) -> [UInt8] {
        var archive = archive
        for index in 0..<100 { archive[index] = 0 }
        for (index, byte) in name.utf8.enumerated() { archive[index] = byte }
        let sum = archive[0..<512].enumerated().reduce(0) {
            $0 + ((148..<156).contains($1.offset) ? 32 : Int($1.element))
        }
        let digits = String(sum, radix: 8)
        let field = String(repeating: "0", count: 6 - digits.count) + digits
        for (index, byte) in field.utf8.enumerated() { archive[148 + index] = byte }
        archive[154] = 0
        archive[155] = UInt8(ascii: " ")
        return archive
    }

    /// A crafted entry name cannot write its own lines into a CI log (a GitHub workflow command
    /// at the start of a line) or send escape sequences to a terminal: every rejection line and
    /// `inspect`'s error escape what comes from the bundle.
    @Test func entryNamesFromTheBundleCannotStartLinesOfTheirOwn() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let packed = try setup.bundle("v1", version: 1)
        let hostile = setup.path("hostile.bundle.tar")
        try Data(
            Self.renamingFirstEntry(
                [UInt8](try Data(contentsOf: URL(fileURLWithPath: packed))), to: "x\n::stop-commands::x\n\u{1B}[31m")
        )
        .write(to: URL(fileURLWithPath: hostile))
        let check = try CLI.run([
            "check", setup.stack, "--bundle", hostile, "--trust", setup.trust, "--bundle-state", setup.state,
            "--format", "github",
        ])
        let inspect = try CLI.run(["bundle", "inspect", hostile])
        #expect(check.status == 3 && inspect.status == 2, "\(check.stderr)\(inspect.stderr)")
        for output in [check.stderr, inspect.stderr] {
            #expect(output.contains(#"x\n::stop-commands::x\n\u{1B}[31m"#), "\(output)")
            #expect(!output.contains("\u{1B}"), "\(output)")
            #expect(!output.split(separator: "\n").contains { $0.hasPrefix("::") }, "\(output)")
        }
    }

    @Test func untrustedBundlesExit3WithTheirReason() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        try setup.bundle("v5", version: 5)
        let v4 = try setup.bundle("v4", version: 4)
        let v5 = setup.path("v5.bundle.tar")
        #expect(
            try CLI.run(["bundle", "verify", v5, "--trust", setup.trust, "--bundle-state", setup.state]).status == 0)
        // Rolled back.
        let rollback = try CLI.run([
            "check", setup.stack, "--bundle", v4, "--trust", setup.trust, "--bundle-state", setup.state,
        ])
        #expect(rollback.status == 3)
        #expect(rollback.stderr.contains("(rolled-back)"))
        #expect(rollback.stdout.isEmpty, "no report from an untrusted policy")
        // Tampered directory form.
        try "version: 1\nname: all\ninclude: [privacy]\n".write(
            toFile: setup.path("v5/baseline.yaml"), atomically: true, encoding: .utf8)
        let tampered = try CLI.run([
            "bundle", "verify", setup.path("v5"), "--trust", setup.trust, "--bundle-state", setup.state,
        ])
        #expect(tampered.status == 3)
        #expect(tampered.stderr.contains("baseline.yaml: [changed-file]"))
        // A broken trust file.
        let broken = try CLI.write("version: 1\nkeys: []\n", "broken.yaml", in: setup.directory)
        let invalid = try CLI.run(["bundle", "verify", v5, "--trust", broken, "--bundle-state", setup.state])
        #expect(invalid.status == 3 && invalid.stderr.contains("(invalid-trust-file)"))
        #expect(invalid.stderr.contains("trust file '\(broken)' cannot be used"), "not called an untrusted bundle")
        // Re-signing a directory whose files changed is refused: nothing is written, and the
        // signature already there under that id is kept.
        let kept = try Data(contentsOf: URL(fileURLWithPath: setup.path("v5/signatures/compliance.sig")))
        for id in ["other", "compliance"] {
            let resign = try CLI.run([
                "bundle", "sign", setup.path("v5"), "--key", setup.path("keys/ci.pem"), "--key-id", id,
            ])
            #expect(resign.status == 2 && resign.stderr.contains("changed-file"), "\(resign.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: setup.path("v5/signatures/other.sig")))
        #expect(try Data(contentsOf: URL(fileURLWithPath: setup.path("v5/signatures/compliance.sig"))) == kept)
    }

    /// `bundle sign` says what is wrong with its input: a packed file is not where bundles are
    /// signed, and a public key is not the private key.
    @Test func signSaysWhatIsWrongWithItsInput() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let packed = try setup.bundle("v1", version: 1)
        let onPacked = try CLI.run(["bundle", "sign", packed, "--key", setup.path("keys/ci.pem"), "--key-id", "a"])
        #expect(onPacked.status == 2, "\(onPacked.stderr)")
        #expect(
            onPacked.stderr == "error: \(packed) is not a directory; bundles are built in their directory form\n",
            "\(onPacked.stderr)")
        let withPublic = try CLI.run([
            "bundle", "sign", setup.path("v1"), "--key", setup.path("keys/ci.pub"), "--key-id", "a",
        ])
        #expect(withPublic.status == 2, "\(withPublic.stderr)")
        #expect(
            withPublic.stderr.contains("the signing key is a public key; pass the private key"), "\(withPublic.stderr)")
        #expect(!withPublic.stderr.contains("encrypted"), "\(withPublic.stderr)")
    }

    /// `bundle pack` will not write into the directory it packs, even through a symbolic link,
    /// and warns when the directory no longer matches its manifest (it still packs: the result
    /// is rejected by every verifier with the same reason).
    @Test func packGuardsItsOutputAndWarnsOfAStaleDirectory() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        try setup.bundle("v1", version: 1)
        try FileManager.default.createSymbolicLink(atPath: setup.path("link"), withDestinationPath: setup.path("v1"))
        let intoItself = try CLI.run(["bundle", "pack", setup.path("v1"), "--output", setup.path("link/x.tar")])
        #expect(
            intoItself.status == 2 && intoItself.stderr.contains("write the packed bundle outside"),
            "\(intoItself.stderr)")
        #expect(!FileManager.default.fileExists(atPath: setup.path("v1/x.tar")))
        let clean = try CLI.run(["bundle", "pack", setup.path("v1"), "--output", setup.path("clean.tar")])
        #expect(clean.status == 0 && clean.stderr.isEmpty, "\(clean.stderr)")
        try "x".write(toFile: setup.path("v1/unlisted.txt"), atomically: true, encoding: .utf8)
        let stale = try CLI.run(["bundle", "pack", setup.path("v1"), "--output", setup.path("stale.tar")])
        #expect(stale.status == 0, "\(stale.stderr)")
        #expect(
            stale.stderr.contains(
                "warning: the directory does not match its manifest, so the bundle will not verify: unlisted.txt: [extra-file]"
            ),
            "\(stale.stderr)")
    }

    @Test func pipelinesCanRequireSignedPolicy() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let pack = try CLI.write("version: 1\nname: p\ninclude: [all]\n", "p.yaml", in: setup.directory)
        let flag = try CLI.run(["check", setup.stack, "--policy", pack, "--require-signed-policy"])
        #expect(flag.status == 3 && flag.stderr.contains("(unsigned-policy)"))
        #expect(
            flag.stderr.contains("requires a signed policy bundle") && !flag.stderr.contains("'\(pack)' is not trusted")
        )
        let env = try CLI.run(["check", setup.stack], environment: ["TOLLGATE_REQUIRE_SIGNED_POLICY": "1"])
        #expect(env.status == 3 && env.stderr.contains("(unsigned-policy)"))
        #expect(try CLI.run(["check", setup.stack], environment: ["TOLLGATE_REQUIRE_SIGNED_POLICY": "0"]).status == 1)
        #expect(
            try CLI.run(["check", setup.stack], environment: ["TOLLGATE_REQUIRE_SIGNED_POLICY": "maybe"]).status == 64)
        let packed = try setup.bundle("v1", version: 1)
        let signed = try CLI.run(
            ["check", setup.stack, "--bundle", packed, "--trust", setup.trust, "--bundle-state", setup.state],
            environment: ["TOLLGATE_REQUIRE_SIGNED_POLICY": "1"])
        #expect(signed.status == 1, "\(signed.stderr)")
        // Usage mistakes.
        #expect(try CLI.run(["check", setup.stack, "--bundle", packed]).status == 64)
        #expect(
            try CLI.run(["check", setup.stack, "--bundle", packed, "--trust", setup.trust, "--policy", pack]).status
                == 64)
        #expect(try CLI.run(["check", setup.stack, "--trust", setup.trust]).status == 64)
    }

    /// `baseline create` takes the same signed policy as `check`, so a gate that runs a bundle
    /// gets a baseline of the bundle's rules, and refuses plain packs when signed policy is required.
    @Test func baselineCreateTakesASignedBundleAndCanRequireOne() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let packed = try setup.bundle("v1", version: 1)
        let baseline = setup.path("baseline.json")
        let signedArguments = ["--bundle", packed, "--trust", setup.trust, "--bundle-state", setup.state]
        let created = try CLI.run(
            ["baseline", "create", setup.stack, "--as-of", "2026-11-23", "--output", baseline] + signedArguments,
            environment: ["TOLLGATE_REQUIRE_SIGNED_POLICY": "1"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("policy bundle 'acme-policy' version 1"))
        #expect((try? String(contentsOfFile: baseline, encoding: .utf8))?.contains("\"rule\" : \"ACC-009\"") == true)
        let check = try CLI.run(
            ["check", setup.stack, "--as-of", "2026-11-23", "--baseline", baseline] + signedArguments)
        #expect(check.status == 0 && !check.stdout.contains("no longer occurs"), "\(check.stdout)")

        let pack = try CLI.write("version: 1\nname: p\ninclude: [all]\n", "p.yaml", in: setup.directory)
        let plain = setup.path("plain.json")
        let env = try CLI.run(
            ["baseline", "create", setup.stack, "--policy", pack, "--output", plain],
            environment: ["TOLLGATE_REQUIRE_SIGNED_POLICY": "1"])
        #expect(env.status == 3 && env.stderr.contains("(unsigned-policy)"), "\(env.stderr)")
        let flag = try CLI.run(["baseline", "create", setup.stack, "--output", plain, "--require-signed-policy"])
        #expect(flag.status == 3 && flag.stderr.contains("(unsigned-policy)"), "\(flag.stderr)")
        #expect(!FileManager.default.fileExists(atPath: plain), "no baseline from unsigned policy")
        #expect(
            try CLI.run(["baseline", "create", setup.stack, "--bundle", packed, "--policy", pack, "--output", plain])
                .status == 64)
    }

    @Test func aSignedButInvalidPolicyIsInvalidInput() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let packed = try setup.bundle("bad", version: 1, policy: "version: 1\nname: bad\ninclude: [acounts]\n")
        let run = try CLI.run([
            "check", setup.stack, "--bundle", packed, "--trust", setup.trust, "--bundle-state", setup.state,
        ])
        #expect(run.status == 2)
        #expect(run.stdout.contains("bad.bundle.tar/baseline.yaml:3:11: error: 'acounts' matches no rule"))
    }

    /// A signed policy goes through the same loader as a `--policy` file: its parameter values
    /// are checked too, so a signature does not carry a typo into the check.
    @Test func aSignedPolicyWithAMisspeltValueIsInvalidInput() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let packed = try setup.bundle(
            "typo", version: 1,
            policy: "version: 1\nname: typo\nrules:\n  ACC-009: { params: { restricted_methods: [smss] } }\n")
        let run = try CLI.run([
            "check", setup.stack, "--bundle", packed, "--trust", setup.trust, "--bundle-state", setup.state,
        ])
        #expect(run.status == 2)
        #expect(
            run.stdout.contains(
                "typo.bundle.tar/baseline.yaml:4:45: error: unknown MFA method 'smss' in 'restricted_methods'; did you mean 'sms'?"
            ))
    }

    /// What `bundle keygen` prints is a trust file that works as it stands: before, it printed
    /// an entry that, saved alone, was refused (no version, no threshold).
    @Test func theTrustFileKeygenPrintsVerifiesTheKeysSignature() throws {
        let setup = try setUp()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let keygen = try CLI.run(["bundle", "keygen", "--output", "keys/printed"], in: setup.directory)
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let lines = keygen.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.firstIndex { $0.hasPrefix("a trust file for this key") })
        let printed = lines[(header + 1)...].filter { !$0.isEmpty }.map { $0.dropFirst(2) }.joined(separator: "\n")
        let trust = try CLI.write(printed + "\n", "printed-trust.yaml", in: setup.directory)
        let folder = setup.directory.appendingPathComponent("policy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "version: 1\nname: all\ninclude: [all]\n".write(
            to: folder.appendingPathComponent("all.yaml"), atomically: true, encoding: .utf8)
        #expect(
            try CLI.run(["bundle", "manifest", folder.path, "--name", "p", "--version", "1", "--valid-days", "30"])
                .status == 0)
        let sign = try CLI.run([
            "bundle", "sign", folder.path, "--key", setup.path("keys/printed.pem"), "--key-id", "printed",
        ])
        #expect(sign.status == 0, "\(sign.stderr)")
        let verify = try CLI.run(["bundle", "verify", folder.path, "--trust", trust, "--bundle-state", setup.state])
        #expect(verify.status == 0, "\(printed)\n\(verify.stdout)\(verify.stderr)")
    }
}
