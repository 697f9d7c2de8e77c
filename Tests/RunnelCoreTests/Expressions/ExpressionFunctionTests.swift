import Testing
@testable import RunnelCore

@Suite struct ExpressionFunctionTests {
    @Test(arguments: [
        ("contains('Hello World', 'WORLD')", true),
        ("contains('Hello World', 'lo w')", true),
        ("contains('abc', 'x')", false),
        ("contains('abc', '')", true),
        ("contains('123', 2)", true),
        ("contains('is true', true)", true),
        ("contains(null, '')", true),
        ("contains(inputs.list, 2)", true),
        ("contains(inputs.list, '2')", true),  // elements compare with ==, so with coercion
        ("contains(inputs.list, 4)", false),
        ("contains(fromJSON('[\"A\",\"b\"]'), 'a')", true),
        ("contains(fromJSON('[[1]]'), fromJSON('[1]'))", true),
        ("contains(fromJSON('[]'), null)", false),
        ("contains(inputs.obj, 'a')", false),  // objects contain nothing
        ("contains('a', inputs.list)", false),  // a non-primitive item is never a substring
        ("CONTAINS('ab', 'B')", true),  // function names are case-insensitive
    ])
    func contains(_ source: String, _ expected: Bool) throws {
        #expect(try evaluate(source) == .bool(expected))
    }

    @Test(arguments: [
        ("startsWith('Hello', 'he')", true),
        ("startsWith('Hello', 'lo')", false),
        ("startsWith('He', 'Hello')", false),
        ("startsWith('Hello', '')", true),
        ("startsWith(123, 12)", true),
        ("startsWith(true, 'TR')", true),
        ("startsWith(inputs.list, '[')", false),  // arrays and objects give false, as in GitHub
        ("startswith('ÉCOLE', 'é')", true),
        ("endsWith('Hello', 'LO')", true),
        ("endsWith('Hello', 'he')", false),
        ("endsWith('a', 'ba')", false),
        ("endsWith('file.YAML', '.yaml')", true),
        ("endsWith(2.5, '.5')", true),
        ("endsWith(inputs.obj, '}')", false),
        ("ENDSWITH('x', '')", true),
    ])
    func startsWithAndEndsWith(_ source: String, _ expected: Bool) throws {
        #expect(try evaluate(source) == .bool(expected))
    }

