/// A bounded set of run records by id; the oldest inserted is dropped first.
struct RecentRecords {
    let capacity: Int
    private var records: [String: RunRecord] = [:]
    private var order: [String] = []
    private var head = 0

    init(capacity: Int) { self.capacity = capacity }

    subscript(id: String) -> RunRecord? { records[id] }

    mutating func insert(_ record: RunRecord) {
        if records.updateValue(record, forKey: record.id) != nil { return }
        order.append(record.id)
        while records.count > capacity, head < order.count {
            records[order[head]] = nil
            head += 1
        }
        // Forget evicted and removed ids once they outnumber the live ones.
        if order.count - head > 2 * capacity || head > capacity {
            order = order[head...].filter { records[$0] != nil }
            head = 0
        }
    }

    mutating func remove(_ id: String) {
        records[id] = nil
    }
}
