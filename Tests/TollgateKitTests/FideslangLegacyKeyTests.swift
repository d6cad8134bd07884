import Testing

@testable import TollgateKit

/// Data categories written the fideslang 1.x way (`user.provided.identifiable.…`,
/// `user.derived.identifiable.…`) stay unknown, with a hint naming the 2.x key only where
/// removing the two dropped levels gives a key the shipped taxonomy holds.
@Suite("fideslang 1.x data categories")
struct FideslangLegacyKeyTests {
    @Test func declarationsAndManifestsNameTheCurrentKey() {
        let yaml = """
            version: 1
            systems:
              - id: crm
                name: CRM
                system_type: crm
            flows:
              - id: sign-up
                from: data_subject
                to: crm
                data_use: marketing.communications.email
                legal_basis: consent
                data_categories:
                  - user.provided.identifiable.contact.email
                  - user.derived.identifiable.device.ip_address
                  - user.provided.identifiable.contact.street
                  - user.provided.identifiable
            """
        let errors = InventoryLoader().load(text: yaml, name: "flows.yaml").errors.map(\.description)
        #expect(
            errors == [
                "flows.yaml:13:9: error: unknown data category 'user.provided.identifiable.contact.email' in "
                    + "'data_categories'; fideslang 1.x key; in fideslang 2 this is 'user.contact.email'",
                "flows.yaml:14:9: error: unknown data category 'user.derived.identifiable.device.ip_address' in "
                    + "'data_categories'; fideslang 1.x key; in fideslang 2 this is 'user.device.ip_address'",
                // 2.x moved the street under `address`: no key is guessed.
                "flows.yaml:15:9: error: unknown data category 'user.provided.identifiable.contact.street' in "
                    + "'data_categories'; fideslang 1.x key: fideslang 2 removed the provided/derived and "
                    + "identifiable levels and moved some keys; `tollgate taxonomy` lists the current ones",
                "flows.yaml:16:9: error: unknown data category 'user.provided.identifiable' in "
                    + "'data_categories'; fideslang 1.x key: fideslang 2 removed the provided/derived and "
                    + "identifiable levels and moved some keys; `tollgate taxonomy` lists the current ones",
            ], "\(errors)")
        let manifest = """
            system:
              - fides_key: web_shop
                name: Web shop
                system_type: Application
                privacy_declarations:
                  - name: Newsletter
                    data_categories: [user.derived.nonidentifiable.sensor]
                    data_use: marketing.communications.email
                    data_subjects: [customer]
            """
        let hints = InventoryLoader().load(text: manifest, name: "manifest.yml").errors.compactMap(\.hint)
        #expect(hints == ["fideslang 1.x key; in fideslang 2 this is 'user.sensor'"], "\(hints)")
    }

    /// Every key named exists in the taxonomy; keys outside the 1.x shape keep "did you mean".
    @Test func onlyKeysOfTheShippedTaxonomyAreNamed() {
        let taxonomy = Taxonomy.standard
        let legacy = [
            "user.provided.identifiable.name", "user.provided.identifiable.job_title",
            "user.provided.identifiable.gender", "user.provided.identifiable.financial.account_number",
            "user.derived.identifiable.unique_id", "user.derived.identifiable.location",
            "user.derived.identifiable.browsing_history", "user.provided.nonidentifiable",
            "user.derived", "user.provided.identifiable.credentials.password",
        ]
        for key in legacy {
            let replacement = taxonomy.fideslang1Replacement(for: key)
            #expect(replacement != nil, "\(key)")
            if let named = replacement ?? nil { #expect(taxonomy.entry(named, .dataCategory) != nil, "\(key)") }
        }
        #expect(taxonomy.fideslang1Replacement(for: "user.provided.identifiable.name") == .some("user.name"))
        #expect(taxonomy.fideslang1Replacement(for: "user.provided.identifiable.gender") == .some(nil))
        #expect(taxonomy.fideslang1Replacement(for: "user.contact.emial") == nil)
        #expect(taxonomy.hint(forUnknown: "user.contact.emial", .dataCategory) == "did you mean 'user.contact.email'?")
        // Only data categories had the 1.x levels.
        #expect(!taxonomy.hint(forUnknown: "user.provided.identifiable.contact.email", .dataUse).contains("fideslang"))
    }
}
