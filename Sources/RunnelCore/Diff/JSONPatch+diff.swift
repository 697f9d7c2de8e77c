extension JSONPatch {
    /// The patch that turns `old` into `new`, in a deterministic order.
    ///
    /// Object members are visited in sorted key order. Arrays whose elements are all
    /// objects with a unique string `id` (steps, triggers) are matched by id: a removed
    /// element is one `remove`, an added one one `add`, a moved one one `move`, and edits
    /// inside an element are patched in place. Other arrays are compared by position.
    public static func diff(from old: JSONValue, to new: JSONValue) -> JSONPatch {
        var operations: [Operation] = []
        diff(old, new, at: [], into: &operations)
        return JSONPatch(operations)
    }

    private static func diff(_ old: JSONValue, _ new: JSONValue, at path: [String], into ops: inout [Operation]) {
        if old == new { return }
        switch (old, new) {
        case (.object(let a), .object(let b)):
            for key in Set(a.keys).union(b.keys).sorted() {
                switch (a[key], b[key]) {
                case (let x?, let y?): diff(x, y, at: path + [key], into: &ops)
                case (_?, nil): ops.append(Operation(.remove, path: JSONPointer.make(path + [key])))
                case (nil, let y?): ops.append(Operation(.add, path: JSONPointer.make(path + [key]), value: y))
                case (nil, nil): break
                }
            }
        case (.array(let a), .array(let b)):
            if let ids = keyedIDs(a, b) {
                diffKeyed(a, b, ids: ids, at: path, into: &ops)
            } else {
                diffPositional(a, b, at: path, into: &ops)
            }
        default:
            ops.append(Operation(.replace, path: JSONPointer.make(path), value: new))
        }
    }

    /// The ids of both arrays when every element of each is an object with a unique string `id`.
    private static func keyedIDs(_ a: [JSONValue], _ b: [JSONValue]) -> (old: [String], new: [String])? {
        func ids(_ items: [JSONValue]) -> [String]? {
            let ids = items.compactMap { $0["id"]?.stringValue }
            return ids.count == items.count && Set(ids).count == ids.count ? ids : nil
        }
        guard !a.isEmpty, !b.isEmpty, let old = ids(a), let new = ids(b) else { return nil }
        return (old, new)
    }

    /// Arrays of the same length are patched element by element; otherwise the elements
    /// off a longest common subsequence are removed (from the end) and added (from the
    /// start), so inserting one tag is one `add`, not a cascade of replaces.
    private static func diffPositional(_ a: [JSONValue], _ b: [JSONValue], at path: [String], into ops: inout [Operation]) {
        if a.count == b.count || a.count * b.count > 250_000 {
            let common = min(a.count, b.count)
            for i in 0..<common { diff(a[i], b[i], at: path + [String(i)], into: &ops) }
            if b.count > common {
                for i in common..<b.count { ops.append(Operation(.add, path: JSONPointer.make(path + [String(i)]), value: b[i])) }
            }
            if a.count > common {
                for i in (common..<a.count).reversed() { ops.append(Operation(.remove, path: JSONPointer.make(path + [String(i)]))) }
            }
            return
        }
        let (keptOld, keptNew) = commonSubsequence(a, b)
        for i in a.indices.reversed() where !keptOld.contains(i) {
            ops.append(Operation(.remove, path: JSONPointer.make(path + [String(i)])))
        }
        for j in b.indices where !keptNew.contains(j) {
            ops.append(Operation(.add, path: JSONPointer.make(path + [String(j)]), value: b[j]))
        }
    }

    /// The indices of a longest common subsequence of equal elements, in each array.
    private static func commonSubsequence(_ a: [JSONValue], _ b: [JSONValue]) -> (Set<Int>, Set<Int>) {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var keptOld: Set<Int> = [], keptNew: Set<Int> = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                keptOld.insert(i); keptNew.insert(j); i += 1; j += 1
            } else if table[i + 1][j] >= table[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return (keptOld, keptNew)
    }

    /// Removes (from the end), then moves and adds in the new order, then edits in place.
    /// Elements on a longest run that keeps its relative order stay where they are; every
    /// other surviving element is moved once, to just after its new predecessor.
    private static func diffKeyed(_ a: [JSONValue], _ b: [JSONValue], ids: (old: [String], new: [String]),
                                  at path: [String], into ops: inout [Operation]) {
        let newSet = Set(ids.new)
        var current: [String] = []
        for (i, id) in ids.old.enumerated().reversed() where !newSet.contains(id) {
            ops.append(Operation(.remove, path: JSONPointer.make(path + [String(i)])))
        }
        current = ids.old.filter { newSet.contains($0) }
        let oldByID = Dictionary(uniqueKeysWithValues: zip(ids.old, a))
        let position = Dictionary(uniqueKeysWithValues: current.enumerated().map { ($1, $0) })
        let stayers = longestIncreasingRun(ids.new.compactMap { id in position[id].map { (id, $0) } })
        for (j, id) in ids.new.enumerated() {
            if stayers.contains(id) { continue }
            let target = j == 0 ? 0 : (current.firstIndex(of: ids.new[j - 1]) ?? -1) + 1
            if let from = current.firstIndex(of: id) {
                current.remove(at: from)
                let to = j == 0 ? 0 : (current.firstIndex(of: ids.new[j - 1]) ?? -1) + 1
                current.insert(id, at: to)
                if from != to {
                    ops.append(Operation(.move, path: JSONPointer.make(path + [String(to)]), from: JSONPointer.make(path + [String(from)])))
                }
            } else {
                current.insert(id, at: target)
                ops.append(Operation(.add, path: JSONPointer.make(path + [String(target)]), value: b[j]))
            }
        }
        for (j, id) in ids.new.enumerated() {
            if let before = oldByID[id] { diff(before, b[j], at: path + [String(j)], into: &ops) }
        }
    }

    /// The ids on a longest subsequence with increasing positions (patience sorting).
    private static func longestIncreasingRun(_ items: [(id: String, position: Int)]) -> Set<String> {
        var tails: [Int] = []  // indices into items
        var previous = [Int](repeating: -1, count: items.count)
        for (i, item) in items.enumerated() {
            var low = 0, high = tails.count
            while low < high {
                let mid = (low + high) / 2
                if items[tails[mid]].position < item.position { low = mid + 1 } else { high = mid }
            }
            if low > 0 { previous[i] = tails[low - 1] }
            if low == tails.count { tails.append(i) } else { tails[low] = i }
        }
        var result: Set<String> = []
        var k = tails.last ?? -1
        while k >= 0 {
            result.insert(items[k].id)
            k = previous[k]
        }
        return result
    }
}
