import RunnelCore
public import RunnelEngine

extension WorkflowWriter {
    /// Binds `toolkit` of workflow `id` to `connection` as a validated commit (`connections:`
    /// edited in place).
    /// - Throws: ``WriteError`` `.notFound` for an unknown workflow or connection, `.invalid`
    ///   for a toolkit the workflow neither uses nor binds, and what a write refuses.
    public func changeConnection(id: String, toolkit: String, connection: String, message: String, author: String,
                                 base: String?) async throws(WriteError) -> WriteResult {
        guard snapshots.current.settings.connections.connection(connection) != nil else {
            let known = snapshots.current.settings.connections.connections.map(\.name)
            throw WriteError(kind: .notFound, description: "connection '\(connection)' is not declared in runnel.yaml's 'connections'"
                             + (known.isEmpty ? " (none is)" : " (declared: \(known.joined(separator: ", ")))"))
        }
        let text = try currentText(of: id)
        guard let workflow = WorkflowLoader.load(path: snapshots.current.workflows[id]?.path ?? "workflows/\(id).yaml", text: text).workflow else {
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
