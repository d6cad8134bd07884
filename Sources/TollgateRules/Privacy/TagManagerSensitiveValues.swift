import TollgateKit

/// PRIV-105: no credentials or personal data in tag-manager configuration.
///
/// Credentials are recognised by `SecretScanner`, the detector behind ACC-018, asked about each
/// parameter with the parameter's key as the field, so both rules name and mask a credential
/// the same way (`AWS access key id (AKIA…)`). High-entropy guesses are left to ACC-018 and its
/// thresholds; this rule reports recognised credentials only.
///
/// A credential in a container export is therefore reported by both rules, on purpose: they
/// are two exposures with two different fixes. ACC-018 is about the file — it sits in version
/// control and its history until the credential is rotated. PRIV-105 is about the container —
/// once published, it is served to every visitor, and the fix is a new container version,
/// made in the tag manager, which editing the export file does not do. Each finding names its
/// subject (the file; the container with the tag, variable or trigger), so neither is a repeat
/// of the other, and a policy that enables only one domain still sees the credential.
public struct TagManagerSensitiveValues: Rule {
    public init() {}

    typealias X = TagManagerExamples

    public let description = RuleDescription(
        id: "PRIV-105", slug: "tag-manager-sensitive-values", domain: .privacy,
        title: "No credentials or personal data in tag-manager configuration",
        rationale: """
            Everything in a published tag-manager container is served to every visitor's browser, and the container \
            export is shared with agencies. An API key, a password in a URL, or a person's e-mail address or phone \
            number pasted into a tag, a trigger or a variable is disclosed to all of them. Findings name the kind of \
            value and where it is, never the value: at most a token format's public prefix (`AKIA…`), as ACC-018 \
            shows it. Graded: a credential is reported at the `credential_severity` parameter's severity (critical \
            by default); personal data at high.
            """,
        severity: .high,
        references: ["GDPR Art. 5(1)(f)", "GDPR Art. 32(1)", "ISO/IEC 27001:2022 A.5.17", "ISO/IEC 27001:2022 A.8.12"],
        controls: ControlMapping(
            iso27001: ["A.5.17", "A.8.12", "A.8.28"], soc2: ["CC6.1", "CC6.7"], nistCSF: ["PR.AA-01", "PR.DS-01"],
            cis: ["3.3"]),
        remediation: """
            remove the value from the container, rotate any credential that was in it, and read personal data from \
            the data layer at run time instead of hard-coding it
            """,
        parameters: [
            RuleParameter(
                "credential_severity", .string("critical"), "severity of a credential found in the container",
                values: .cases(of: Severity.self, "severity")),
            RuleParameter(
                "check_personal_data", .bool(true), "also report e-mail addresses and phone numbers"),
        ],
        examples: [
            RuleExample(
                "variables referenced, nothing hard-coded",
                attachments: [
                    X.container(
                        X.tag(
                            "1", "Lead form", "html",
                            parameters: X.parameter(
                                "html", "<script>dataLayer.push({email: {{DLV - email}}});</script>")))
                ], X.stack()),
            RuleExample(
                "test API key in custom HTML", failing: ["tag_manager_container:GTM-EX1"],
                attachments: [
                    X.container(
                        X.tag(
                            "1", "CRM sync", "html",
                            parameters: X.parameter("html", "<script>var key = 'AKIAIOSFODNN7EXAMPLE';</script>")))
                ], X.stack()),
            RuleExample(
                "test e-mail address in a constant variable", failing: ["tag_manager_container:GTM-EX1"],
                attachments: [
                    X.container(
                        X.tag("1", "GA4", "gaawe"),
                        extra:
                            #" "variable": [{"variableId": "1", "name": "Owner", "type": "c", "parameter": [{"type": "TEMPLATE", "key": "value", "value": "jane.doe@example.com"}]}],"#
                    )
                ], X.stack()),
            RuleExample(
                "file name with @2x is not an address (boundary)",
                attachments: [
                    X.container(
                        X.tag(
                            "1", "Banner", "html",
                            parameters: X.parameter("html", #"<img src=\"/img/banner@2x.png\">"#)))
                ], X.stack()),
            RuleExample(
                "phone number ignored when personal data is not checked (boundary)",
                parameters: ["check_personal_data": .bool(false)],
                attachments: [
                    X.container(
                        X.tag(
                            "1", "Call pixel", "img",
                            parameters: X.parameter("url", "https://calls.example/p?n=+44 20 7946 0958")))
                ], X.stack()),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let credentialSeverity = Severity(rawValue: context.parameters.string("credential_severity")) ?? .critical
        let personal = context.parameters.bool("check_personal_data")
        let scanner = SecretScanner()
        var evaluations: [Evaluation] = []
        for links in context.tagManagerLinks {
            let container = links.container
            var elements: [(what: String, key: String, parameters: [TagManagerParameter])] = []
            elements += container.tags.map { ("tag '\($0.name)'", "tag/" + $0.name, $0.parameters) }
            elements += container.variables.map { ("variable '\($0.name)'", "variable/" + $0.name, $0.parameters) }
            elements += container.triggers.map {
                ("trigger '\($0.name)'", "trigger/" + $0.name, $0.parameters + $0.conditions.flatMap(\.parameters))
            }
            var violations: [Violation] = []
            for element in elements {
                for literal in element.parameters.literals {
                    let leaf = literal.path.split(separator: ".").last.map(String.init) ?? literal.path
                    let place = "in parameter '\(literal.path)' of \(element.what)"
                    for secret in scanner.scan(literal.value, field: leaf, at: literal.location)
                    where secret.kind != .highEntropy {
                        violations.append(
                            Violation(
                                "plaintext \(secret) \(place)", at: literal.location, severity: credentialSeverity,
                                key: "\(element.key)/\(literal.path)/\(secret.kind.rawValue)"))
                    }
                    guard personal else { continue }
                    for label in PersonalDataDetector.scan(literal.value) {
                        violations.append(
                            Violation(
                                "personal data (\(label)) \(place)", at: literal.location,
                                key: "\(element.key)/\(literal.path)/\(label)"))
                    }
                }
            }
            evaluations.append(Evaluation(.container(container), violations))
        }
        return evaluations
    }
}
