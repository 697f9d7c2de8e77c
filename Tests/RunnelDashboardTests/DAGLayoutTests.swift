import Foundation
import RunnelCore
import RunnelDashboard
import Testing

/// The DAG drawing of the example workflows: the same SVG every time (snapshots in
/// `Snapshots/`, rewritten with `RECORD_SNAPSHOTS=1`), no two nodes overlapping, every edge a
/// declared dependency and every dependency below what it depends on.
@Suite struct DAGLayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static var examples: [String] {
        let folder = root.appendingPathComponent("workflows").path
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { "workflows/" + $0 }.sorted()
    }

    static func nodes(_ path: String) throws -> [DAGNode] {
        let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent(path)))
        let workflow = try #require(WorkflowLoader.load(path: path, bytes: bytes).workflow, "\(path) loads")
        return DAGNode.nodes(of: workflow.definition)
    }

    @Test func theExamplesAreThere() {
        #expect(Self.examples.count >= 10)
    }

    @Test(arguments: examples)
    func theDrawingOfAnExampleIsItsSnapshot(_ path: String) throws {
        let nodes = try Self.nodes(path)
        let svg = DAGLayout(nodes).svg(link: { "#step-" + $0 })
        #expect(svg == DAGLayout(nodes).svg(link: { "#step-" + $0 }), "the same graph, the same drawing")
        let file = Self.snapshots.appendingPathComponent(path.replacingOccurrences(of: "/", with: "__") + ".svg")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
            try svg.write(to: file, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOf: file, encoding: .utf8)
        #expect(svg == recorded, "\(path): the drawing changed (RECORD_SNAPSHOTS=1 rewrites the snapshot after a deliberate change)")
    }

    @Test(arguments: examples)
    func nodesDontOverlapAndEdgesAreDeclaredDependencies(_ path: String) throws {
        let nodes = try Self.nodes(path)
        try Self.checkLayout(nodes)
    }

    static func checkLayout(_ nodes: [DAGNode]) throws {
        let layout = DAGLayout(nodes)
        #expect(layout.placed.count == nodes.count)
        for (i, a) in layout.placed.enumerated() {
            for b in layout.placed[(i + 1)...] {
                let apart = a.x + DAGLayout.nodeWidth <= b.x || b.x + DAGLayout.nodeWidth <= a.x
                    || a.y + DAGLayout.nodeHeight <= b.y || b.y + DAGLayout.nodeHeight <= a.y
                #expect(apart, "\(a.node.id) and \(b.node.id) overlap")
            }
            #expect(a.x >= 0 && a.y >= 0 && a.x + DAGLayout.nodeWidth <= layout.width && a.y + DAGLayout.nodeHeight <= layout.height)
        }
        let declared = Set(nodes.flatMap { node in node.dependsOn.map { "\($0)->\(node.id)" } })
        for edge in layout.edges {
            let from = layout.placed[edge.from], to = layout.placed[edge.to]
            #expect(declared.contains("\(from.node.id)->\(to.node.id)"), "edge \(from.node.id) → \(to.node.id) is not declared")
            #expect(from.layer < to.layer, "\(to.node.id) is drawn below \(from.node.id)")
        }
        // Every declared dependency on a known step is drawn.
        let ids = Set(nodes.map(\.id))
        let drawn = Set(layout.edges.map { "\(layout.placed[$0.from].node.id)->\(layout.placed[$0.to].node.id)" })
        for node in nodes { for dep in node.dependsOn where ids.contains(dep) && dep != node.id { #expect(drawn.contains("\(dep)->\(node.id)")) } }
    }

    @Test func aDiamondIsLayeredByLongestPathAndOrderedByBarycenter() throws {
        let nodes = [
            DAGNode(id: "a", type: "script", dependsOn: []),
            DAGNode(id: "b", type: "script", dependsOn: ["a"]),
            DAGNode(id: "c", type: "script", dependsOn: ["a"]),
            DAGNode(id: "d", type: "script", dependsOn: ["b", "c"]),
            DAGNode(id: "e", type: "script", dependsOn: ["a", "d"]),
        ]
        let layout = DAGLayout(nodes)
        #expect(layout.placed.map(\.layer) == [0, 1, 1, 2, 3])
        try Self.checkLayout(nodes)
    }

    @Test func aCycleOrAMissingStepStillDraws() throws {
        let nodes = [
            DAGNode(id: "a", type: "script", dependsOn: ["c"]),
            DAGNode(id: "b", type: "script", dependsOn: ["a", "nowhere", "b"]),
            DAGNode(id: "c", type: "script", dependsOn: ["b"]),
            DAGNode(id: "free", type: "script", dependsOn: []),
        ]
        let layout = DAGLayout(nodes)
        #expect(layout.placed.count == 4)
        #expect(layout.edges.count == 3)
        #expect(layout.placed[3].layer == 0)
    }

    @Test func aLongChainLaysOutWithoutRecursion() {
        let nodes = (0..<5000).map { DAGNode(id: "s\($0)", type: "script", dependsOn: $0 == 0 ? [] : ["s\($0 - 1)"]) }
        let layout = DAGLayout(nodes)
        #expect(layout.placed.last?.layer == 4999)
    }

    @Test func loopsAndChildWorkflowsAreCollapsedNodesWithABadge() throws {
        let definition = try JSONParser.parse(#"""
            {"steps": [{"id": "list", "type": "script"},
                       {"id": "each", "type": "loop", "depends_on": "list", "config": {"step": {"id": "notify", "type": "script"}}},
                       {"id": "child", "type": "workflow", "depends_on": ["each"], "config": {"workflow": "data/etl"}},
                       {"id": "check", "type": "condition", "config": {"then": ["yes"], "else": "no"}},
                       {"id": "yes", "type": "script"}, {"id": "no", "type": "script"}]}
            """#)
        let nodes = DAGNode.nodes(of: definition)
        #expect(nodes.map(\.id) == ["list", "each", "child", "check", "yes", "no"])
        #expect(nodes[1].badge == "↻ notify")
        #expect(nodes[2].badge == "↳ data/etl")
        #expect(nodes[4].dependsOn == ["check"] && nodes[5].dependsOn == ["check"])
        let svg = DAGLayout(nodes).svg(link: { "/x#" + $0 }, status: { $0 == "list" ? "completed" : nil })
        #expect(svg.contains(#"data-step="list" data-status="completed""#))
        #expect(svg.contains("↻ notify") && svg.contains(#"href="/x#child""#))
    }
}
