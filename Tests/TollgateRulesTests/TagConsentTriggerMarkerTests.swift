import Testing
import TollgateKit

@testable import TollgateRules

/// PRIV-101's consent-trigger markers: looked for in the trigger's name and in each condition
/// value on its own, resolved constants included.
@Suite("PRIV-101 consent trigger markers")
struct TagConsentTriggerMarkerTests {
    typealias X = TagManagerExamples

    /// The subjects PRIV-101 fails for a pixel fired only by `trigger`, with `markers`.
    static func failing(trigger: String, markers: [String], extra: String = "") -> Set<String> {
        let container = X.container(
            X.tag(
                "1", "Meta pixel", "html", parameters: TagConsentRequired.metaPixel, firing: "\"7\"",
                consent: X.consent("NOT_SET")), triggers: trigger, extra: extra)
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(
            texts: [("example.yaml", X.stack()), (container.name, container.text)])
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let rule = TagConsentRequired()
        let policy = Policy(
            sources: [],
            settings: [rule.description.id: Policy.Setting(parameters: ["consent_trigger_markers": .strings(markers)])])
        let report = Checker(rules: [rule], policy: policy).check(outcome.inventory, asOf: Day(iso: "2026-06-01")!)
        return Set(report.findings.map(\.subject.description))
    }

    /// `{{_event}} equals <value>` in a trigger named `name`.
    static func trigger(_ name: String, event: String) -> String {
        #"{"triggerId": "7", "name": "\#(name)", "type": "CUSTOM_EVENT", "customEventFilter": [{"type": "EQUALS", "parameter": [{"type": "TEMPLATE", "key": "arg0", "value": "{{_event}}"}, {"type": "TEMPLATE", "key": "arg1", "value": "\#(event)"}]}]}"#
    }

    /// A marker of two words found only across the trigger's name and its first condition value
    /// does not gate the tag: no single text says it.
    @Test func aMarkerDoesNotMatchAcrossTwoValues() {
        let trigger = Self.trigger("CE - marketing", event: "purchase")
        #expect(Self.failing(trigger: trigger, markers: ["marketing {{_event}}"]) == ["tag:GTM-EX1/Meta pixel"])
        #expect(Self.failing(trigger: trigger, markers: ["- marketing"]).isEmpty)
    }

    /// Each value is searched: the name, the condition as written, and a constant's value.
    @Test func eachValueIsSearched() {
        #expect(Self.failing(trigger: Self.trigger("CE - marketing", event: "purchase"), markers: ["purchase"]).isEmpty)
        let constant =
            #" "variable": [{"variableId": "9", "name": "OK", "type": "c", "parameter": [{"type": "TEMPLATE", "key": "value", "value": "Cookiebot_Marketing_Accepted"}]}],"#
        let trigger = Self.trigger("CE - marketing", event: "{{OK}}")
        #expect(Self.failing(trigger: trigger, markers: ["cookiebot"], extra: constant).isEmpty)
        #expect(Self.failing(trigger: trigger, markers: ["didomi"], extra: constant) == ["tag:GTM-EX1/Meta pixel"])
    }

    /// A marker ending in NUL (a pack may write "K\0") beside a trigger whose name is not ASCII
    /// and ends in the rest: Foundation's search trapped there and stopped the check. The name
    /// has no NUL, so the marker is not in it and the tag is not gated.
    @Test func aMarkerEndingInNULIsSearchedWithoutTrapping() {
        let trigger = Self.trigger("Zustimmung f\u{FC}r Track", event: "purchase")
        #expect(Self.failing(trigger: trigger, markers: ["K\u{0}"]) == ["tag:GTM-EX1/Meta pixel"])
    }
}
