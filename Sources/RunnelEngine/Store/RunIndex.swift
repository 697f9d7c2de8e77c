import Foundation

/// Summaries of every run, for listing without reading files; the query engine both stores use.
///
/// Entries are kept in ascending id order (run ids sort by creation time), so a new run is
/// appended in O(1), a run is found by binary search and a listing walks backwards (newest
/// first). Beside them, posting lists hold the positions of each workflow's, status's and
/// trigger's runs in the same order, and creation times are searched by bisection while they
/// rise with the ids (always, for ids made by ``RunID``). A query walks the shortest list that
/// applies, cut to its id and time range: a page costs O(limit + log n) when one filter is
/// given, and a combination costs the length of its shortest list.
struct RunIndex: Sendable {
    /// One run, with its workflow and trigger as numbers into ``names``.
    struct Entry: Sendable {
        var id: String
        var workflow: Int32
        var trigger: Int32
        var status: RunStatus
        var createdAt: Date
        var completedAt: Date?
    }

    private(set) var entries: [Entry] = []
    private var workflows = Names()
    private var triggers = Names()
    private var byWorkflow: [[Int32]] = []
    private var byTrigger: [[Int32]] = []
    private var byStatus: [[Int32]] = Array(repeating: [], count: RunStatus.allCases.count)
    /// Whether creation times never fall as ids rise (then time ranges are bisected).
    private(set) var timeOrdered = true

    init() {}

    init(_ summaries: [RunSummary]) {
        var entries: [Entry] = []
        entries.reserveCapacity(summaries.count)
        for summary in summaries.sorted(by: { $0.id < $1.id }) where entries.last?.id != summary.id {
            entries.append(entry(for: summary))
        }
        self.entries = entries
        reindex()
    }

    /// An index of entries already in ascending id order (read from the index file), their
    /// workflows and triggers numbered into these names.
    init(sortedEntries: [Entry], workflowNames: [String], triggerNames: [String]) {
        for name in workflowNames { _ = workflows.number(name) }
        for name in triggerNames { _ = triggers.number(name) }
        entries = sortedEntries
        reindex()
    }

    /// The workflow and trigger names the entries' numbers refer to.
    var names: (workflows: [String], triggers: [String]) { (workflows.names, triggers.names) }

    var count: Int { entries.count }

    /// The positions of each workflow's runs, ascending (by workflow number).
    var workflowLists: [[Int32]] { byWorkflow }

    func summary(_ id: String) -> RunSummary? {
        position(of: id).map { summary(at: $0) }
    }

    func summary(at position: Int) -> RunSummary {
        let entry = entries[position]
        return RunSummary(id: entry.id, workflowID: workflows.names[Int(entry.workflow)], status: entry.status,
                          trigger: triggers.names[Int(entry.trigger)], createdAt: entry.createdAt, completedAt: entry.completedAt)
    }

    /// The summaries of the runs in these statuses, oldest first.
    func summaries(in statuses: [RunStatus]) -> [RunSummary] {
        statuses.flatMap { byStatus[$0.number] }.sorted().map { summary(at: Int($0)) }
    }

    /// How many runs are in each status (every status, zeros included).
    var statusCounts: [RunStatus: Int] {
        Dictionary(uniqueKeysWithValues: RunStatus.allCases.map { ($0, byStatus[$0.number].count) })
    }

    /// The newest run of each of these workflows that has one (the last of its posting list).
    func latest(of workflowIDs: [String]) -> [String: RunSummary] {
        var found: [String: RunSummary] = [:]
        for id in workflowIDs {
            guard let number = workflows.numbers[id], let last = byWorkflow[Int(number)].last else { continue }
            found[id] = summary(at: Int(last))
        }
        return found
    }

    /// Every summary, oldest first.
    var summaries: [RunSummary] { entries.indices.map(summary(at:)) }

