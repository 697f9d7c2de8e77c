/// A unified diff of two texts, line by line (Myers' O(ND) algorithm), as `diff -u` prints it.
public enum TextDiff {
    /// One line of an edit script.
    enum Edit: Equatable {
        /// Each case carries the old and new line positions where it happens.
        case same(Int, Int)
        case delete(Int, Int)
        case insert(Int, Int)

        var x: Int { switch self { case .same(let x, _), .delete(let x, _), .insert(let x, _): x } }
        var y: Int { switch self { case .same(_, let y), .delete(_, let y), .insert(_, let y): y } }
    }

    /// The unified diff from `old` to `new`; empty when they are equal.
    /// - Parameters:
    ///   - oldName: The `---` header's name.
    ///   - newName: The `+++` header's name.
    ///   - context: Unchanged lines shown around each change.
    public static func unified(_ old: String, _ new: String, oldName: String = "a", newName: String = "b", context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let edits = script(a, b)
        guard edits.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        var i = 0
        while i < edits.count {
            // Find the next change, then extend the hunk while changes are close.
            guard let start = edits[i...].firstIndex(where: { if case .same = $0 { false } else { true } }) else { break }
            var end = start
            var j = start
            while j < edits.count {
                if case .same = edits[j] {
                    let run = edits[j...].prefix { if case .same = $0 { true } else { false } }.count
                    if j + run >= edits.count || run > 2 * context { break }
                    j += run
                } else {
                    end = j
                    j += 1
                }
            }
            let hunkStart = max(i, start - context), hunkEnd = min(edits.count - 1, end + context)
            out += hunk(edits[hunkStart...hunkEnd], a, b)
            i = hunkEnd + 1
        }
        return out
    }

    private static func hunk(_ edits: ArraySlice<Edit>, _ a: [Substring], _ b: [Substring]) -> String {
        guard let first = edits.first else { return "" }
        var oldCount = 0, newCount = 0
        var body = ""
        for edit in edits {
            switch edit {
            case .same(let x, _):
                oldCount += 1; newCount += 1
                body += " " + a[x] + "\n"
            case .delete(let x, _):
                oldCount += 1
                body += "-" + a[x] + "\n"
            case .insert(_, let y):
                newCount += 1
                body += "+" + b[y] + "\n"
            }
        }
        // A side with no line in the hunk is named by the line before it, as diff -u does.
        func range(_ start: Int, _ count: Int) -> String {
            count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
        }
        return "@@ -\(range(first.x, oldCount)) +\(range(first.y, newCount)) @@\n" + body
    }

    static func lines(_ text: String) -> [Substring] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// Beyond this many differences the middle part is shown as replaced wholesale, so a
    /// diff of two unrelated large files stays fast and small in memory.
    static let maxDifferences = 4000

    /// The shortest edit script from `a` to `b` (Myers 1986, greedy forward search), after
    /// taking off the common prefix and suffix.
    static func script(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var edits = (0..<prefix).map { Edit.same($0, $0) }
        let middleA = a[prefix..<(a.count - suffix)], middleB = b[prefix..<(b.count - suffix)]
        if let middle = myers(middleA, middleB) {
            edits += middle
        } else {
            edits += middleA.indices.map { Edit.delete($0, middleB.startIndex) }
            edits += middleB.indices.map { Edit.insert(middleA.endIndex, $0) }
        }
        edits += (0..<suffix).map { Edit.same(a.count - suffix + $0, b.count - suffix + $0) }
        return edits
    }

    /// Myers' algorithm on two slices (edits carry the slices' own indices); `nil` when the
    /// texts differ in more than ``maxDifferences`` lines.
    private static func myers(_ a: ArraySlice<Substring>, _ b: ArraySlice<Substring>) -> [Edit]? {
        let n = a.count, m = b.count
        let max = n + m
        if max == 0 { return [] }
        let a0 = a.startIndex, b0 = b.startIndex
        let limit = Swift.min(max, maxDifferences)
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        let offset = limit + 1
        var done = false
        outer: for d in 0...limit {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[a0 + x] == b[b0 + y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m { trace.append(v); done = true; break outer }
            }
        }
        guard done else { return nil }
        // Walk back through the trace.
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 2, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : v[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1; y -= 1
                edits.append(.same(a0 + x, b0 + y))
            }
            if d > 0 {
                if x == previousX { y -= 1; edits.append(.insert(a0 + x, b0 + y)) } else { x -= 1; edits.append(.delete(a0 + x, b0 + y)) }
            }
            x = previousX; y = previousY
        }
        while x > 0, y > 0 { x -= 1; y -= 1; edits.append(.same(a0 + x, b0 + y)) }
        return edits.reversed()
    }
}
