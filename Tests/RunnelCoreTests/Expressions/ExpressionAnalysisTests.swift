import Testing
@testable import RunnelCore

@Suite struct ExpressionAnalysisTests {
    private func references(_ source: String) throws -> [ExpressionReference] {
        try Expression(parsing: source).references
    }

    private func calls(_ source: String) throws -> [ExpressionFunctionCall] {
        try Expression(parsing: source).functionCalls
    }

    @Test func referencesInSourceOrderWithOffsets() throws {
        #expect(
            try references("steps.fetch.output.status_code == 200 && inputs.limit > 1") == [
                ExpressionReference(context: "steps", path: ["fetch", "output", "status_code"], offset: 0),
                ExpressionReference(context: "inputs", path: ["limit"], offset: 41),
            ])
    }

    @Test(arguments: [
        ("inputs", "inputs", [String]()),
        ("steps['my-step'].output[0].x", "steps", ["my-step", "output"]),
        ("steps.my-step.status", "steps", ["my-step", "status"]),
        ("steps.*.status", "steps", []),
        ("steps.a[*].b", "steps", ["a"]),
        ("(inputs).limit", "inputs", ["limit"]),
        ("inputs.true.null", "inputs", ["true", "null"]),
        ("!Event.Payload", "Event", ["Payload"]),
    ])
    func staticPathStopsAtTheFirstDynamicStep(_ source: String, _ context: String, _ path: [String]) throws {
        let found = try references(source)
        #expect(found.count == 1)
        #expect(found.first?.context == context)
        #expect(found.first?.path == path)
    }

    @Test func referencesInsideIndexesAndArguments() throws {
        #expect(
            try references("inputs[inputs.key].x") == [
                ExpressionReference(context: "inputs", path: [], offset: 0),
                ExpressionReference(context: "inputs", path: ["key"], offset: 7),
            ])
        #expect(
            try references("format('{0}', loop.item.name, secrets.TOKEN)") == [
                ExpressionReference(context: "loop", path: ["item", "name"], offset: 14),
                ExpressionReference(context: "secrets", path: ["TOKEN"], offset: 30),
            ])
        #expect(
            try references("fromJSON(env.DATA).a.b") == [ExpressionReference(context: "env", path: ["DATA"], offset: 9)])
        #expect(try references("'inputs.x' == 1 && toJSON(null)") == [])
        #expect(
            try references("a.b[c.d[e]].f") == [
                ExpressionReference(context: "a", path: ["b"], offset: 0),
                ExpressionReference(context: "c", path: ["d"], offset: 4),
                ExpressionReference(context: "e", path: [], offset: 8),
            ])
    }

    @Test func functionCallsWithArgumentCountsAndOffsets() throws {
        #expect(
            try calls("success() && contains(github.ref, 'x')") == [
                ExpressionFunctionCall(name: "success", argumentCount: 0, offset: 0),
                ExpressionFunctionCall(name: "contains", argumentCount: 2, offset: 13),
            ])
        #expect(
            try calls("format('{0}', join(inputs.list))") == [
                ExpressionFunctionCall(name: "format", argumentCount: 2, offset: 0),
                ExpressionFunctionCall(name: "join", argumentCount: 1, offset: 14),
            ])
        #expect(
            try calls("inputs[toJSON(1)] || !FromJson('1').a") == [
                ExpressionFunctionCall(name: "toJSON", argumentCount: 1, offset: 7),
                ExpressionFunctionCall(name: "FromJson", argumentCount: 1, offset: 22),
            ])
        #expect(try calls("inputs.a == 1") == [])
    }

    @Test func unknownFunctionsParseSoThatAValidatorCanReportThem() throws {
        #expect(try calls("Foo(1, 2, 3)") == [ExpressionFunctionCall(name: "Foo", argumentCount: 3, offset: 0)])
        #expect(try calls("contains('a')") == [ExpressionFunctionCall(name: "contains", argumentCount: 1, offset: 0)])
        #expect(Expression.functions["foo"] == nil)
    }
}
