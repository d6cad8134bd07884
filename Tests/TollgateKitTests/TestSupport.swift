import Foundation
import Testing
import TollgateKit

/// Paths and helpers shared by the TollgateKit tests.
enum TestSupport {
    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared/external` beside the clone: present in CI and for the developers, absent on a
    /// user's clone, where the schema tests are skipped.
    static let sharedExternal = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/external")

    static var sharedExternalAvailable: Bool {
        FileManager.default.fileExists(atPath: sharedExternal.appendingPathComponent("junit/jenkins-junit-10.xsd").path)
    }

    static let skipMessage: Comment = "../shared/external is not beside this clone; schema validation runs in CI"

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Loads an in-memory declaration, failing the test on input errors.
    static func inventory(_ yaml: String, name: String = "stack.yaml") -> Inventory {
        let outcome = InventoryLoader().load(text: yaml, name: name)
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        return outcome.inventory
    }
}
