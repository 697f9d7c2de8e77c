import RunnelCore
public import RunnelEngine

extension DaemonServices {
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
    public func connectionList() -> [(connection: Connection, secretsDefined: Bool, workflows: [String])] {
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
    public func toolkits(of id: String) -> [ToolkitBinding]? {
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
}
