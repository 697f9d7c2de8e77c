/// A bounded map of values by run id; the oldest inserted is dropped first.
struct RecentRuns<Value> {
    let capacity: Int
    private var records: [String: Value] = [:]
    private var order: [String] = []
    private var head = 0

    init(capacity: Int) { self.capacity = capacity }

    subscript(id: String) -> Value? { records[id] }

    mutating func insert(_ value: Value, for id: String) {
        if records.updateValue(value, forKey: id) != nil { return }
        order.append(id)
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
