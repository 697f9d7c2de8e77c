extension Workflow {
    /// Every use of a toolkit (a `connection:` of a step, a nested step, a wait's check or an
    /// http tool), with who uses it (`step 'post'`, `tool 'lookup'`), in file order.
    public var toolkitUses: [(toolkit: Located<String>, user: String)] {
        var uses: [(toolkit: Located<String>, user: String)] = []
        for step in allSteps {
            if let toolkit = Self.toolkit(of: step.config) { uses.append((toolkit, "step '\(step.id.value)'")) }
        }
        for tool in tools {
            if let toolkit = Self.toolkit(of: tool.action) { uses.append((toolkit, "tool '\(tool.name.value)'")) }
        }
        return uses
    }

    /// The toolkits its steps and tools use, sorted.
    public var requiredToolkits: [String] { Set(toolkitUses.map(\.toolkit.value)).sorted() }

    /// The connection `toolkit` is bound to (`connections:`), if any.
    public func connection(forToolkit toolkit: String) -> String? {
        connections.first { $0.toolkit.value == toolkit }?.connection.value
    }

    /// The toolkit a step config sends its request through, if any.
    static func toolkit(of config: StepConfig) -> Located<String>? {
        switch config {
        case .httpRequest(let request): request.connection
        case .webhook(let webhook): webhook.connection
        case .wait(let wait):
            if case .until(_, _, let check) = wait.mode { check?.connection } else { nil }
        default: nil
        }
    }
}