    @Test(arguments: [
        ("format('Hello {0} {1}', 'a', 1)", "Hello a 1"),
        ("format('{0}{0}', 'x')", "xx"),
        ("format('{1}-{0}', 'a', 'b')", "b-a"),
        ("format('{{0}}', 'x')", "{0}"),
        ("format('{{ {0} }}', 'x')", "{ x }"),
        ("format('}}{{')", "}{"),
        ("format('plain')", "plain"),
        ("format('{0}|{1}|{2}|{3}', null, true, 2.5, 1e21)", "|true|2.5|1e+21"),
        ("format('{0}', inputs.obj)", #"{"a":1}"#),
        ("format('{0}', inputs.list)", "[1,2,3]"),
        ("format('{0} é {1}', '😀', 'ü')", "😀 é ü"),
        ("format(42)", "42"),
        ("format('{10}', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 'ten')", "ten"),
    ])
    func format(_ source: String, _ expected: String) throws {
        #expect(try evaluate(source) == .string(expected))
    }

    @Test(arguments: [
        ("format('{0} {1}', 'a')", "format: placeholder {1} needs 2 arguments after the format string, but 1 argument was given", 0),
        ("format('{0}')", "format: placeholder {0} needs 1 arguments after the format string, but 0 arguments were given", 0),
        ("format('{x}', 1)", "format: invalid placeholder at position 0 of the format string: expected '{' followed by an argument number and '}' (write '{{' for a literal '{')", 0),
        ("format('ab {0', 1)", "format: invalid placeholder at position 3 of the format string: expected '{' followed by an argument number and '}' (write '{{' for a literal '{')", 0),
        ("format('{', 1)", "format: invalid placeholder at position 0 of the format string: expected '{' followed by an argument number and '}' (write '{{' for a literal '{')", 0),
        ("format('{0 }', 1)", "format: invalid placeholder at position 0 of the format string: expected '{' followed by an argument number and '}' (write '{{' for a literal '{')", 0),
        ("format('a}b')", "format: unescaped '}' at position 1 of the format string (write '}}' for a literal '}')", 0),
        ("x == Format('}')", "Format: unescaped '}' at position 0 of the format string (write '}}' for a literal '}')", 5),
    ])
    func formatErrors(_ source: String, _ message: String, _ offset: Int) throws {
        #expect(try evaluationError(source) == ExpressionError(message: message, offset: offset))
    }

    @Test(arguments: [
        ("join(inputs.list)", "1,2,3"),
        ("join(inputs.list, ' | ')", "1 | 2 | 3"),
        ("join(inputs.list, '')", "123"),
        ("join(inputs.list, 0)", "10203"),
        ("join(inputs.list, inputs.obj)", "1,2,3"),  // a non-primitive separator falls back to ','
        ("join('abc', '-')", "abc"),
        ("join(5)", "5"),
        ("join(null)", ""),
        ("join(fromJSON('[]'))", ""),
        ("join(fromJSON('[null, true, \"x\", [1], {\"k\":2}]'), ';')", #";true;x;[1];{"k":2}"#),
        ("join(inputs.obj)", ""),
    ])
    func join(_ source: String, _ expected: String) throws {
        #expect(try evaluate(source) == .string(expected))
    }

    @Test(arguments: [
        ("toJSON(inputs.obj)", "{\n  \"a\": 1\n}"),
        ("toJSON(fromJSON('[1,[2]]'))", "[\n  1,\n  [\n    2\n  ]\n]"),
        ("toJSON('x')", "\"x\""),
        ("toJSON('say \"hi\"')", #""say \"hi\"""#),
        ("toJSON(null)", "null"),
        ("toJSON(true)", "true"),
        ("toJSON(2.5)", "2.5"),
        ("toJSON(fromJSON('{}'))", "{}"),
        ("TOJSON(1)", "1"),
    ])
    func toJSON(_ source: String, _ expected: String) throws {
        #expect(try evaluate(source) == .string(expected))
    }

    @Test(arguments: [
        ("fromJSON('{\"a\":[1,true]}')", JSONValue.object(["a": [1, true]])),
        ("fromJSON(inputs.json).a[1]", true),
        ("fromJSON('42')", 42),
        ("fromJSON(' \"s\" ')", "s"),
        ("fromJSON('null')", nil),
        ("fromJSON(toJSON(inputs.obj)) == inputs.obj", true),
        ("fromJSON('[1,2]')[1]", 2),
        ("fromjson('true')", true),
    ])
    func fromJSON(_ source: String, _ expected: JSONValue) throws {
        #expect(try evaluate(source) == expected)
    }

    @Test(arguments: [
        ("fromJSON('{')", "fromJSON: invalid JSON: expected a string key at offset 1", 0),
        ("1 == fromJSON('')", "fromJSON: invalid JSON: unexpected end of input at offset 0", 5),
        ("FROMJSON('[1,]')", "FROMJSON: invalid JSON: unexpected character at offset 3", 0),
        ("fromJSON('tru')", "fromJSON: invalid JSON: invalid literal, expected 'true' at offset 3", 0),
    ])
    func fromJSONErrors(_ source: String, _ message: String, _ offset: Int) throws {
        #expect(try evaluationError(source) == ExpressionError(message: message, offset: offset))
    }

    @Test(arguments: [
        ("contains('a')", "contains: expects 2 arguments, got 1", 0),
        ("startsWith('a', 'b', 'c')", "startsWith: expects 2 arguments, got 3", 0),
        ("endsWith()", "endsWith: expects 2 arguments, got 0", 0),
        ("format()", "format: expects 1 to 255 arguments, got 0", 0),
        ("join()", "join: expects 1 to 2 arguments, got 0", 0),
        ("join(1, 2, 3)", "join: expects 1 to 2 arguments, got 3", 0),
        ("toJSON(1, 2)", "toJSON: expects 1 argument, got 2", 0),
        ("fromJSON()", "fromJSON: expects 1 argument, got 0", 0),
        ("true && success(1)", "success: expects 0 arguments, got 1", 8),
        ("failure(1)", "failure: expects 0 arguments, got 1", 0),
        ("always(1)", "always: expects 0 arguments, got 1", 0),
        ("cancelled(1)", "cancelled: expects 0 arguments, got 1", 0),
        ("foo(1)", "unknown function 'foo'", 0),
        ("inputs.x || bar()", "unknown function 'bar'", 12),
    ])
    func arityAndUnknownFunctions(_ source: String, _ message: String, _ offset: Int) throws {
        #expect(try evaluationError(source) == ExpressionError(message: message, offset: offset))
    }

    @Test func formatAcceptsItsMaximumArgumentCount() throws {
        let arguments = Array(repeating: "1", count: 254).joined(separator: ",")
        #expect(try evaluate("format('{253}', \(arguments))") == "1")
        let tooMany = Array(repeating: "1", count: 255).joined(separator: ",")
        #expect(try evaluationError("format('x', \(tooMany))")?.message == "format: expects 1 to 255 arguments, got 256")
    }

    @Test(arguments: [
        // (anyStepFailed, cancelled) → success, failure, always, cancelled
        (false, false, true, false, true, false),
        (true, false, false, true, true, false),
        (false, true, false, false, true, true),
        (true, true, false, true, true, true),
    ])
    func statusFunctions(
        failed: Bool, cancelled: Bool, success: Bool, failure: Bool, always: Bool, isCancelled: Bool
    ) throws {
        #expect(try evaluate("success()", failed: failed, cancelled: cancelled) == .bool(success))
        #expect(try evaluate("failure()", failed: failed, cancelled: cancelled) == .bool(failure))
        #expect(try evaluate("always()", failed: failed, cancelled: cancelled) == .bool(always))
        #expect(try evaluate("cancelled()", failed: failed, cancelled: cancelled) == .bool(isCancelled))
        #expect(try evaluate("Success()", failed: failed, cancelled: cancelled) == .bool(success))
    }

    @Test func functionTableListsEveryFunctionLowercased() {
        #expect(Set(Expression.functions.keys) == [
            "contains", "startswith", "endswith", "format", "join", "tojson", "fromjson", "success", "failure",
            "always", "cancelled",
        ])
        #expect(Expression.functions["join"] == 1...2)
        #expect(Expression.functions["success"] == 0...0)
    }
}
