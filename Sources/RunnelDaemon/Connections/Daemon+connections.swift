import RunnelCore
public import RunnelEngine

extension Daemon {
    /// One toolkit of a workflow: whether its steps use it, the connection it is bound to, and
    /// whether that connection is declared and has its secrets.
    public struct ToolkitBinding: Sendable, Hashable {
        public var toolkit: String
        /// Whether a step or tool uses it (`connection:`).
        public var required: Bool
        /// The connection bound in `connections:`, if any.
        public var connection: String?
        /// Whether `runnel.yaml` declares that connection.
        public var declared: Bool
        /// Whether every secret of that connection is defined.
        public var secretsDefined: Bool
    }

    /// The connections of `runnel.yaml` in force, each with whether its secrets are defined
    /// and the ids of the active workflows that bind a toolkit to it.
    public nonisolated func connectionList() -> [(connection: Connection, secretsDefined: Bool, workflows: [String])] {
        let snapshot = snapshot
        return snapshot.settings.connections.connections.map { connection in
            let users = snapshot.workflows.values.filter { entry in
                entry.active?.workflow.connections.contains { $0.connection.value == connection.name } == true
            }.map(\.id).sorted()
            return (connection, connection.undefinedSecrets(in: secrets).isEmpty, users)
        }
    }

    /// The toolkits of workflow `id`'s active version: those its steps use and those it binds.
    /// - Returns: nil for an unknown workflow or one that never was valid.
    public nonisolated func toolkits(of id: String) -> [ToolkitBinding]? {
        let snapshot = snapshot
        guard let workflow = snapshot.workflows[id]?.active?.workflow else { return nil }
        let required = Set(workflow.requiredToolkits)
        let names = required.union(workflow.connections.map(\.toolkit.value)).sorted()
        return names.map { toolkit in
            let name = workflow.connection(forToolkit: toolkit)
            let connection = name.flatMap(snapshot.settings.connections.connection)
            return ToolkitBinding(toolkit: toolkit, required: required.contains(toolkit), connection: name, declared: connection != nil,
                                  secretsDefined: connection.map { $0.undefinedSecrets(in: secrets).isEmpty } ?? false)
        }
    }

    /// Binds `toolkit` of workflow `id` to `connection` as a validated commit (`connections:`
    /// edited in place).
    /// - Throws: ``WriteError`` `.notFound` for an unknown workflow or connection, `.invalid`
    ///   for a toolkit the workflow neither uses nor binds, and what a write refuses.
    public func changeConnection(id: String, toolkit: String, connection: String, message: String, author: String,
                                 base: String?) async throws(WriteError) -> WriteResult {
        guard settings.connections.connection(connection) != nil else {
            let known = settings.connections.connections.map(\.name)
            throw WriteError(kind: .notFound, description: "connection '\(connection)' is not declared in runnel.yaml's 'connections'"
                             + (known.isEmpty ? " (none is)" : " (declared: \(known.joined(separator: ", ")))"))
        }
        let text = try currentText(of: id)
        guard let workflow = WorkflowLoader.load(path: registry.entries[id]?.path ?? "workflows/\(id).yaml", text: text).workflow else {
            throw WriteError(kind: .invalid, description: "workflow '\(id)' can't be read: fix its file first")
        }
        let uses = Set(workflow.requiredToolkits).union(workflow.connections.map(\.toolkit.value))
        guard uses.contains(toolkit) else {
            throw WriteError(kind: .invalid, description: "workflow '\(id)' uses no toolkit '\(toolkit)'"
                             + (uses.isEmpty ? "" : " (it uses: \(uses.sorted().joined(separator: ", ")))"))
        }
        var members = workflow.connections.map {
            SourceValue.Member(key: $0.toolkit, value: SourceValue(.string($0.connection.value), at: $0.connection.location))
        }
        let value = SourceValue(.string(connection), at: .start)
        if let index = members.firstIndex(where: { $0.key.value == toolkit }) {
            members[index].value = value
        } else {
            members.append(SourceValue.Member(key: Located(toolkit, at: .start), value: value))
        }
        return try await writeTopLevel("connections", SourceValue(.object(members), at: .start), of: id, message: message,
                                       author: author, base: base)
    }
}
