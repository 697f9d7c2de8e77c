import Testing

@testable import RunnelCore

@Suite struct JSONPatchTests {
    func ops(_ patch: JSONPatch) -> [String] {
        patch.operations.map { op in
            [op.op.rawValue, op.from.map { "\($0) ->" }, op.path, op.value?.serialized()].compactMap { $0 }.joined(separator: " ")
        }
    }

    func step(_ id: String, _ extra: JSONValue = .null) -> JSONValue {
        var members: [String: JSONValue] = ["id": .string(id), "type": "wait"]
        if extra != .null { members["config"] = extra }
        return .object(members)
    }

    @Test func pointersEscapeTildeAndSlash() throws {
        #expect(JSONPointer.make(["a/b", "m~n", ""]) == "/a~1b/m~0n/")
        #expect(JSONPointer.tokens("/a~1b/m~0n/") == ["a/b", "m~n", ""])
        #expect(JSONPointer.tokens("/~01") == ["~1"], "~01 is '~' then '1', not '/'")
        #expect(JSONPointer.tokens("") == [])
        #expect(JSONPointer.tokens("a") == nil)
        #expect(JSONPointer.tokens("/a~2") == nil)
        let old: JSONValue = ["env": ["a/b": 1, "m~n": 2]]
        let new: JSONValue = ["env": ["a/b": 3, "m~n": 2, "x": 1]]
        let patch = JSONPatch.diff(from: old, to: new)
        #expect(ops(patch) == ["replace /env/a~1b 3", "add /env/x 1"])
        #expect(try patch.apply(to: old) == new)
    }

    @Test func objectMembersAreVisitedInSortedOrder() throws {
        let old: JSONValue = ["b": 1, "a": 1, "c": ["x": true]]
        let new: JSONValue = ["a": 2, "c": ["x": false], "d": "new"]
        #expect(ops(JSONPatch.diff(from: old, to: new)) == ["replace /a 2", "remove /b", "replace /c/x false", "add /d \"new\""])
    }

    @Test func aMovedStepIsOneMove() throws {
        let old: JSONValue = ["steps": [step("a"), step("b"), step("c"), step("d")]]
        let new: JSONValue = ["steps": [step("b"), step("c"), step("d"), step("a")]]
        let patch = JSONPatch.diff(from: old, to: new)
        #expect(ops(patch) == ["move /steps/0 -> /steps/3"])
        #expect(try patch.apply(to: old) == new)
        let back = JSONPatch.diff(from: new, to: old)
        #expect(ops(back) == ["move /steps/3 -> /steps/0"])
    }

    @Test func stepsAreMatchedByIDForAddsRemovesAndEdits() throws {
        let old: JSONValue = ["steps": [step("fetch"), step("parse"), step("notify")]]
        let new: JSONValue = ["steps": [step("fetch", ["url": "x"]), step("store"), step("notify")]]
        let patch = JSONPatch.diff(from: old, to: new)
        #expect(ops(patch) == [
            "remove /steps/1",
            "add /steps/1 {\"id\":\"store\",\"type\":\"wait\"}",
            "add /steps/0/config {\"url\":\"x\"}",
        ])
        #expect(try patch.apply(to: old) == new)
    }

    @Test func applyFollowsRFC6902() throws {
        let doc: JSONValue = ["foo": ["bar", "baz"], "q": ["r": 1]]
        let patch = try JSONPatch(json: [
            ["op": "add", "path": "/foo/1", "value": "qux"],
            ["op": "test", "path": "/foo/2", "value": "baz"],
            ["op": "copy", "from": "/q", "path": "/copy"],
            ["op": "move", "from": "/q/r", "path": "/moved"],
            ["op": "add", "path": "/foo/-", "value": "end"],
            ["op": "replace", "path": "/copy/r", "value": 2],
        ])
        #expect(try patch.apply(to: doc) == ["foo": ["bar", "qux", "baz", "end"], "q": [:], "copy": ["r": 2], "moved": 1])
        for bad: JSONValue in [
            [["op": "remove", "path": "/missing"]], [["op": "add", "path": "/foo/9", "value": 1]],
            [["op": "test", "path": "/q/r", "value": 2]], [["op": "move", "from": "/q", "path": "/q/inner"]],
            [["op": "add", "path": "/foo/01", "value": 1]],
        ] {
            #expect(throws: JSONPatchError.self) { try JSONPatch(json: bad).apply(to: doc) }
        }
        #expect(throws: JSONPatchError.self) { try JSONPatch(json: [["op": "nope", "path": ""]]) }
    }

    @Test func insertingIntoAPlainArrayIsOneAdd() throws {
        let old: JSONValue = ["tags": ["b", "c", "d"]]
        let new: JSONValue = ["tags": ["a", "b", "c", "d"]]
        #expect(ops(JSONPatch.diff(from: old, to: new)) == ["add /tags/0 \"a\""])
        #expect(ops(JSONPatch.diff(from: new, to: old)) == ["remove /tags/0"])
        let edited: JSONValue = ["tags": ["b", "x", "d"]]
        #expect(ops(JSONPatch.diff(from: old, to: edited)) == ["replace /tags/1 \"x\""])
    }

    @Test func theRootCanBeReplaced() throws {
        let patch = JSONPatch.diff(from: ["a": 1], to: [1, 2])
        #expect(ops(patch) == ["replace  [1,2]"])
        #expect(try patch.apply(to: ["a": 1]) == [1, 2])
    }

    /// Property: for random pairs of documents reached by random edits, applying the patch
    /// to the old one gives exactly the new one.
    @Test func applyingTheDiffGivesTheNewDocument() throws {
        var random = SplitMix(seed: 0x5EED)
        var document = RandomWorkflow.make(&random)
        for round in 0..<3000 {
            let next = RandomWorkflow.edit(document, &random)
            let patch = JSONPatch.diff(from: document, to: next)
            let applied = try patch.apply(to: document)
            #expect(applied == next, "round \(round): \(patch.json.serialized())")
            if applied != next { return }
            // The patch survives a JSON round trip.
            #expect(try JSONPatch(json: patch.json) == patch)
            if round % 7 == 0 {
                let far = RandomWorkflow.make(&random)
                #expect(try JSONPatch.diff(from: next, to: far).apply(to: next) == far)
            }
            document = next
        }
    }

    @Test func movingOneStepAnywhereIsOneMove() throws {
        var random = SplitMix(seed: 42)
        for _ in 0..<300 {
            let count = Int(random.next() % 8) + 2
            let ids = (0..<count).map { "s\($0)" }
            var moved = ids
            let from = Int(random.next() % UInt64(count)), to = Int(random.next() % UInt64(count))
            let item = moved.remove(at: from)
            moved.insert(item, at: to)
            let old: JSONValue = ["steps": .array(ids.map { step($0) })]
            let new: JSONValue = ["steps": .array(moved.map { step($0) })]
            let patch = JSONPatch.diff(from: old, to: new)
            #expect(patch.operations.count == (from == to ? 0 : 1), "\(ids) -> \(moved): \(ops(patch))")
            #expect(try patch.apply(to: old) == new)
        }
    }
}

