import Testing
@testable import RunnelCore

@Suite struct ExpressionSyntaxTests {
    @Test(arguments: [
        ("null", JSONValue.null),
        ("true", true),
        ("false", false),
        ("42", 42),
        ("-42", -42),
        ("2.5", 2.5),
        ("2.5e3", 2500),
        ("1E-2", 0.01),
        ("1e+2", 100),
        ("0xff", 255),
        ("0xFF", 255),
        ("0o17", 15),
        (".5", 0.5),
        ("-.5", -0.5),
        ("+3", 3),
        ("Infinity", .number(.infinity)),
        ("'hello'", "hello"),
        ("'it''s'", "it's"),
        ("''''", "'"),
        ("''", ""),
        (#"'C:\new'"#, #"C:\new"#),
        ("'héllo wörld 😀'", "héllo wörld 😀"),
        ("'  spaced  '", "  spaced  "),
        ("  \n\t42\r\n ", 42),
    ])
    func literals(_ source: String, _ expected: JSONValue) throws {
        #expect(try evaluate(source) == expected)
    }

    @Test func nanLiteral() throws {
        let value = try evaluate("NaN")
        #expect(value.numberValue?.isNaN == true)
    }

    @Test(arguments: [
        ("- 5", JSONValue.number(-5)),
        ("-(2)", -2),
        ("-'3'", -3),
        ("-inputs.limit", -10),
        ("--1", 1),
        ("-null", 0),
        ("-true", -1),
    ])
    func unaryMinus(_ source: String, _ expected: JSONValue) throws {
        #expect(try evaluate(source) == expected)
    }

    /// Each case gives a different result if the two operators' precedence were swapped.
    @Test(arguments: [
        ("!2 == true", JSONValue.bool(false)),  // ! binds tighter than ==
        ("!0 > 2", false),  // ! binds tighter than >
        ("1 < 2 == true", true),  // < binds tighter than ==
        ("1 == 1 && 2", 2),  // == binds tighter than &&
        ("true || false && false", true),  // && binds tighter than ||
        ("false && false || 'x'", "x"),
        ("(true || false) && false", false),  // parentheses first
        ("3 > 2 > 1", false),  // left associative: (3 > 2) > 1 → 1 > 1
        ("!inputs.flag", false),  // . binds tighter than !
        ("!inputs.list[0]", false),  // [ ] binds tighter than !
        ("-inputs.list[2] < -2", true),  // unary - binds tighter than <
        ("!!'x'", true),
        ("0 && 1 || 'fallback'", "fallback"),
    ])
    func precedence(_ source: String, _ expected: JSONValue) throws {
        #expect(try evaluate(source) == expected)
    }

    @Test(arguments: [
        ("", "empty expression", 0),
        ("   ", "empty expression", 0),
        ("1 ==", "unexpected end of the expression, expected a value", 4),
        ("== 1", "unexpected token '==', expected a value", 0),
        ("a b", "unexpected token 'b', expected an operator or the end of the expression", 2),
        ("a == 1)", "unexpected token ')', expected an operator or the end of the expression", 6),
        (
            "format('a' 'b')",
            "expected ')' to close the call to 'format' (or ',' before another argument), found string 'b'", 11
        ),
        ("format('a', 1", "expected ')' to close the call to 'format' (or ',' before another argument), found end of the expression", 13),
        ("f(1,)", "unexpected token ')', expected a value", 4),
        ("(1", "expected ')' to close the '(' at offset 0, found end of the expression", 2),
        ("x && (1 2)", "expected ')' to close the '(' at offset 5, found token '2'", 8),
        ("a[1", "expected ']' to close the '[' at offset 1, found end of the expression", 3),
        ("a[]", "unexpected token ']', expected a value", 2),
        ("inputs.", "unexpected end of the expression, expected a property name or '*' after '.'", 7),
        ("inputs.5", "unexpected token '5', expected a property name or '*' after '.'", 7),
        ("inputs.'a'", "unexpected string 'a', expected a property name or '*' after '.'", 7),
        ("'a'.length", "unexpected token '.', expected an operator or the end of the expression", 3),
        ("1[0]", "unexpected token '[', expected an operator or the end of the expression", 1),
        ("'abc", "unterminated string literal", 0),
        ("x == 'it''s", "unterminated string literal", 5),
        ("a = b", "unexpected character '=', did you mean '=='?", 2),
        ("a & b", "unexpected character '&', did you mean '&&'?", 2),
        ("a | b", "unexpected character '|', did you mean '||'?", 2),
        ("\"x\"", "unexpected character '\"': strings are written in single quotes", 0),
        ("a + b", "unexpected character '+'", 2),
        ("a ~ b", "unexpected character '~'", 2),
        ("1.2.3", "invalid number literal '1.2.3'", 0),
        ("x == 12abc", "invalid number literal '12abc'", 5),
        ("0xZZ", "invalid number literal '0xZZ'", 0),
        ("1e", "invalid number literal '1e'", 0),
        ("1 -2", "unexpected token '-2', expected an operator or the end of the expression", 2),
        ("!", "unexpected end of the expression, expected a value", 1),
        ("inputs.*.", "unexpected end of the expression, expected a property name or '*' after '.'", 9),
    ])
    func syntaxErrors(_ source: String, _ message: String, _ offset: Int) {
        #expect(parseError(source) == ExpressionError(message: message, offset: offset))
    }

    @Test func offsetsCountUnicodeScalars() {
        // 'héllo' is 7 scalars but 8 UTF-8 bytes; the emoji is 1 scalar but 2 UTF-16 units.
        #expect(parseError("'héllo' == x y")?.offset == 13)
        #expect(parseError("'😀😀' == ")?.offset == 8)
        #expect(parseError("a é")?.message == "unexpected character 'é'")
        #expect(parseError("a é")?.offset == 2)
    }

    @Test func errorDescriptionNamesTheOffset() {
        #expect(parseError("== 1")?.description == "unexpected token '==', expected a value at offset 0")
    }

    @Test func longTokensAreShortenedInMessages() throws {
        let long = String(repeating: "a", count: 100)
        let error = try #require(parseError("x \(long)"))
        #expect(error.message == "unexpected token '\(String(repeating: "a", count: 32))…', expected an operator or the end of the expression")
        #expect(error.offset == 2)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let source = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(try evaluate(source) == 1)
        #expect(try evaluate(String(repeating: "!", count: 100) + "true") == true)
    }

    @Test(arguments: [
        (String(repeating: "(", count: 101) + "1" + String(repeating: ")", count: 101), 100),
        (String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000), 100),
        (String(repeating: "(", count: 10_000), 100),
        (String(repeating: "!", count: 10_000) + "true", 100),
        (String(repeating: "- ", count: 10_000) + "1", 200),
        (String(repeating: "f(", count: 5_000) + String(repeating: ")", count: 5_000), 201),
        (String(repeating: "a[", count: 5_000) + "1" + String(repeating: "]", count: 5_000), 201),
    ])
    func deepNestingIsAnErrorNotACrash(_ source: String, _ offset: Int) {
        #expect(parseError(source) == ExpressionError(message: "expression is nested too deeply (more than 100 levels)", offset: offset))
    }

