import Foundation

/// The timeline of a run: one bar per step attempt that started, from its start to its end
/// (to `now` while it runs), on one time axis; retries show their attempt number.
struct Gantt: Sendable {
    struct Bar: Sendable {
        var stepID: String
        var status: String
        var attempt: Int
        var start: Date
        var end: Date?
    }

    static let width = 900
    static let labelWidth = 170
    static let row = 20

    var bars: [Bar]
    var now: Date

    /// The timeline as SVG (empty when no step started).
    func svg() -> String {
        guard let first = bars.map(\.start).min() else { return "" }
        let last = max(bars.map { $0.end ?? now }.max() ?? first, first.addingTimeInterval(0.001))
        let span = last.timeIntervalSince(first)
        let plot = Double(Self.width - Self.labelWidth - 10)
        let height = bars.count * Self.row + 24
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" class="gantt" role="img" aria-label="Timeline" viewBox="0 0 \#(Self.width) \#(height)" width="\#(Self.width)" height="\#(height)">"#
        for (i, bar) in bars.enumerated() {
            let y = i * Self.row + 4
            let x0 = Double(Self.labelWidth) + bar.start.timeIntervalSince(first) / span * plot
            let w = max(2, (bar.end ?? now).timeIntervalSince(bar.start) / span * plot)
            let label = DAGLayout.clip(bar.stepID, 22) + (bar.attempt > 1 ? " ×\(bar.attempt)" : "")
            out += #"<text x="4" y="\#(y + 13)">\#(xml(label))</text>"#
            out += #"<rect class="bar" data-step="\#(xml(bar.stepID))" data-status="\#(xml(bar.status))" x="\#(Int(x0.isFinite ? x0 : 0))" y="\#(y + 2)" width="\#(Int(w.isFinite ? w.rounded(.up) : 2))" height="\#(Self.row - 6)" rx="2"><title>\#(xml(bar.stepID)) attempt \#(bar.attempt): \#(xml(bar.status))</title></rect>"#
        }
        let axis = bars.count * Self.row + 8
        out += #"<line x1="\#(Self.labelWidth)" y1="\#(axis)" x2="\#(Self.width - 10)" y2="\#(axis)"/>"#
        out += #"<text x="\#(Self.labelWidth)" y="\#(axis + 14)">0 s</text><text x="\#(Self.width - 80)" y="\#(axis + 14)">\#(xml(Display.duration(span) ?? ""))</text>"#
        return out + "</svg>"
    }
}