/// A small deterministic generator (tests must not depend on the system's randomness).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}

/// Random workflow-shaped JSON and random edits of it.
enum RandomWorkflow {
    static let keys = ["name", "description", "tags", "env", "timeout", "on", "a/b", "m~n", ""]

    static func scalar(_ r: inout SplitMix) -> JSONValue {
        switch r.below(5) {
        case 0: .null
        case 1: .bool(r.below(2) == 0)
        case 2: .number(Double(r.below(1000)) / 4)
        case 3: .string("s\(r.below(20))")
        default: .string(["", "~", "/", "a/b~c", "ünï"][r.below(5)])
        }
    }

    static func value(_ r: inout SplitMix, depth: Int) -> JSONValue {
        guard depth > 0 else { return scalar(&r) }
        switch r.below(4) {
        case 0: return .array((0..<r.below(4)).map { _ in value(&r, depth: depth - 1) })
        case 1: return .object(Dictionary((0..<r.below(4)).map { _ in (keys[r.below(keys.count)], value(&r, depth: depth - 1)) }, uniquingKeysWith: { a, _ in a }))
        default: return scalar(&r)
        }
    }

    static func step(_ id: String, _ r: inout SplitMix) -> JSONValue {
        var members: [String: JSONValue] = ["id": .string(id), "type": .string(["wait", "script", "http_request"][r.below(3)])]
        if r.below(2) == 0 { members["config"] = value(&r, depth: 2) }
        if r.below(3) == 0 { members["depends_on"] = .array([.string("s\(r.below(10))")]) }
        return .object(members)
    }

    static func make(_ r: inout SplitMix) -> JSONValue {
        var members: [String: JSONValue] = ["name": .string("W\(r.below(100))")]
        for _ in 0..<r.below(4) { members[keys[r.below(keys.count)]] = value(&r, depth: 3) }
        let ids = Array(Set((0..<(r.below(6) + 1)).map { _ in "s\(r.below(12))" })).sorted()
        members["steps"] = .array(ids.map { step($0, &r) })
        return .object(members)
    }

    static func edit(_ document: JSONValue, _ r: inout SplitMix) -> JSONValue {
        guard case .object(var members) = document else { return make(&r) }
        var steps = members["steps"]?.arrayValue ?? []
        for _ in 0..<(r.below(3) + 1) {
            switch r.below(7) {
            case 0:  // add a step with a fresh id
                let taken = Set(steps.compactMap { $0["id"]?.stringValue })
                if let id = (0..<40).map({ "s\($0)" }).first(where: { !taken.contains($0) }) {
                    steps.insert(step(id, &r), at: r.below(steps.count + 1))
                }
            case 1: if steps.count > 1 { steps.remove(at: r.below(steps.count)) }
            case 2:  // move a step
                if !steps.isEmpty { let s = steps.remove(at: r.below(steps.count)); steps.insert(s, at: r.below(steps.count + 1)) }
            case 3:  // edit a step
                if !steps.isEmpty, let id = steps[r.below(steps.count)]["id"]?.stringValue, let i = steps.firstIndex(where: { $0["id"]?.stringValue == id }) {
                    steps[i] = step(id, &r)
                }
            case 4: members[keys[r.below(keys.count)]] = value(&r, depth: 3)
            case 5: members[keys[r.below(keys.count)]] = nil
            default: steps.shuffle(using: &r)
            }
        }
        members["steps"] = .array(steps)
        return .object(members)
    }
}

extension SplitMix: RandomNumberGenerator {}