    @Test func longChainsAreLimitedToo() throws {
        // Chains parse iteratively but build deep trees; evaluating them must not overflow the stack.
        #expect(try evaluate("inputs" + String(repeating: ".a", count: 100)) == nil)
        #expect(parseError("inputs" + String(repeating: ".a", count: 101))?.offset == 6 + 2 * 100 + 1)
        let properties = "inputs" + String(repeating: ".a", count: 10_000)
        #expect(parseError(properties)?.message == "expression is nested too deeply (more than 100 levels)")
        let comparisons = "1" + String(repeating: "==1", count: 5_000)
        #expect(parseError(comparisons)?.message == "expression is nested too deeply (more than 100 levels)")
        // A flat && / || chain is not deep: it is one node.
        let conjunction = "true" + String(repeating: " && true", count: 2_000)
        #expect(try evaluate(conjunction) == true)
    }

    @Test func tooLongSourceIsRefused() {
        let source = String(repeating: "1", count: Expression.maximumLength + 1)
        #expect(parseError(source)?.message == "expression is too long (32769 characters, at most 32768)")
    }

    @Test func keywordsAfterADotArePropertyNames() throws {
        let contexts: [String: JSONValue] = ["x": ["true": 1, "null": 2, "NaN": 3]]
        #expect(try evaluate("x.true", contexts: contexts) == 1)
        #expect(try evaluate("x.null", contexts: contexts) == 2)
        #expect(try evaluate("x.NaN", contexts: contexts) == 3)
    }

    @Test func identifiersMayContainDashesAndDigits() throws {
        #expect(try evaluate("steps.my-step.status") == "failed")
        let contexts: [String: JSONValue] = ["_ctx-1": ["a_b-2": "ok"]]
        #expect(try evaluate("_ctx-1.a_b-2", contexts: contexts) == "ok")
    }

    @Test func expressionsCompareBySource() throws {
        #expect(try Expression(parsing: "inputs.a") == Expression(parsing: "inputs.a"))
        #expect(try Expression(parsing: "inputs.a") != Expression(parsing: "inputs.a "))
        let set: Set<Expression> = [try Expression(parsing: "1"), try Expression(parsing: "1")]
        #expect(set.count == 1)
        #expect(try Expression(parsing: " 1 ").source == " 1 ")
    }
}
