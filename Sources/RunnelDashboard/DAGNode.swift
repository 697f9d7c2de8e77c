public import RunnelCore

/// A step as the DAG draws it: loops and child workflows are one node with a badge.
public struct DAGNode: Sendable, Hashable {
    /// The step id.
    public var id: String
    /// The step type (`script`, `loop`, …).
    public var type: String
    /// What a collapsed node stands for (`↻ notify_user`, `↳ data/etl`), when anything.
    public var badge: String?
    /// The steps it depends on: `depends_on`, and the condition or approval whose branch names it.
    public var dependsOn: [String]

    /// Creates a node.
    public init(id: String, type: String, badge: String? = nil, dependsOn: [String]) {
        self.id = id
        self.type = type
        self.badge = badge
        self.dependsOn = dependsOn
    }

    /// The nodes of a workflow definition (its JSON, as the API gives it), in file order.
    /// Steps without a string id are left out; `on_failure` steps are not part of the DAG.
    public static func nodes(of definition: JSONValue) -> [DAGNode] {
        let steps = definition["steps"]?.arrayValue ?? []
        var nodes: [DAGNode] = []
        var branchParents: [String: [String]] = [:]
        for step in steps {
            guard let id = step["id"]?.stringValue else { continue }
            let type = step["type"]?.stringValue ?? "script"
            var depends: [String] = []
            switch step["depends_on"] {
            case .string(let one)?: depends = [one]
            case .array(let many)?: depends = many.compactMap(\.stringValue)
            default: break
            }
            var badge: String?
            let config = step["config"]
            switch type {
            case "loop": badge = config?["step"]?["id"]?.stringValue.map { "↻ " + $0 } ?? "↻ loop"
            case "workflow": badge = config?["workflow"]?.stringValue.map { "↳ " + $0 } ?? "↳ workflow"
            case "condition", "approval":
                for branch in ["then", "else"] {
                    for target in Self.ids(config?[branch]) { branchParents[target, default: []].append(id) }
                }
            default: break
            }
            nodes.append(DAGNode(id: id, type: type, badge: badge, dependsOn: depends))
        }
        for index in nodes.indices {
            for parent in branchParents[nodes[index].id] ?? [] where !nodes[index].dependsOn.contains(parent) {
                nodes[index].dependsOn.append(parent)
            }
        }
        return nodes
    }

    static func ids(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let one)?: [one]
        case .array(let many)?: many.compactMap(\.stringValue)
        default: []
        }
    }
}
