import RunnelCore

extension DAGLayout {
    /// The drawing as SVG: each node a link (`link(id)`) holding a box with the step id and
    /// its type or badge, coloured by `status(id)` through CSS (`data-status`); each edge a
    /// curve with `data-from`/`data-to`.
    public func svg(link: (String) -> String, status: (String) -> String? = { _ in nil }) -> String {
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" class="dag" role="img" aria-label="Step graph" viewBox="0 0 \#(width) \#(height)" width="\#(width)" height="\#(height)">"#
        out += #"<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" class="arrowhead"/></marker></defs>"#
        for edge in edges {
            let a = placed[edge.from], b = placed[edge.to]
            let x1 = a.x + Self.nodeWidth / 2, y1 = a.y + Self.nodeHeight
            let x2 = b.x + Self.nodeWidth / 2, y2 = b.y
            let bend = max(24, abs(y2 - y1) / 2)
            // An edge over more than one layer bulges sideways, past the nodes between.
            let side = b.layer - a.layer > 1 ? Self.nodeWidth * 4 / 5 : 0
            out += #"<path data-from="\#(xml(a.node.id))" data-to="\#(xml(b.node.id))" d="M\#(x1),\#(y1)C\#(x1 + side),\#(y1 + bend) \#(x2 + side),\#(y2 - bend) \#(x2),\#(y2)"/>"#
        }
        // Nodes are placed by a transform, so that their parts need no coordinates of their own
        // (a page of 500 steps stays light).
        for p in placed {
            let id = xml(p.node.id)
            let state = status(p.node.id).map { #" data-status="\#(xml($0))""# } ?? ""
            out += #"<a href="\#(xml(link(p.node.id)))"><g class="node" data-step="\#(id)"\#(state) transform="translate(\#(p.x),\#(p.y))">"#
            out += #"<rect width="\#(Self.nodeWidth)" height="\#(Self.nodeHeight)" rx="6"/><text x="10" y="17">\#(xml(Self.clip(p.node.id, 24)))</text>"#
            out += #"<text class="badge" x="10" y="33">\#(xml(Self.clip(p.node.badge ?? p.node.type, 28)))</text></g></a>"#
        }
        return out + "</svg>"
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

/// `text` escaped for the SVG and HTML the pages write by hand.
func xml(_ text: String) -> String { HTML.escape(text) }
