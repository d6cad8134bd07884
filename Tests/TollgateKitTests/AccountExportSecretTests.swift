import Foundation
import Testing

@testable import TollgateKit

/// ACC-018 in identity-provider user exports: the fields such an export is full of (photo URLs,
/// SSH public keys, paging cursors, Okta API links) are no credentials, while a token pasted
/// into any other field of the export is still found.
@Suite("Account export secrets")
struct AccountExportSecretTests {
    /// Looks random to the high-entropy heuristic (as a Google photo path or an Okta id does).
    static let random = "ALV-Uj9q7Rz2Kx9Lm4Vt8Wb3Nc6Hd5JpQ1sT0uY2wE4rF6gH8iJ9kL0mN1oP2qR3sT4uV5wX6yZ7aB8cD9eF0gH1iJ2k"
    static let githubToken = "ghp_" + "q7Rz2Kx9Lm4Vt8Wb3Nc6Hd5JpQ1sT0uY2wE4r"

    /// A Workspace user with every field ACC-018 misread, and `extra` fields of its own.
    static func workspaceUser(_ email: String, extra: String = "") -> String {
        """
        {"kind": "admin#directory#user", "id": "104473386583165412386", "primaryEmail": "\(email)",
         "etag": "\\"nMbUDpk3qLhVq0R7cKzHvXJb2gT9sYwA4fE6uI8oP1x/Xy7Lq2Vm9Rt4Kb8Nc3Hd6JwZ\\"",
         "isAdmin": false, "isDelegatedAdmin": false, "suspended": false, "archived": false,
         "isEnrolledIn2Sv": true, "lastLoginTime": "2026-05-30T08:00:00.000Z", "creationTime": "2024-01-01T00:00:00.000Z",
         "thumbnailPhotoUrl": "https://lh3.googleusercontent.com/a-/\(random)=s96-c",
         "thumbnailPhotoEtag": "\\"Qw8Er5Ty2Ui9Op3As6Df1Gh4Jk7Lz0XcVb\\"",
         "sshPublicKeys": [{"key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq7Rz2Kx9Lm4Vt8Wb3Nc6Hd5JpQ1sT0uY2wE4rF6gH8 a@laptop",
                            "fingerprint": "SHA256:q7Rz2Kx9Lm4Vt8Wb3Nc6Hd5JpQ1sT0uY2wE4rF6gH8iJ"}]\(extra)}
        """
    }

    /// The pointers of the credentials reported in `files` (a stack), by kind.
    static func secrets(_ files: [String: String], check paths: [String] = ["."]) throws -> [String] {
        let directory = try TestSupport.temporaryDirectory()
        for (name, text) in files {
            let file = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = InventoryLoader().load(paths: paths.map { directory.appendingPathComponent($0).path })
        return outcome.inventory.exposedSecrets.map { "\($0.location.pointer) \($0.kind.rawValue)" }
    }

    @Test func workspaceFieldsHoldNoSecretButACustomSchemaFieldMay() throws {
        let custom = #", "customSchemas": {"Deploy": {"note": "ci uses \#(Self.githubToken)"}}"#
        let users = [Self.workspaceUser("ann@example.com"), Self.workspaceUser("ben@example.com", extra: custom)]
        let found = try Self.secrets([
            "users.json": AccountImportTests.usersList(users), "stack.yaml": AccountImportTests.stack,
        ])
        #expect(found == ["/users/1/customSchemas/Deploy/note github_token"])
    }

    /// A bare array outside the checked directory is loaded when the system names it: the same
    /// fields are left out there.
    @Test func bareArrayOutsideTheStack() throws {
        let found = try Self.secrets(
            [
                "users.json": "[" + Self.workspaceUser("ann@example.com") + "]",
                "stack/stack.yaml": AccountImportTests.stack.replacingOccurrences(
                    of: "accounts_import: users.json", with: "accounts_import: ../users.json"),
            ], check: ["stack"])
        #expect(found == [])
    }

    /// Only the heuristics are waived, and only for a value of the field's shape: a token format
    /// in a photo URL, a random path on another host and a private key where a public key
    /// belongs are reported.
    @Test func onlyTheKnownShapeIsLeftOut() throws {
        let user = """
            {"primaryEmail": "ann@example.com", "thumbnailPhotoUrl": "https://lh3.googleusercontent.com/a/\(Self.githubToken)",
             "sshPublicKeys": [{"key": "\(Self.random)"}]},
            {"primaryEmail": "ben@example.com", "thumbnailPhotoUrl": "https://photos.example/a-/\(Self.random)"},
            {"primaryEmail": "cy@example.com", "thumbnailPhotoUrl": "https://lh3.googleusercontent.com/a?sig=\(Self.random)"}
            """
        let found = try Self.secrets(["users.json": "[" + user + "]", "stack.yaml": AccountImportTests.stack])
        #expect(
            found == [
                "/0/thumbnailPhotoUrl github_token", "/0/sshPublicKeys/0/key high_entropy",
                "/1/thumbnailPhotoUrl high_entropy", "/2/thumbnailPhotoUrl high_entropy",
            ], "\(found)")
    }

