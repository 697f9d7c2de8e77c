import Testing
@testable import RunnelCore

@Suite struct ExpressionOperatorTests {
    /// `==` and `!=` across every pair of types of GitHub's coercion table
    /// (null → 0, booleans → 1/0, strings parsed, arrays and objects → NaN).
    @Test(arguments: [
        // same types
        ("null == null", true),
        ("true == true", true),
        ("true == false", false),
        ("1 == 1.0", true),
        ("0.1 == 0.10", true),
        ("-0 == 0", true),
        ("'abc' == 'abc'", true),
        ("'abc' == 'ABC'", true),
        ("'abc' != 'ABD'", true),
        ("'Éa' == 'éA'", true),
        ("'a ' == 'a'", false),
        // null vs others
        ("null == false", true),
        ("null == true", false),
        ("null == 0", true),
        ("null == 1", false),
        ("null == ''", true),
        ("null == '0'", true),
        ("null == 'null'", false),
        ("null == fromJSON('[]')", false),
        ("null != fromJSON('[]')", true),
        ("null == fromJSON('{}')", false),
        // booleans vs others
        ("true == 1", true),
        ("false == 0", true),
        ("true == 2", false),
        ("true == '1'", true),
        ("true == 'true'", false),
        ("false == ''", true),
        ("true == fromJSON('[1]')", false),
        ("true == fromJSON('{}')", false),
        // numbers vs strings
        ("1 == '1'", true),
        ("'1' == 1", true),
        ("255 == '0xff'", true),
        ("1000 == '1e3'", true),
        ("1.5 == '1.50'", true),
        ("0 == ''", true),
        ("0 == '  '", true),
        ("5 == ' 5 '", true),
        ("-5 == '-5'", true),
        ("1 == 'one'", false),
        ("1 != 'one'", true),
        ("0 == 'abc'", false),
        // arrays and objects vs others
        ("1 == fromJSON('[1]')", false),
        ("'[1]' == fromJSON('[1]')", false),
        ("'{}' == fromJSON('{}')", false),
        ("fromJSON('[]') == fromJSON('{}')", false),
        ("fromJSON('[]') != fromJSON('{}')", true),
        // arrays and objects vs each other: deep equality (a Runnel decision)
        ("fromJSON('[1,2]') == fromJSON('[1,2]')", true),
        ("fromJSON('[1,2]') == fromJSON('[2,1]')", false),
        ("fromJSON('[1,2]') == fromJSON('[1,2,3]')", false),
        ("fromJSON('{\"a\":1}') == fromJSON('{\"a\":1}')", true),
        ("fromJSON('{\"a\":1}') == fromJSON('{\"a\":1,\"b\":2}')", false),
        ("fromJSON('{\"a\":1}') == fromJSON('{\"b\":1}')", false),
        ("fromJSON('{\"a\":\"X\"}') == fromJSON('{\"a\":\"x\"}')", true),
        ("inputs.obj == inputs.obj", true),
        ("inputs.list != inputs.list", false),
    ])
    func equality(_ source: String, _ expected: Bool) throws {
        #expect(try evaluate(source) == .bool(expected))
    }

    @Test(arguments: [
        ("1 < 2", true),
        ("2 < 1", false),
        ("2 <= 2", true),
        ("3 <= 2", false),
        ("3 > 2", true),
        ("2 > 2", false),
        ("2 >= 2", true),
        ("2 >= 3", false),
        ("-1 < 0", true),
        // strings: case-insensitive, scalar by scalar
        ("'a' < 'B'", true),
        ("'B' > 'a'", true),
        ("'abc' < 'abd'", true),
        ("'ab' < 'abc'", true),
        ("'A' >= 'a'", true),
        ("'A' <= 'a'", true),
        ("'A' < 'a'", false),
        ("'10' < '9'", true),
        // mixed types compare as numbers
        ("'10' < 9", false),
        ("'10' > 9", true),
        ("true > false", true),
        ("false < true", true),
        ("true >= 1", true),
        ("null < 1", true),
        ("null >= 0", true),
        ("null > -1", true),
        ("'' < 1", true),
        // arrays and objects are not ordered, but <= / >= accept deep equality
        ("fromJSON('[1]') < fromJSON('[2]')", false),
        ("fromJSON('[1]') > fromJSON('[0]')", false),
        ("fromJSON('[1]') <= fromJSON('[1]')", true),
        ("fromJSON('{}') >= fromJSON('{}')", true),
        ("fromJSON('[1]') < 2", false),
    ])
    func ordering(_ source: String, _ expected: Bool) throws {
        #expect(try evaluate(source) == .bool(expected))
    }

    /// NaN (from a string that is not a number, an array, an object or the NaN literal) makes
    /// every comparison false, and `!=` true.
    @Test(arguments: [
        ("NaN == NaN", false),
        ("NaN != NaN", true),
        ("'a' == 0", false),
        ("'a' < 1", false),
        ("'a' <= 1", false),
        ("'a' > 1", false),
        ("'a' >= 1", false),
        ("'a' != 1", true),
        ("NaN < Infinity", false),
        ("fromJSON('{}') == 0", false),
        ("fromJSON('{}') != 0", true),
        ("inputs.name == 1", false),
        ("inputs.name < 1 || inputs.name >= 1", false),
    ])
    func nanComparesFalse(_ source: String, _ expected: Bool) throws {
        #expect(try evaluate(source) == .bool(expected))
    }

    /// `&&` and `||` return one of their operands, not a boolean.
    @Test(arguments: [
        ("1 && 'x'", JSONValue.string("x")),
        ("0 && 'x'", 0),
        ("'' && 'x'", ""),
        ("null && 'x'", nil),
        ("'a' && 'b' && 'c'", "c"),
        ("'a' && 0 && 'c'", 0),
        ("'' || 'default'", "default"),
        ("inputs.name || 'default'", "Ada"),
        ("inputs.empty || 'default'", "default"),
        ("inputs.missing || 'default'", "default"),
        ("inputs.missing && 1", nil),
        ("null || false", false),
        ("0 || '' || null", nil),
        ("false || inputs.obj", ["a": 1]),
        ("inputs.list && inputs.limit", 10),
    ] as [(String, JSONValue)])
    func logicalOperatorsReturnOperands(_ source: String, _ expected: JSONValue) throws {
        #expect(try evaluate(source) == expected)
    }

    @Test func logicalOperatorsShortCircuit() throws {
        // The right side would throw if it were evaluated.
        #expect(try evaluate("false && fromJSON('{')") == false)
        #expect(try evaluate("true || fromJSON('{')") == true)
        #expect(throws: ExpressionError.self) { try evaluate("true && fromJSON('{')") }
        #expect(throws: ExpressionError.self) { try evaluate("false || fromJSON('{')") }
    }

    /// Truthiness through `!`, which always returns a boolean.
    @Test(arguments: [
        ("!false", true),
        ("!true", false),
        ("!0", true),
        ("!-0", true),
        ("!NaN", true),
        ("!''", true),
        ("!null", true),
        ("!1", false),
        ("!-1", false),
        ("!'0'", false),
        ("!'false'", false),
        ("!' '", false),
        ("!fromJSON('[]')", false),
        ("!fromJSON('{}')", false),
        ("!inputs.missing", true),
        ("!inputs.name", false),
    ])
    func notUsesTruthiness(_ source: String, _ expected: Bool) throws {
        #expect(try evaluate(source) == .bool(expected))
    }
}
