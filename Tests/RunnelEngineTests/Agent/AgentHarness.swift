import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// An engine with the real runners over a real folder (workflows/ and knowledge files), its
/// `default` provider pointing at a local fake model server, for one agent test.
struct AgentHarness {
    static let quickRetry = ChatRetryPolicy(attempts: 2, initial: .milliseconds(10), max: .milliseconds(20), maxRetryAfter: .milliseconds(50))

    let folder: TemporaryFolder
    let store: FileRunStore
    let engine: Engine

    /// - Parameters:
    ///   - workflows: YAML by workflow id (`w` is the one ``run(_:)`` starts).
    ///   - files: Other files of the repository, by path.
    ///   - baseURL: The provider's base URL.
    init(_ workflows: [String: String], files: [String: String] = [:], baseURL: String, timeout: Duration = .seconds(10),
         secrets: any SecretStore = NoSecrets(), apiKeySecret: String? = nil, embeddingModel: String? = nil) throws {
        folder = try TemporaryFolder()
        let root = folder.path + "/repo"
        for (id, yaml) in workflows { try Self.write(yaml, to: root + "/workflows/\(id).yaml") }
        for (path, text) in files { try Self.write(text, to: root + "/" + path) }
        store = try FileRunStore(state: folder.path + "/state")
        try FileManager.default.createDirectory(atPath: folder.path + "/tmp", withIntermediateDirectories: true)
        let catalog = ProviderCatalog([ProviderSettings(name: "default", baseURL: baseURL, apiKeySecret: apiKeySecret, model: "fake-model",
                                                        timeout: timeout, embeddingModel: embeddingModel)], retry: Self.quickRetry)
        engine = Engine(store: store, runners: .standard(temporaryRoot: folder.path + "/tmp", providers: ProviderCatalogBox(catalog)),
                        secrets: secrets, workflows: FolderWorkflowSource(root: root))
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Starts workflow `w`.
    func start(_ inputs: [String: JSONValue] = [:]) async throws -> RunRecord {
        try await engine.start(workflowID: "w", inputs: inputs)
    }

    /// Runs workflow `w` to its end.
    func run(_ inputs: [String: JSONValue] = [:]) async throws -> RunRecord {
        let started = try await start(inputs)
        return try #require(await engine.wait(started.id))
    }

    /// The kinds of the run's events, in order.
    func kinds(_ runID: String) async throws -> [String] {
        try await store.events(of: runID, after: 0).map(\.kind.rawValue)
    }

    /// The events of one kind.
    func events(_ runID: String, _ kind: RunEvent.Kind) async throws -> [RunEvent] {
        try await store.events(of: runID, after: 0).filter { $0.kind == kind }
    }
}

extension JSONValue {
    /// The `tool` messages of a recorded chat request, in order.
    var toolMessages: [String] {
        (self["messages"]?.arrayValue ?? []).filter { $0["role"] == "tool" }.compactMap { $0["content"]?.stringValue }
    }

    /// The content of its last message.
    var lastContent: String? { self["messages"]?.arrayValue?.last?["content"]?.stringValue }
}