    /// The public-key waiver covers the key, not its comment: a random-looking word in the
    /// comment, or key material that does not encode the named key type, keeps the sighting.
    @Test func sshKeyCommentIsNotWaived() throws {
        let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq7Rz2Kx9Lm4Vt8Wb3Nc6Hd5JpQ1sT0uY2wE4rF6gH8"
        let keys = [
            key + " ann@laptop", key + " deploy-Qw8Er5Ty2Ui9Op3As6Df1Gh4Jk7Lz0XcVb3Nm",
            "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIHq7Rz2Kx9Lm4Vt8Wb3Nc6Hd5JpQ1sT0uY2wE4rF6gH8",
        ]
        let users = keys.enumerated().map { index, key in
            #"{"primaryEmail": "u\#(index)@example.com", "sshPublicKeys": [{"key": "\#(key)"}]}"#
        }
        let found = try Self.secrets([
            "users.json": "[" + users.joined(separator: ",") + "]", "stack.yaml": AccountImportTests.stack,
        ])
        #expect(found == ["/1/sshPublicKeys/0/key high_entropy", "/2/sshPublicKeys/0/key high_entropy"], "\(found)")
    }

    /// A field's pointer steps are unescaped (RFC 6901) only when they hold `~`: a plain key and
    /// keys with `~1` (a `/`) and `~0` (a `~`) are each found.
    @Test func fieldPointersAreUnescapedWhenEscaped() throws {
        let text = #"{"a/b": {"c~d": "\#(Self.random)"}, "plain": {"c~d": "\#(Self.random)"}}"#
        guard case .success(let root) = DocumentLoader().load(data: Data(text.utf8), displayPath: "x.json") else {
            Issue.record("not loaded")
            return
        }
        func waived(_ pointer: String) -> Bool {
            let sighting = ExposedSecret(
                kind: .highEntropy, location: SourceLocation(file: "x.json", line: 1, column: 1, pointer: pointer),
                field: "c~d", value: Self.random)
            return FieldWithoutSecrets("/*/c~0d") { $0 == Self.random }.waives(sighting, in: root)
        }
        #expect(waived("/a~1b/c~0d") && waived("/plain/c~0d"))
        #expect(!waived("/a~1b/c~1d") && !waived("/a/b/c~0d"))
    }

    /// `nextPageToken` makes the export an error (one page of several), but is no credential.
    @Test func pageTokenIsNoCredential() throws {
        let page =
            AccountImportTests.usersList([Self.workspaceUser("ann@example.com")]).dropLast()
            + #", "nextPageToken": "Cj8KMQoKZW1haWxfbG93ZXISIxoheXVraS5zYXRvQGFjbWUuZXhhbXBsZQ5ZGF0YXN0b3JlEgkI8bmBqsLx_QIQAQ"}"#
        let found = try Self.secrets(["users.json": String(page), "stack.yaml": AccountImportTests.stack])
        #expect(found == [])
    }

