/// A layered drawing of a step graph: longest-path layers (top to bottom), nodes ordered
/// within their layer by barycenter sweeps, ties by file order, so the same graph always
/// gets the same drawing. Iterative throughout (no recursion on the graph's depth); a cycle
/// (an invalid file) puts the steps on it in a last layer.
public struct DAGLayout: Sendable {
    /// A node and where it is drawn.
    public struct Placed: Sendable, Hashable {
        public var node: DAGNode
        public var layer: Int
        public var order: Int
        public var x: Int
        public var y: Int
    }

    /// One declared dependency: from the step depended on to the step that depends on it.
    public struct Edge: Sendable, Hashable {
        public var from: Int
        public var to: Int
    }

    public static let nodeWidth = 176
    public static let nodeHeight = 42
    static let gapX = 28
    static let gapY = 54
    static let margin = 12
    /// Barycenter sweeps (down and up) made.
    static let sweeps = 4

    /// The nodes in file order, placed.
    public private(set) var placed: [Placed] = []
    /// The edges, by index into `placed`.
    public private(set) var edges: [Edge] = []
    public private(set) var width = 0
    public private(set) var height = 0

    /// Lays out `nodes` (dependencies on unknown ids and on itself are ignored).
    public init(_ nodes: [DAGNode]) {
        var index: [String: Int] = [:]
        for (i, node) in nodes.enumerated() where index[node.id] == nil { index[node.id] = i }
        var preds = [[Int]](repeating: [], count: nodes.count)
        var succs = [[Int]](repeating: [], count: nodes.count)
        for (i, node) in nodes.enumerated() {
            for dep in node.dependsOn {
                guard let p = index[dep], p != i, !preds[i].contains(p) else { continue }
                preds[i].append(p)
                succs[p].append(i)
                edges.append(Edge(from: p, to: i))
            }
        }
        let layer = Self.layers(preds: preds, succs: succs)
        let layerCount = (layer.max() ?? -1) + 1
        var rows = [[Int]](repeating: [], count: layerCount)
        for i in nodes.indices { rows[layer[i]].append(i) }
        var position = [Double](repeating: 0, count: nodes.count)
        func place(_ row: [Int]) {
            for (k, i) in row.enumerated() { position[i] = Double(k) - Double(row.count - 1) / 2 }
        }
        rows.forEach(place)
        for _ in 0..<Self.sweeps {
            for r in rows.indices.dropFirst() {
                rows[r] = Self.order(rows[r], by: preds, position)
                place(rows[r])
            }
            for r in rows.indices.reversed().dropFirst() {
                rows[r] = Self.order(rows[r], by: succs, position)
                place(rows[r])
            }
        }
        let widest = rows.map(\.count).max() ?? 0
        let step = Self.nodeWidth + Self.gapX
        width = max(1, 2 * Self.margin + widest * step - (widest > 0 ? Self.gapX : 0))
        height = max(1, 2 * Self.margin + layerCount * (Self.nodeHeight + Self.gapY) - (layerCount > 0 ? Self.gapY : 0))
        var placed = [Placed?](repeating: nil, count: nodes.count)
        for (r, row) in rows.enumerated() {
            let offset = (widest - row.count) * step / 2
            for (k, i) in row.enumerated() {
                placed[i] = Placed(node: nodes[i], layer: r, order: k, x: Self.margin + offset + k * step,
                                   y: Self.margin + r * (Self.nodeHeight + Self.gapY))
            }
        }
        self.placed = placed.compactMap { $0 }
    }

    /// Longest-path layers in topological (Kahn) order; nodes on a cycle go last.
    static func layers(preds: [[Int]], succs: [[Int]]) -> [Int] {
        var remaining = preds.map(\.count)
        var layer = [Int](repeating: 0, count: preds.count)
        var queue = preds.indices.filter { remaining[$0] == 0 }
        var head = 0
        var done = [Bool](repeating: false, count: preds.count)
        while head < queue.count {
            let i = queue[head]
            head += 1
            done[i] = true
            for s in succs[i] {
                layer[s] = max(layer[s], layer[i] + 1)
                remaining[s] -= 1
                if remaining[s] == 0 { queue.append(s) }
            }
        }
        let last = (queue.map { layer[$0] }.max() ?? -1) + 1
        for i in preds.indices where !done[i] { layer[i] = last }
        return layer
    }

    /// `row` sorted by the mean position of each node's neighbours (its own when it has
    /// none), ties by the current order.
    static func order(_ row: [Int], by neighbours: [[Int]], _ position: [Double]) -> [Int] {
        let keyed = row.enumerated().map { k, i -> (Double, Int, Int) in
            let around = neighbours[i]
            let center = around.isEmpty ? position[i] : around.map { position[$0] }.reduce(0, +) / Double(around.count)
            return (center, k, i)
        }
        return keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }
}
