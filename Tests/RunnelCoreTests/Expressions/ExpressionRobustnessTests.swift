import Testing
@testable import RunnelCore

@Suite struct ExpressionRobustnessTests {
    static let seeds = [
        "steps.fetch.output.status_code == 200 && inputs.limit > 1",
        "format('{0} it''s {1}', inputs.name, toJSON(steps.*.status))",
        "!(contains(fromJSON('[1,2]'), 0x2) || startsWith('é😀', 'É')) != -1.5e3",
        "inputs['my-key'][0].*.x <= .5",
    ]

    /// Every prefix, every one-character deletion and every one-character insertion of a few
    /// expressions either parses or throws an error whose offset lies inside the source; then,
    /// if it parsed, evaluation returns or throws an error inside the source too.
    @Test(arguments: seeds)
    func mutatedExpressionsNeverCrash(_ seed: String) {
        let scalars = Array(seed.unicodeScalars)
        var variants: [[Unicode.Scalar]] = []
        for cut in 0...scalars.count {
            variants.append(Array(scalars[..<cut]))
            if cut < scalars.count {
                var deleted = scalars
                deleted.remove(at: cut)
                variants.append(deleted)
            }
            for inserted in ["'", "(", ")", "[", "]", ".", "*", "!", "=", "-", "é", "}", ","] as [Unicode.Scalar] {
                var copy = scalars
                copy.insert(inserted, at: cut)
                variants.append(copy)
            }
        }
        for variant in variants {
            let source = String(String.UnicodeScalarView(variant))
            do {
                let expression = try Expression(parsing: source)
                _ = expression.references
                _ = expression.functionCalls
                do {
                    _ = try expression.evaluate(in: EvaluationContext(contexts: sampleContexts))
                } catch {
                    #expect((0...variant.count).contains(error.offset), "evaluating \(source)")
                }
            } catch {
                #expect((0...variant.count).contains(error.offset), "parsing \(source)")
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func mutatedTemplatesNeverCrash() {
        let seed = Array("a ${{ format('}}', x) }} b ${{ 'it''s' }}${{ y.z }}".unicodeScalars)
        for cut in 0...seed.count {
            for variant in [Array(seed[..<cut]), Array(seed[cut...])] {
                let text = String(String.UnicodeScalarView(variant))
                do {
                    _ = try Template(parsing: text).evaluate(in: EvaluationContext(contexts: sampleContexts))
                } catch let error as TemplateError {
                    #expect((0...variant.count).contains(error.offset), "\(text)")
                } catch {
                    // Evaluation errors are fine; parse errors are checked above.
                }
            }
        }
    }

    /// String to number casts, through `==` with a number.
    @Test(arguments: [
        ("' \t5\n' == 5", true),
        ("'+5' == 5", true),
        ("'1.' == 1", true),
        ("'.5' == 0.5", true),
        ("'0x10' == 16", true),
        ("'0o10' == 8", true),
        ("'1e3' == 1000", true),
        ("'-2.5E-1' == -0.25", true),
        ("'5px' == 5", false),
        ("'1e' == 1", false),
        ("'0x' == 0", false),
        ("'--1' == 1", false),
        ("'1 000' == 1000", false),
        ("'Infinity' == Infinity", true),
    ])
    func stringsCastToNumbers(_ source: String, _ expected: Bool) throws {
        #expect(try evaluate(source) == .bool(expected))
    }

    /// Case-insensitive comparison maps each scalar to its simple upper case.
    @Test(arguments: [
        ("'ΑΒΓ' == 'αβγ'", true),
        ("'Straße' == 'STRASSE'", false),  // ß has no one-scalar upper case: compared as is
        ("'ı' == 'I'", false),  // the dotless i is not folded, as in GitHub
        ("'\u{E9}' == 'e\u{301}'", false),  // no normalisation: precomposed é is not e + combining accent
        ("contains('ÇA VA', 'ça')", true),
    ])
    func unicodeCaseFolding(_ source: String, _ expected: Bool) throws {
        #expect(try evaluate(source) == .bool(expected))
    }

    @Test func castingToString() throws {
        let cases: [(JSONValue, String)] = [
            (nil, ""), (true, "true"), (false, "false"), (10, "10"), (-0.0, "0"), (2.5, "2.5"),
            (.number(.nan), "NaN"), (.number(.infinity), "Infinity"), (.number(-.infinity), "-Infinity"),
            ("s", "s"), ([1, "a"], #"[1,"a"]"#), (["b": [true], "a": nil], #"{"a":null,"b":[true]}"#),
        ]
        for (value, expected) in cases {
            #expect(value.expressionString == expected)
        }
    }
}