    /// Okta's `_links` point into the org's Users API, with random-looking ids in their paths; a
    /// random string in a profile attribute, or a link with a query, is still reported.
    @Test func oktaLinksHoldNoSecret() throws {
        let id = "00u5t3Kp9RxQ2vYb8h7d"
        let links = [
            "self": "users/\(id)", "suspend": "users/\(id)/lifecycle/suspend",
            "schema": "meta/schemas/user/osc9Xk2Lq7Rv4Tb8Wz3N", "type": "meta/types/user/oty9Xk2Lq7Rv4Tb8Wz3N",
        ]
        .sorted { $0.key < $1.key }
        .map { #""\#($0.key)": {"href": "https://acme.okta.com/api/v1/\#($0.value)"}"# }
        let user = """
            {"id": "\(id)", "type": {"id": "oty9Xk2Lq7Rv4Tb8Wz3N"}, "status": "ACTIVE", "created": "2024-01-10T22:13:08.000Z",
             "lastLogin": "2026-05-20T06:52:44.000Z", "profile": {"login": "ann@example.com", "nickName": "\(Self.random)"},
             "_links": {\(links.joined(separator: ", ")),
                        "activate": {"href": "https://acme.okta.com/api/v1/users/\(id)/lifecycle/activate?t=\(Self.random)"}}}
            """
        let found = try Self.secrets([
            "okta.json": "[" + user + "]",
            "stack.yaml": AccountImportTests.stack.replacingOccurrences(of: "users.json", with: "okta.json"),
        ])
        #expect(found == ["/0/profile/nickName high_entropy", "/0/_links/activate/href high_entropy"], "\(found)")
    }

    /// A named export that no importer recognises but that is read as a user export all the
    /// same (`{"users": [...]}` without `kind`; an Okta list where one entry lacks `status`)
    /// leaves out the same fields as a recognised one.
    @Test func exportsReadByDetectionHoldNoSecretInTheirKnownFields() throws {
        let users = #"{"users": ["# + Self.workspaceUser("ann@example.com") + "]}"
        #expect(try Self.secrets(["users.json": users, "stack.yaml": AccountImportTests.stack]) == [])
        let okta = """
            [{"id": "00u5t3Kp9RxQ2vYb8h7d", "status": "ACTIVE", "profile": {"login": "ann@example.com"},
              "_links": {"self": {"href": "https://acme.okta.com/api/v1/users/00u5t3Kp9RxQ2vYb8h7d"}}},
             {"id": "00u9Xk2Lq7Rv4Tb8Wz3N", "profile": {"login": "ben@example.com"},
              "_links": {"self": {"href": "https://acme.okta.com/api/v1/users/00u9Xk2Lq7Rv4Tb8Wz3N"}}}]
            """
        #expect(try Self.secrets(["users.json": okta, "stack.yaml": AccountImportTests.stack]) == [])
    }

    /// An export with an error, named by two systems, is loaded once: its credentials and its
    /// file are counted once.
    @Test func aBrokenExportNamedTwiceIsReadOnce() throws {
        let user = Self.workspaceUser("ann@example.com", extra: #", "notes": "ci uses \#(Self.githubToken)""#)
        let stack =
            AccountImportTests.stack.replacingOccurrences(of: "users.json", with: "../users.json") + """
                  - { id: gws2, name: Second, system_type: idp, accounts_import: ../users.json }

                """
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("stack"), withIntermediateDirectories: true)
        try AccountImportTests.usersList([user, #""bob@example.com""#]).write(
            to: directory.appendingPathComponent("users.json"), atomically: true, encoding: .utf8)
        try stack.write(to: directory.appendingPathComponent("stack/stack.yaml"), atomically: true, encoding: .utf8)
        let outcome = InventoryLoader().load(paths: [directory.appendingPathComponent("stack").path])
        #expect(outcome.inventory.exposedSecrets.count == 1, "\(outcome.inventory.exposedSecrets)")
        #expect(outcome.inventory.sourceFiles.filter { $0.hasSuffix("users.json") }.count == 1)
        #expect(
            outcome.diagnostics.contains { $0.message.contains("expected a user object") }, "\(outcome.diagnostics)")
    }
}