    /// Inserts a run or replaces the one with its id.
    mutating func upsert(_ summary: RunSummary) {
        let at = lowerBound(summary.id)
        if at < entries.count, entries[at].id == summary.id {
            replace(at: at, with: summary)
            return
        }
        let entry = entry(for: summary)
        guard at == entries.count else {
            // Older than the newest run (two runs created at once, a clock step): the
            // positions after it move up by one, near the end of each list.
            entries.insert(entry, at: at)
            for list in byWorkflow.indices { Self.shift(&byWorkflow[list], from: Int32(at)) }
            for list in byTrigger.indices { Self.shift(&byTrigger[list], from: Int32(at)) }
            for list in byStatus.indices { Self.shift(&byStatus[list], from: Int32(at)) }
            Self.insert(Int32(at), into: &byWorkflow[Int(entry.workflow)])
            Self.insert(Int32(at), into: &byTrigger[Int(entry.trigger)])
            Self.insert(Int32(at), into: &byStatus[entry.status.number])
            if at > 0, entries[at - 1].createdAt > entry.createdAt { timeOrdered = false }
            if entries[at + 1].createdAt < entry.createdAt { timeOrdered = false }
            return
        }
        if let last = entries.last, last.createdAt > entry.createdAt { timeOrdered = false }
        entries.append(entry)
        let position = Int32(entries.count - 1)
        byWorkflow[Int(entry.workflow)].append(position)
        byTrigger[Int(entry.trigger)].append(position)
        byStatus[entry.status.number].append(position)
    }

    /// Removes the runs with these ids (one pass, whatever their number).
    mutating func remove(_ ids: Set<String>) {
        let before = entries.count
        entries.removeAll { ids.contains($0.id) }
        if entries.count != before { reindex() }
    }

    /// The position of the run with `id`.
    func position(of id: String) -> Int? {
        let at = lowerBound(id)
        return at < entries.count && entries[at].id == id ? at : nil
    }

    // MARK: - Queries

    func query(_ query: RunQuery) -> RunPage {
        var low = 0
        var high = entries.count
        if let before = query.before { high = lowerBound(before) }
        var checkTime = false
        if timeOrdered {
            if let since = query.since { low = max(low, firstCreated(atOrAfter: since)) }
            if let until = query.until { high = min(high, firstCreated(atOrAfter: until)) }
        } else {
            checkTime = query.since != nil || query.until != nil
        }
        guard low < high else { return RunPage(runs: [], total: 0) }

        // The candidate lists, each cut to [low, high).
        var lists: [(filter: Filter, slice: ArraySlice<Int32>)] = []
        if let workflowID = query.workflowID {
            guard let number = workflows.numbers[workflowID] else { return RunPage(runs: [], total: 0) }
            lists.append((.workflow, Self.cut(byWorkflow[Int(number)], low, high)))
        }
        if let status = query.status { lists.append((.status, Self.cut(byStatus[status.number], low, high))) }
        if let trigger = query.trigger {
            guard let number = triggers.numbers[trigger] else { return RunPage(runs: [], total: 0) }
            lists.append((.trigger, Self.cut(byTrigger[Int(number)], low, high)))
        }
        let shortest = lists.min { $0.slice.count < $1.slice.count }
        let others = lists.filter { $0.filter != shortest?.filter }.map(\.filter)
        let workflowNumber = query.workflowID.flatMap { workflows.numbers[$0] }
        let triggerNumber = query.trigger.flatMap { triggers.numbers[$0] }

        func matches(_ position: Int) -> Bool {
            let entry = entries[position]
            for filter in others {
                switch filter {
                case .workflow: if entry.workflow != workflowNumber { return false }
                case .status: if entry.status != query.status { return false }
                case .trigger: if entry.trigger != triggerNumber { return false }
                }
            }
            if checkTime {
                if let since = query.since, entry.createdAt < since { return false }
                if let until = query.until, entry.createdAt >= until { return false }
            }
            return true
        }

        var runs: [RunSummary] = []
        var total = 0
        let simple = others.isEmpty && !checkTime
        if let list = shortest?.slice {
            if simple {
                total = list.count
                var index = list.endIndex - 1 - query.offset
                while index >= list.startIndex, runs.count < query.limit {
                    runs.append(summary(at: Int(list[index])))
                    index -= 1
                }
            } else {
                for index in list.indices.reversed() where matches(Int(list[index])) {
                    total += 1
                    if total > query.offset, runs.count < query.limit { runs.append(summary(at: Int(list[index]))) }
                }
            }
        } else if simple {
            total = high - low
            var position = high - 1 - query.offset
            while position >= low, runs.count < query.limit {
                runs.append(summary(at: position))
                position -= 1
            }
        } else {
            for position in (low..<high).reversed() where matches(position) {
                total += 1
                if total > query.offset, runs.count < query.limit { runs.append(summary(at: position)) }
            }
        }
        let more = query.offset + runs.count < total
        return RunPage(runs: runs, total: total, nextCursor: more ? runs.last?.id : nil)
    }

