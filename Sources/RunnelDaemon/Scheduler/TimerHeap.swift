import Foundation

/// Every schedule's next due time in one binary min-heap: the scheduler sleeps until the top
/// and pops what is due, whatever the number of schedules. Entries are replaced lazily: an
/// entry whose generation is no longer its key's current one is dropped when it surfaces.
struct TimerHeap: Sendable {
    private struct Entry: Sendable {
        var due: Date
        var key: ScheduleKey
        var generation: Int
    }

    private var entries: [Entry] = []
    private var generations: [ScheduleKey: Int] = [:]
    private var nextGeneration = 0

    /// Sets (or replaces) the due time of `key`.
    mutating func set(_ key: ScheduleKey, due: Date) {
        nextGeneration += 1
        generations[key] = nextGeneration
        push(Entry(due: due, key: key, generation: nextGeneration))
    }

    /// Forgets `key`.
    mutating func remove(_ key: ScheduleKey) {
        generations[key] = nil
    }

    /// The earliest due time of a live entry.
    mutating func earliest() -> Date? {
        dropStale()
        return entries.first?.due
    }

    /// Removes and returns the keys due at or before `now`, earliest first.
    mutating func popDue(now: Date) -> [ScheduleKey] {
        var due: [ScheduleKey] = []
        while true {
            dropStale()
            guard let top = entries.first, top.due <= now else { return due }
            pop()
            generations[top.key] = nil
            due.append(top.key)
        }
    }

    private mutating func dropStale() {
        while let top = entries.first, generations[top.key] != top.generation { pop() }
    }

    private mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(entries[child], entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func pop() {
        guard !entries.isEmpty else { return }
        entries.swapAt(0, entries.count - 1)
        entries.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < entries.count, Self.before(entries[left], entries[smallest]) { smallest = left }
            if right < entries.count, Self.before(entries[right], entries[smallest]) { smallest = right }
            guard smallest != parent else { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }

    private static func before(_ a: Entry, _ b: Entry) -> Bool {
        a.due != b.due ? a.due < b.due : a.key < b.key
    }
}
