import Foundation
import RunnelTestSupport
import Testing

/// `scripts/schemathesis.sh`: schemathesis (`pip install schemathesis`) with every check,
/// bounded examples and a fixed seed, against a real `runnel serve`. Skipped only when
/// schemathesis is not installed and `CI` is unset; under CI it must run.
@Suite struct SchemathesisTests {
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static func schemathesis() -> String? {
        if let given = ProcessInfo.processInfo.environment["SCHEMATHESIS"] { return given }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/schemathesis") {
            return "\(folder)/schemathesis"
        }
        return nil
    }

    static var runs: Bool { schemathesis() != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    @Test(.enabled(if: runs, "schemathesis is not installed (pip install schemathesis) and CI is unset"),
          .timeLimit(.minutes(4)))
    func theServerMatchesItsOpenAPIDocument() async throws {
        let binary = Self.root + "/.build/debug/runnel"
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build runnel first: \(binary)")
        var environment = ProcessInfo.processInfo.environment
        environment["SCHEMATHESIS"] = Self.schemathesis() ?? "schemathesis"
        let result = try await TestProcess.run("/bin/bash", [Self.root + "/scripts/schemathesis.sh", binary],
                                               environment: environment, mergingOutput: true)
        #expect(result.status == 0, "schemathesis found problems:\n\(result.stdout.suffix(6000))")
    }
}
