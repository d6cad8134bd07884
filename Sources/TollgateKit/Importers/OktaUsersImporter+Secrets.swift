extension OktaUsersImporter {
    /// A user's `id` and `type.id` are Okta object ids, 20 letters and digits that the
    /// heuristic may take for a key (ACC-018's default length is above them, a policy's may not be).
    /// The `_links` of each user (`self`, `suspend`, `resetPassword`, …) are links into the
    /// org's Users API, whose paths carry random-looking user, type and schema ids. Any host
    /// (orgs may use a custom domain), but only `https` URLs under `/api/v1/` with no query.
    public var fieldsWithoutSecrets: [FieldWithoutSecrets] {
        ["/*/id", "/*/type/id"].map { FieldWithoutSecrets($0, when: Self.isObjectID) } + [
            FieldWithoutSecrets("/*/_links/*/href") { url in
                FieldWithoutSecrets.isPlainURL(url, host: { !$0.isEmpty }, path: "/api/v1/")
            }
        ]
    }

    /// An Okta object id: 20 ASCII letters and digits (`00ub0oNGTSWTBKOLGLNR`).
    static func isObjectID(_ text: String) -> Bool {
        text.utf8.count == 20 && text.utf8.allSatisfy(SecretScanner.isAlnum)
    }
}
