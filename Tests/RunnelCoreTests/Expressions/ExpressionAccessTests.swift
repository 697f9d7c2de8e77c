import Testing
@testable import RunnelCore

@Suite struct ExpressionAccessTests {
    @Test(arguments: [
        ("inputs.limit", JSONValue.number(10)),
        ("inputs['limit']", 10),
        ("inputs[inputs.key]", 10),
        ("inputs[format('li{0}', 'mit')]", 10),
        ("inputs.list[1]", 2),
        ("inputs.list[1.7]", 2),
        ("inputs.list['1']", 2),
        ("inputs.list[5]", nil),
        ("inputs.list[-1]", nil),
        ("inputs.list['x']", nil),
        ("inputs.list.length", nil),
        ("inputs.obj.a", 1),
        ("inputs.obj[0]", nil),
        ("fromJSON('{\"1\":\"one\"}')[1]", "one"),
        ("fromJSON('{\"true\":\"yes\"}')[true]", "yes"),
        ("fromJSON('[\"a\",\"b\"]')[true]", "b"),
        ("steps.fetch.output.status_code", 200),
        ("steps.my-step.status", "failed"),
        ("steps['my-step'].output", "x"),
        ("loop.item.id", 7),
        ("loop.index", 2),
        ("(inputs).limit", 10),
        ("(inputs.obj)['a']", 1),
    ])
    func propertiesAndIndexes(_ source: String, _ expected: JSONValue) throws {
        #expect(try evaluate(source) == expected)
    }

    /// A missing property, index or context, or any access on a non-container, gives null.
    @Test(arguments: [
        "inputs.missing",
        "inputs.missing.deeper.still",
        "inputs.missing[0]",
        "nosuch",
        "nosuch.thing",
        "inputs.name.length",
        "inputs.limit.value",
        "inputs.flag[0]",
        "fromJSON('null').a",
    ])
    func missingGivesNull(_ source: String) throws {
        #expect(try evaluate(source) == .null)
    }

    @Test func propertyNamesMatchIgnoringCaseAfterAnExactMatch() throws {
        #expect(try evaluate("event.payload.SOURCE") == "web")
        #expect(try evaluate("event.payload.mixed") == "yes")
        #expect(try evaluate("INPUTS.Limit") == 10)
        let contexts: [String: JSONValue] = ["x": ["key": 1, "KEY": 2, "Key": 3]]
        #expect(try evaluate("x.KEY", contexts: contexts) == 2)
        #expect(try evaluate("x.key", contexts: contexts) == 1)
        // No exact match: the smallest key in code-point order among the case variants wins.
        #expect(try evaluate("x.kEY", contexts: contexts) == 2)
    }

    @Test(arguments: [
        ("steps.fetch.output.body.items.*.name", JSONValue.array(["a", "b", "c"])),
        ("steps.fetch.output.body.items.*.id", [1, 2]),  // elements without the property are skipped
        ("steps.fetch.output.body.items[*].id", [1, 2]),
        ("steps.*.status", ["completed", "failed"]),  // object members in key order
        ("inputs.list.*", [1, 2, 3]),
        ("inputs.obj.*", [1]),
        ("inputs.name.*", []),
        ("inputs.missing.*.x", []),
        ("fromJSON('[[1,2],[3]]').*[0]", [1, 3]),
        ("fromJSON('[[1,2],[3]]').*[1]", [2]),
        ("fromJSON('[[1,2],[3]]').*.*", [1, 2, 3]),
        ("fromJSON('[{\"a\":{\"b\":1}},{\"a\":{\"b\":2}}]').*.a.b", [1, 2]),
        ("steps.fetch.output.body.items.*.name[0]", []),  // [0] applies to each string: nothing
        ("steps.*.output.status_code", [200]),
    ] as [(String, JSONValue)])
    func objectFilter(_ source: String, _ expected: JSONValue) throws {
        #expect(try evaluate(source) == expected)
    }

    @Test func filterResultsWorkWithFunctionsAndOperators() throws {
        #expect(try evaluate("contains(steps.*.status, 'FAILED')") == true)
        #expect(try evaluate("join(steps.fetch.output.body.items.*.name, '-')") == "a-b-c")
        #expect(try evaluate("toJSON(inputs.list.*)") == "[\n  1,\n  2,\n  3\n]")
        #expect(try evaluate("steps.*.status == fromJSON('[\"completed\",\"failed\"]')") == true)
    }
}
