import Testing
@testable import RunnelCore

@Suite struct ExpressionTemplateTests {
    private func render(_ text: String) throws -> JSONValue {
        try Template(parsing: text).evaluate(in: EvaluationContext(contexts: sampleContexts))
    }

    private func templateError(_ text: String) -> TemplateError? {
        do {
            _ = try Template(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("${{ inputs.limit }}", JSONValue.number(10)),
        ("  ${{ inputs.limit }}\n", 10),
        ("${{inputs.flag}}", true),
        ("${{ inputs.obj }}", ["a": 1]),
        ("${{ inputs.list }}", [1, 2, 3]),
        ("${{ inputs.missing }}", nil),
        ("${{ 2.50 }}", 2.5),
    ] as [(String, JSONValue)])
    func singleExpressionKeepsItsType(_ text: String, _ expected: JSONValue) throws {
        let template = try Template(parsing: text)
        #expect(template.isSingleExpression)
        #expect(try render(text) == expected)
    }

    @Test(arguments: [
        ("limit=${{ inputs.limit }}", "limit=10"),
        ("${{ inputs.limit }} items", "10 items"),
        ("${{ inputs.limit }}${{ inputs.limit }}", "1010"),
        ("${{ inputs.obj }}!", #"{"a":1}!"#),
        ("x ${{ inputs.list }}", "x [1,2,3]"),
        ("[${{ null }}]", "[]"),
        ("${{ true }}/${{ false }}", "true/false"),
        ("v${{ 2.50 }}", "v2.5"),
        ("${{ inputs.name }} and ${{ steps.my-step.status }}.", "Ada and failed."),
        ("plain text", "plain text"),
        ("", ""),
        ("cost: $5 {{ x }} ${ y } $ {{ z }}", "cost: $5 {{ x }} ${ y } $ {{ z }}"),
        ("$${{ 1 }}", "$1"),
        ("${{ 1 }}}", "1}"),
        ("${{ format('}}') }}", "}"),
        ("${{ 'a }} b' }}", "a }} b"),
        ("${{ 'it''s }}' }}", "it's }}"),
        ("é${{ 'ü' }}😀", "éü😀"),
    ])
    func interpolationGivesAString(_ text: String, _ expected: String) throws {
        #expect(try render(text) == .string(expected))
    }

    @Test func partsKeepOffsetsAndSources() throws {
        let template = try Template(parsing: "a${{ x }}b${{y}}")
        #expect(
            template.parts == [
                .literal("a"), .expression(try Expression(parsing: " x "), offset: 4), .literal("b"),
                .expression(try Expression(parsing: "y"), offset: 13),
            ])
        let unicode = try Template(parsing: "é😀${{ x }}")
        #expect(unicode.parts == [.literal("é😀"), .expression(try Expression(parsing: " x "), offset: 5)])
    }

    @Test func partsOfTextsWithoutExpressions() throws {
        #expect(try Template(parsing: "").parts == [])
        #expect(try Template(parsing: "hi").parts == [.literal("hi")])
        #expect(try Template(parsing: "hi").containsExpressions == false)
        #expect(try Template(parsing: "hi").isSingleExpression == false)
        #expect(try Template(parsing: "").isSingleExpression == false)
    }

    @Test(arguments: [
        ("${{ 1 }}", true, true),
        (" \t${{ 1 }}\n ", true, true),
        ("x${{ 1 }}", false, true),
        ("${{ 1 }} ${{ 2 }}", false, true),
        ("${{ 1 }}.", false, true),
        ("no expression", false, false),
    ])
    func classification(_ text: String, single: Bool, contains: Bool) throws {
        let template = try Template(parsing: text)
        #expect(template.isSingleExpression == single)
        #expect(template.containsExpressions == contains)
    }

    @Test(arguments: [
        ("abc ${{ inputs.x", "unterminated expression: '${{' has no closing '}}'", 4),
        ("${{ x }} ${{ y }", "unterminated expression: '${{' has no closing '}}'", 9),
        ("a ${{ 'x }}", "unterminated expression: '${{' has no closing '}}' (a single-quoted string inside it is not closed)", 2),
        ("${{ }}", "empty expression", 3),
        ("ab${{}}", "empty expression", 5),
        ("value: ${{ inputs.x == }}", "unexpected end of the expression, expected a value", 23),
        ("é ${{ a b }}", "unexpected token 'b', expected an operator or the end of the expression", 8),
        ("${{ 1 }} ${{ 'a' == }}", "unexpected end of the expression, expected a value", 20),
        ("${{ a = 1 }}", "unexpected character '=', did you mean '=='?", 6),
    ])
    func syntaxErrorsPointIntoTheTemplate(_ text: String, _ message: String, _ offset: Int) {
        #expect(templateError(text) == TemplateError(message: message, offset: offset))
    }

    @Test func templateErrorDescription() {
        #expect(templateError("${{ }}")?.description == "empty expression at offset 3")
    }

    @Test func deepNestingInsideATemplateIsAnError() {
        let text = "${{ " + String(repeating: "(", count: 10_000) + " }}"
        #expect(templateError(text)?.message == "expression is nested too deeply (more than 100 levels)")
        #expect(templateError(text)?.offset == 104)
    }

    @Test func evaluationErrorsCarryTheExpressionOffset() throws {
        let template = try Template(parsing: "x ${{ fromJSON('{') }}")
        #expect(throws: ExpressionError(message: "fromJSON: invalid JSON: expected a string key at offset 1", offset: 1)) {
            try template.evaluate(in: EvaluationContext())
        }
    }

    @Test(arguments: [
        ("${{", true),
        ("a ${{ b", true),
        ("$${{", true),
        ("x}}${{y", true),
        ("${ {", false),
        ("{{ x }}", false),
        ("$", false),
        ("$$ {{", false),
        ("${", false),
        ("", false),
        ("é${{", true),
    ])
    func fastContainsCheck(_ text: String, _ expected: Bool) {
        #expect(Template.containsExpression(text) == expected)
    }
}
