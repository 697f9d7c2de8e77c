import Foundation
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
    func theServerMatchesItsOpenAPIDocument() throws {
        let binary = Self.root + "/.build/debug/runnel"
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build runnel first: \(binary)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.root + "/scripts/schemathesis.sh", binary]
        var environment = ProcessInfo.processInfo.environment
        environment["SCHEMATHESIS"] = Self.schemathesis() ?? "schemathesis"
        process.environment = environment
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-schemathesis-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "schemathesis found problems:\n\(log.suffix(6000))")
    }
}
