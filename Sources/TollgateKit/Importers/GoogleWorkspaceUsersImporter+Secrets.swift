import Foundation

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
    /// type, then the key's base64, whose first field (a length-prefixed string) is that type,
    /// then an optional comment. The high-entropy scan reports only the first random-looking word
    /// of a value, the key here, so the comment is judged too: a random-looking word in it
    /// (`deploy-<40 random characters>`) is not part of the known shape and keeps the sighting.
    static func isOpenSSHPublicKey(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard words.count >= 2 else { return false }
        let type = words[0]
        guard type.hasPrefix("ssh-") || type.hasPrefix("ecdsa-sha2-") || type.hasPrefix("sk-"),
            let key = Data(base64Encoded: String(words[1])), key.count > 4 + type.utf8.count
        else { return false }
        let length = key.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard length == type.utf8.count, key.dropFirst(4).prefix(length).elementsEqual(type.utf8) else {
            return false
        }
        return SecretScanner.highEntropyWord(in: words.dropFirst(2).joined(separator: " ")) == nil
    }
}
