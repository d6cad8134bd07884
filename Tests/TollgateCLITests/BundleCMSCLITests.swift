import Foundation
import Testing
import TollgateTestSupport

/// `tollgate bundle sign --certificate` and CMS signers in trust files, as a pipeline and a
/// signer with an enterprise certificate use them, checked against the real `openssl cms`.
/// The certificates are made with openssl in a temporary folder for each run.
@Suite(
    "Bundle command line: CMS signatures",
    .enabled(if: OpenSSLCommand.path != nil, "skipped: no `openssl` binary on PATH"))
struct BundleCMSCLITests {
    typealias CLI = CLITests

    @discardableResult
    func openssl(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        try OpenSSLCommand.run(arguments, in: directory)
    }

    /// A root CA, an intermediate and an ECDSA P-256 signer certificate for
    /// `compliance@example.test` (test keys, made here and deleted with the folder).
    func makePKI(in directory: URL) throws {
        func run(_ arguments: [String]) throws {
            let result = try openssl(arguments, in: directory)
            #expect(result.status == 0, "openssl \(arguments.joined(separator: " ")): \(result.output)")
        }
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try run(
            ["req", "-x509"] + ec + [
                "-keyout", "root.key", "-out", "root.pem", "-days", "30", "-subj", "/CN=CLI Test Root CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign",
            ])
        try "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n".write(
            to: directory.appendingPathComponent("ca.ext"), atomically: true, encoding: .utf8)
        try
            "keyUsage=critical,digitalSignature\nextendedKeyUsage=emailProtection\nsubjectAltName=email:compliance@example.test\n"
            .write(to: directory.appendingPathComponent("signer.ext"), atomically: true, encoding: .utf8)
        for (name, subject, issuer, extensions) in [
            ("int", "/CN=CLI Test Signing CA", "root", "ca.ext"),
            ("signer", "/O=Acme/CN=Compliance Office", "int", "signer.ext"),
        ] {
            try run(["req", "-new"] + ec + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject])
            try run([
                "x509", "-req", "-in", "\(name).csr", "-CA", "\(issuer).pem", "-CAkey", "\(issuer).key",
                "-CAcreateserial", "-out", "\(name).pem", "-days", "30", "-extfile", extensions,
            ])
        }
    }

    @Test func signVerifyPackCheckAndInspectWithACertificate() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        try makePKI(in: directory)
        let bundle = directory.appendingPathComponent("policy")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try "version: 1\nname: all\ninclude: [all]\n".write(
            to: bundle.appendingPathComponent("baseline.yaml"), atomically: true, encoding: .utf8)
        let manifest = try CLI.run([
            "bundle", "manifest", bundle.path, "--name", "acme-policy", "--version", "1", "--valid-days", "10",
        ])
        #expect(manifest.status == 0, "\(manifest.stderr)")

        let sign = try CLI.run([
            "bundle", "sign", bundle.path, "--key", path("signer.key"), "--certificate", path("signer.pem"),
            "--chain", path("int.pem"), "--ca", path("root.pem"), "--key-id", "office",
        ])
        #expect(sign.status == 0, "\(sign.stderr)")
        #expect(sign.stdout.contains("signatures/office.p7s (cms, signer CN=Compliance Office,O=Acme)"))
        #expect(sign.stdout.contains("certificate fingerprint: sha256:"))

        // openssl accepts Tollgate's signature with the root alone: the intermediate is embedded.
        let checked = try openssl(
            [
                "cms", "-verify", "-binary", "-inform", "DER", "-in", "policy/signatures/office.p7s", "-content",
                "policy/manifest.json", "-CAfile", "root.pem", "-out", "/dev/null",
            ], in: directory)
        #expect(checked.status == 0, "\(checked.output)")

        let trust = try CLI.write(
            """
            version: 1
            threshold: 1
            cms_signers:
              - id: office
                ca_certificates_file: root.pem
                identity:
                  subject: "CN=Compliance Office,O=Acme"
                  email: compliance@example.test
            """, "trust.yaml", in: directory)
        let state = path("state.json")
        let verify = try CLI.run(["bundle", "verify", bundle.path, "--trust", trust, "--bundle-state", state])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("'acme-policy' version 1, signed by office"))

        let packed = path("acme-policy-1.bundle.tar")
        #expect(try CLI.run(["bundle", "pack", bundle.path, "--output", packed]).status == 0)
        let check = try CLI.run([
            "check", try CLI.write(CLI.cleanStack, "stack.yaml", in: directory), "--bundle", packed, "--trust", trust,
            "--bundle-state", state, "--require-signed-policy",
        ])
        #expect(check.status != 3, "\(check.stderr)")
        #expect(check.stderr.contains("policy bundle 'acme-policy' version 1, signed by office"))

        let inspect = try CLI.run(["bundle", "inspect", packed])
        #expect(inspect.stdout.contains("CMS signature by signer id 'office'"), "\(inspect.stdout)")

        // Another pinned identity: exit 3 with the reason.
        let other = try CLI.write(
            try String(contentsOfFile: trust, encoding: .utf8).replacingOccurrences(
                of: "compliance@example.test", with: "someone@example.test"), "other.yaml", in: directory)
        let mismatch = try CLI.run(["bundle", "verify", packed, "--trust", other, "--bundle-state", state])
        #expect(mismatch.status == 3)
        #expect(mismatch.stderr.contains("(identity-mismatch)"), "\(mismatch.stderr)")
        #expect(mismatch.stderr.contains("it is not issued to 'someone@example.test'"), "\(mismatch.stderr)")
    }

    @Test func aSignatureMadeByOpenSSLVerifiesAndOptionsAreChecked() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        try makePKI(in: directory)
        let bundle = directory.appendingPathComponent("policy")
        try FileManager.default.createDirectory(
            at: bundle.appendingPathComponent("signatures"), withIntermediateDirectories: true)
        try "version: 1\nname: all\ninclude: [all]\n".write(
            to: bundle.appendingPathComponent("baseline.yaml"), atomically: true, encoding: .utf8)
        #expect(
            try CLI.run([
                "bundle", "manifest", bundle.path, "--name", "acme-policy", "--version", "1", "--valid-days", "10",
            ]).status == 0)
        // The command docs/bundles.md gives.
        let signed = try openssl(
            [
                "cms", "-sign", "-binary", "-in", "policy/manifest.json", "-signer", "signer.pem", "-inkey",
                "signer.key", "-certfile", "int.pem", "-outform", "DER", "-out", "policy/signatures/office.p7s",
            ], in: directory)
        #expect(signed.status == 0, "\(signed.output)")
        let trust = try CLI.write(
            "version: 1\nthreshold: 1\ncms_signers:\n  - id: office\n    ca_certificates_file: root.pem\n    identity: { email: compliance@example.test }\n",
            "trust.yaml", in: directory)
        let verify = try CLI.run([
            "bundle", "verify", bundle.path, "--trust", trust, "--bundle-state", path("state.json"),
        ])
        #expect(verify.status == 0, "\(verify.stderr)")
        // --chain without --certificate is a usage error.
        let usage = try CLI.run([
            "bundle", "sign", bundle.path, "--key", path("signer.key"), "--key-id", "office", "--chain",
            path("int.pem"),
        ])
        #expect(usage.status == 64, "\(usage.stderr)")
    }
}

/// The `openssl` executable on PATH, if any.
