/// Summaries of every run, for listing without reading files.
///
/// Run ids sort by creation time, so the array is kept in ascending id order: a new run is
/// appended in O(1) and a listing walks it backwards (newest first). A filter is one pass
/// over plain values: 100,000 runs take a few milliseconds.
struct RunIndex {
    private var summaries: [RunSummary]
    private var positions: [String: Int] = [:]

    init(_ summaries: [RunSummary]) {
        self.summaries = summaries.sorted { $0.id < $1.id }
        reindex()
    }

    private mutating func reindex() {
        positions = Dictionary(summaries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func summary(_ id: String) -> RunSummary? {
        positions[id].map { summaries[$0] }
    }

    mutating func insert(_ summary: RunSummary) {
        if let position = positions[summary.id] {
            summaries[position] = summary
        } else if summaries.last.map({ $0.id < summary.id }) ?? true {
            positions[summary.id] = summaries.count
            summaries.append(summary)
        } else {
            let at = summaries.firstIndex { $0.id > summary.id } ?? summaries.count
            summaries.insert(summary, at: at)
            reindex()
        }
    }

    mutating func update(_ summary: RunSummary) {
        if let position = positions[summary.id] { summaries[position] = summary }
    }

    mutating func remove(_ id: String) {
        guard let position = positions[id] else { return }
        summaries.remove(at: position)
        reindex()
    }

    func query(_ query: RunQuery) -> RunPage {
        var matches: [RunSummary] = []
        var total = 0
        for summary in summaries.reversed() {
            if let workflow = query.workflowID, summary.workflowID != workflow { continue }
            if let status = query.status, summary.status != status { continue }
            if let trigger = query.trigger, summary.trigger != trigger { continue }
            if let since = query.since, summary.createdAt < since { continue }
            if let until = query.until, summary.createdAt >= until { continue }
            total += 1
            if total > query.offset, matches.count < query.limit { matches.append(summary) }
        }
        return RunPage(runs: matches, total: total)
    }
}
