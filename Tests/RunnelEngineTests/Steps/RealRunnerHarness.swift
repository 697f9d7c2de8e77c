import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// An engine with the real step runners and a real file store, for one test.
struct RealRunnerHarness {
    let folder: TemporaryFolder
    let store: FileRunStore
    let engine: Engine

    init(_ workflows: [Workflow], secrets: any SecretStore = NoSecrets()) throws {
        folder = try TemporaryFolder()
        store = try FileRunStore(state: folder.path + "/state")
        try FileManager.default.createDirectory(atPath: folder.path + "/tmp", withIntermediateDirectories: true)
        engine = Engine(store: store, runners: .standard(temporaryRoot: folder.path + "/tmp"), secrets: secrets,
                        workflows: MemoryWorkflowSource(workflows))
    }

    /// Runs workflow `id` to its end.
    func run(_ id: String, _ inputs: [String: JSONValue] = [:]) async throws -> RunRecord {
        let started = try await engine.start(workflowID: id, inputs: inputs)
        return try #require(await engine.wait(started.id))
    }

    /// Runs a one-file workflow given as YAML and returns its record.
    static func run(_ yaml: String, inputs: [String: JSONValue] = [:], secrets: any SecretStore = NoSecrets()) async throws -> RunRecord {
        let harness = try RealRunnerHarness([try workflow(yaml, id: "w")], secrets: secrets)
        defer { harness.folder.remove() }
        return try await harness.run("w", inputs)
    }
}

extension RunRecord {
    /// The output of step `id`, failing the test when it has none.
    func output(_ id: String) throws -> JSONValue {
        try #require(stepRun(id)?.output)
    }
}
