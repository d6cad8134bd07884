/// A trust store of one public key, for verifying with a key the user names directly
/// (`tollgate audit verify PACK --key auditor.pub`) instead of a trust file.
extension TrustStore {
    /// Trusts exactly one key, read from a PEM `PUBLIC KEY` block, under `keyID`, with its
    /// algorithm taken from the key itself (the signature never chooses it).
    public static func single(
        keyID: String, publicKeyPEM pem: [UInt8], file: String
    ) throws(BundleRejection)
        -> TrustStore
    {
        func invalid(_ message: String) -> BundleRejection {
            BundleRejection(bundle: file, BundleRejection.Problem(.invalidTrustFile, file, message))
        }
        guard String(decoding: pem, as: UTF8.self).contains("PUBLIC KEY"),
            !String(decoding: pem, as: UTF8.self).contains("PRIVATE KEY")
        else {
            throw invalid("not a PEM public key; pass the output of `openssl pkey -pubout` (never the private key)")
        }
        do {
            let key = try EVPKey(publicPEM: pem)
            switch key.algorithm() {
            case .failure(let problem): throw invalid("the key is \(problem)")
            case .success(let algorithm):
                return TrustStore(
                    file: file, threshold: 1,
                    keys: [Key(id: keyID, algorithm: algorithm, publicKeyDER: try key.publicDER())])
            }
        } catch let rejection as BundleRejection {
            throw rejection
        } catch {
            throw invalid("cannot read the public key: \(error)")
        }
    }
}