    private enum Filter { case workflow, status, trigger }

    /// The part of an ascending list of positions within [low, high).
    private static func cut(_ list: [Int32], _ low: Int, _ high: Int) -> ArraySlice<Int32> {
        func bound(_ value: Int) -> Int {
            var lo = 0
            var hi = list.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(list[mid]) < value { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let start = bound(low)
        return list[start..<max(start, bound(high))]
    }

    /// The first position whose id is not less than `id`.
    private func lowerBound(_ id: String) -> Int { partitionPoint { $0.id >= id } }

    /// The first position created at or after `date` (while ``timeOrdered``).
    private func firstCreated(atOrAfter date: Date) -> Int { partitionPoint { $0.createdAt >= date } }

    /// The first position where `isAtOrAfter` holds, for a predicate that is false and then
    /// true along ``entries`` (a binary search).
    private func partitionPoint(_ isAtOrAfter: (Entry) -> Bool) -> Int {
        var lo = 0
        var hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAtOrAfter(entries[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    // MARK: - Upkeep

    private mutating func entry(for summary: RunSummary) -> Entry {
        let workflow = workflows.number(summary.workflowID)
        let trigger = triggers.number(summary.trigger)
        while byWorkflow.count < workflows.names.count { byWorkflow.append([]) }
        while byTrigger.count < triggers.names.count { byTrigger.append([]) }
        return Entry(id: summary.id, workflow: workflow, trigger: trigger, status: summary.status,
                     createdAt: summary.createdAt, completedAt: summary.completedAt)
    }

    private mutating func replace(at position: Int, with summary: RunSummary) {
        let old = entries[position]
        let new = entry(for: summary)
        entries[position] = new
        let at = Int32(position)
        if old.status != new.status {
            Self.remove(at, from: &byStatus[old.status.number])
            Self.insert(at, into: &byStatus[new.status.number])
        }
        if old.workflow != new.workflow {
            Self.remove(at, from: &byWorkflow[Int(old.workflow)])
            Self.insert(at, into: &byWorkflow[Int(new.workflow)])
        }
        if old.trigger != new.trigger {
            Self.remove(at, from: &byTrigger[Int(old.trigger)])
            Self.insert(at, into: &byTrigger[Int(new.trigger)])
        }
        if old.createdAt != new.createdAt {
            if position > 0, entries[position - 1].createdAt > new.createdAt { timeOrdered = false }
            if position + 1 < entries.count, entries[position + 1].createdAt < new.createdAt { timeOrdered = false }
        }
    }

    /// Rebuilds the posting lists from the entries (after positions moved).
    private mutating func reindex() {
        byWorkflow = Array(repeating: [], count: workflows.names.count)
        byTrigger = Array(repeating: [], count: triggers.names.count)
        byStatus = Array(repeating: [], count: RunStatus.allCases.count)
        timeOrdered = true
        var previous: Date?
        for (position, entry) in entries.enumerated() {
            let at = Int32(position)
            byWorkflow[Int(entry.workflow)].append(at)
            byTrigger[Int(entry.trigger)].append(at)
            byStatus[entry.status.number].append(at)
            if let previous, previous > entry.createdAt { timeOrdered = false }
            previous = entry.createdAt
        }
    }

    private static func position(of value: Int32, in list: [Int32]) -> Int {
        var lo = 0
        var hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Adds one to every position from `start` on.
    private static func shift(_ list: inout [Int32], from start: Int32) {
        var index = position(of: start, in: list)
        while index < list.count {
            list[index] += 1
            index += 1
        }
    }

    private static func remove(_ value: Int32, from list: inout [Int32]) {
        let at = position(of: value, in: list)
        if at < list.count, list[at] == value { list.remove(at: at) }
    }

    private static func insert(_ value: Int32, into list: inout [Int32]) {
        list.insert(value, at: position(of: value, in: list))
    }

    /// Strings numbered in the order they were first seen.
    struct Names: Sendable {
        private(set) var names: [String] = []
        private(set) var numbers: [String: Int32] = [:]

        mutating func number(_ name: String) -> Int32 {
            if let number = numbers[name] { return number }
            let number = Int32(names.count)
            names.append(name)
            numbers[name] = number
            return number
        }
    }
}

extension RunStatus {
    /// The status's place in `allCases` (the index's and the index file's number for it).
    var number: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
