import Foundation
import Testing
import TollgateKit
import TollgateTestSupport

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

/// Validation of JSON documents against JSON schemas with a real validator: Python's
/// `jsonschema` (scripts/requirements-test.txt), run as a subprocess.
enum JSONSchemaValidation {
    static let sarifSchema = TestSupport.sharedExternal.appendingPathComponent("sarif/sarif-schema-2.1.0.json")

    /// Whether `python3` with `jsonschema` can be run here.
    static let available: Bool = {
        (try? run(["-c", "import jsonschema"]).status) == 0
    }()

    static let skipMessage: Comment =
        "python3 with jsonschema is not installed (pip install -r scripts/requirements-test.txt); SARIF schema validation runs in CI"

    /// Draft-04 validation, as the SARIF 2.1.0 schema declares; each problem as `path: message`.
    static let script = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        document = json.load(open(sys.argv[2], encoding="utf-8"))
        cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
        errors = sorted(cls(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
        for e in errors:
            print("/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message)
        sys.exit(1 if errors else 0)
        """

    /// The problems of `document` against the schema at `schema` (empty when valid).
    static func validate(_ document: Data, schema: URL) throws -> [String] {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("document.json")
        try document.write(to: file)
        let result = try run(["-c", script, schema.path, file.path])
        if result.status == 0 { return [] }
        let lines = result.output.split(separator: "\n").map(String.init)
        return lines.isEmpty ? ["validator exited with \(result.status)"] : lines
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Subprocess.run("/usr/bin/env", ["python3"] + arguments)
    }
}

/// JUnit validation against both schemas that bracket what consumers accept (FORMATS.md).
enum JUnitSchemas {
    static let names = ["junit/jenkins-junit-10.xsd", "junit/windyroad-JUnit.xsd"]

    /// Problems of `document` against both schemas, each prefixed with the schema's name.
    static func problems(_ document: Data) throws -> [String] {
        try names.flatMap { name in
            try XMLSchemaValidator(schemaPath: TestSupport.sharedExternal.appendingPathComponent(name).path)
                .validate(document).map { "\(name): \($0)" }
        }
    }
}
