import ArgumentParser
import Foundation
import TollgateKit

/// `tollgate lineage-benchmark`: times the lineage on a generated stack (hidden; run by
/// `bench/lineage`). The generator is deterministic so figures are comparable between runs.
struct LineageBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage-benchmark",
        abstract: "Time the data-flow lineage on a generated stack.",
        shouldDisplay: false
    )

    @Option(parsing: .unconditional, help: "Number of systems.") var systems = 10_000
    @Option(parsing: .unconditional, help: "Number of flows.") var flows = 100_000
    @Option(parsing: .unconditional, help: "Timed repetitions (the best is reported).") var repetitions = 3

    func validate() throws {
        guard systems >= 2, flows >= 1, repetitions >= 1 else {
            throw ValidationError("need at least 2 systems, 1 flow and 1 repetition")
        }
    }

    func run() throws {
        let inventory = Self.generate(systems: systems, flows: flows)
        var best = Double.infinity
        var size = (facts: 0, arrivals: 0)
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            let lineage = Lineage(inventory)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, seconds)
            size = lineage.size
        }
        print(
            "lineage: \(systems) systems, \(flows) flows -> \(size.facts) distinct facts, \(size.arrivals) (system, fact) arrivals; best of \(repetitions): \(String(format: "%.2f", best)) s"
        )
    }

    /// A large enterprise as the architecture describes it: brands of 100 systems each (web,
    /// shop and app collection points, CRMs, a CDP, e-mail, analytics and ad platforms) that
    /// share a few group-wide platforms. Within a brand most flows go forward through the layers,
    /// some go back (sync loops, so the graph has cycles) and some go to the shared platforms.
    /// Each brand collects a handful of categories for a few purposes in one region, as real
    /// brands do. A fixed linear congruential generator keeps the stack reproducible.
    static func generate(systems count: Int, flows flowCount: Int) -> Inventory {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let types = ["cms", "ecommerce", "crm", "cdp", "esp", "analytics", "ad_platform"]
        let categories = [
            "user.contact.email", "user.contact.phone_number", "user.name", "user.device.cookie_id",
            "user.behavior.browsing_history", "user.behavior.purchase_history", "user.location.imprecise",
            "user.privacy_preferences", "user.health_and_medical", "user.demographic", "user.contact", "user",
        ]
        let uses = [
            "essential.service", "marketing.communications.email", "marketing.advertising.third_party.targeted",
            "analytics.reporting", "personalize",
        ]
        let regions = ["EEA", "US-CA", "GB", "CA"]
        let brandSize = min(100, count)
        let shared = min(20, count / 10)
        var yaml = "version: 1\nsystems:\n"
        for index in 0..<count {
            let type = index < shared ? types[3 + index % 4] : types[(index % brandSize) * types.count / brandSize]
            yaml += "  - { id: s\(index), name: S\(index), system_type: \(type) }\n"
        }
        yaml += "flows:\n"
        var written = 0
        while written < flowCount {
            let brandStart = shared + next(max(1, (count - shared) / brandSize)) * brandSize
            let brandEnd = min(count, brandStart + brandSize)
            let local = next(max(1, brandEnd - brandStart))
            let region = regions[(brandStart / brandSize) % regions.count]
            let roll = next(20)
            let from: String
            let to: Int
            if roll < 2 {
                from = Flow.dataSubjectSource
                to = brandStart + next(max(1, (brandEnd - brandStart) / 4))
            } else {
                from = "s\(brandStart + local)"
                switch roll {
                case 2: to = next(max(1, shared))
                case 3: to = brandStart + next(max(1, local + 1))
                default: to = min(brandEnd - 1, brandStart + local + 1 + next(10))
                }
                if "s\(to)" == from { continue }
            }
            let picked = (0..<(1 + next(3))).map { _ in categories[(brandStart + next(5)) % categories.count] }
            yaml +=
                "  - { id: f\(written), from: \(from), to: s\(to), data_categories: [\(Set(picked).sorted().joined(separator: ", "))], data_use: \(uses[(brandStart + next(2)) % uses.count]), legal_basis: \(next(4) == 0 ? "contract" : "consent"), subject_regions: [\(region)], consent_signal_propagated: \(next(8) != 0) }\n"
            written += 1
        }
        let outcome = InventoryLoader(limits: LoadLimits(maxFileBytes: 256 << 20)).load(
            text: yaml, name: "generated.yaml")
        return outcome.inventory
    }
}
