import RunnelCore
import Testing

/// The small JSON Schema checker that agent steps use for tool arguments and answers.
@Suite struct JSONSchemaTests {
    let schema: JSONValue = [
        "type": "object",
        "properties": [
            "name": ["type": "string", "minLength": 2, "maxLength": 5],
            "age": ["type": "integer", "minimum": 0, "maximum": 150],
            "tags": ["type": "array", "items": ["type": "string", "enum": ["a", "b"]], "maxItems": 2],
            "ratio": ["type": ["number", "null"], "exclusiveMaximum": 1],
        ],
        "required": ["name"],
        "additionalProperties": false,
    ]

    @Test func aMatchingValueHasNoProblems() {
        #expect(JSONSchema.problems(["name": "Ann", "age": 30, "tags": ["a"], "ratio": .null], against: schema).isEmpty)
        #expect(JSONSchema.problems(["name": "Bo", "ratio": 0.5], against: schema).isEmpty)
    }

    @Test func eachProblemNamesItsPlace() {
        let problems = JSONSchema.problems(["age": 1.5, "tags": ["a", "c", "b"], "ratio": 1, "x": true], against: schema)
        #expect(problems == [
            "$: missing required property 'name'",
            "$.age: expected integer, got number",
            "$.ratio: must be less than 1",
            "$.tags: must have at most 2 items",
            #"$.tags[1]: must be one of "a", "b""#,
            "$: unexpected property 'x'",
        ])
    }

    @Test func boundsAndLengths() {
        #expect(JSONSchema.problems(["name": "A", "age": -1], against: schema) == ["$.age: must be at least 0", "$.name: must be at least 2 characters long"])
        #expect(JSONSchema.problems("text", against: schema) == ["$: expected object, got string"])
        #expect(JSONSchema.problems(5, against: ["type": "number", "maximum": 4]) == ["$: must be at most 4"])
        #expect(JSONSchema.problems(5, against: ["anyOf": [["type": "string"], ["type": "boolean"]]]) == ["$: matches none of the allowed shapes (anyOf)"])
        #expect(JSONSchema.problems(["a": 1], against: ["additionalProperties": ["type": "string"]]) == ["$.a: expected string, got integer"])
        #expect(JSONSchema.problems(3, against: ["const": 3]).isEmpty)
        #expect(JSONSchema.problems(3, against: true).isEmpty)
        #expect(JSONSchema.problems(3, against: false) == ["$: no value is allowed here"])
    }
}
