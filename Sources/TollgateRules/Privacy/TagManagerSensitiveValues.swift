import TollgateKit

/// PRIV-105: no credentials or personal data in tag-manager configuration.
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
            value and where it is, never the value.
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
                "credential_severity", .string("critical"), "severity of a credential found in the container"),
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
                    for match in SensitiveValueDetector.scan(literal.value, key: leaf)
                    where personal || match.kind == .credential {
                        violations.append(
                            Violation(
                                "\(match.kind == .credential ? "credential" : "personal data") (\(match.label)) in parameter '\(literal.path)' of \(element.what)",
                                at: literal.location, severity: match.kind == .credential ? credentialSeverity : nil,
                                key: "\(element.key)/\(literal.path)/\(match.label)"))
                    }
                }
            }
            evaluations.append(Evaluation(.container(container), violations))
        }
        return evaluations
    }
}
