extension GoogleWorkspaceUsersImporter {
    /// Fields of a user resource that hold no secret, in a `users.list` response and in a bare
    /// array of users: `thumbnailPhotoUrl` (a random-looking path on Google's photo host, one on
    /// every user with a profile photo) and `sshPublicKeys[].key` (a *public* key). The paging
    /// cursor `nextPageToken` is named like a credential but is none. `etag`,
    /// `thumbnailPhotoEtag` and `sshPublicKeys[].fingerprint` need no entry: the scan expects
    /// random-looking digests under such keys.
    public var fieldsWithoutSecrets: [FieldWithoutSecrets] {
        ["/users/*", "/*"].flatMap { user in
            [
                FieldWithoutSecrets(user + "/thumbnailPhotoUrl") { url in
                    FieldWithoutSecrets.isPlainURL(url, host: { $0.hasSuffix(".googleusercontent.com") })
                },
                FieldWithoutSecrets(user + "/sshPublicKeys/*/key", when: Self.isOpenSSHPublicKey),
            ]
        } + [
            FieldWithoutSecrets("/nextPageToken", waiving: [.credentialField, .highEntropy]) { token in
                token.utf8.allSatisfy { SecretScanner.isBase64URL($0) || $0 == UInt8(ascii: "=") }
            }
        ]
    }

    /// `ssh-ed25519 AAAA… comment` (`authorized_keys` format, RFC 4253 §6.6 key types): a key
    /// type, then the key's base64, which starts `AAAA` (the type name's length).
    static func isOpenSSHPublicKey(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard words.count >= 2 else { return false }
        let type = words[0]
        return (type.hasPrefix("ssh-") || type.hasPrefix("ecdsa-sha2-") || type.hasPrefix("sk-"))
            && words[1].hasPrefix("AAAA")
    }
}
