import Foundation
import Testing
@testable import RunnelCore

/// Paired fixtures, as actionlint's testdata: `Fixtures/invalid/NAME.yaml` beside
/// `NAME.expected` holding the exact diagnostics, one per line.
///
/// `RUNNEL_UPDATE_FIXTURES=1 swift test --filter FixtureTests` rewrites the `.expected` files
/// in the source tree from the current output (review the diff before committing).
@Suite struct FixtureTests {
    static let sourceFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixtures(_ folder: String) -> [String] {
        let root = sourceFixtures.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static func diagnostics(for relative: String, in folder: String) throws -> [String] {
        let url = sourceFixtures.appendingPathComponent(folder).appendingPathComponent(relative)
        let bytes = try [UInt8](Data(contentsOf: url))
        let result = WorkflowLoader.load(path: relative, bytes: bytes)
        return Validator.validate(result).map(\.description)
    }

    @Test func thereAreAtLeastFortyInvalidFixtures() {
        #expect(Self.fixtures("invalid").count >= 40)
    }

    @Test(arguments: fixtures("invalid"))
    func invalidFixture(_ relative: String) throws {
        let actual = try Self.diagnostics(for: relative, in: "invalid")
        let expectedURL = Self.sourceFixtures.appendingPathComponent("invalid")
            .appendingPathComponent(String(relative.dropLast(".yaml".count)) + ".expected")
        if ProcessInfo.processInfo.environment["RUNNEL_UPDATE_FIXTURES"] == "1" {
            try (actual.joined(separator: "\n") + "\n").write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        #expect(!actual.isEmpty, "an invalid fixture must produce diagnostics")
        #expect(actual == expected)
    }
}
