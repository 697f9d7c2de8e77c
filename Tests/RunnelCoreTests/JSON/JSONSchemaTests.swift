import RunnelCore
import Testing

/// The JSON Schema subset that approval inputs are checked against.
@Suite struct JSONSchemaTests {
    static let schema = JSONSchema([
        "type": "object",
        "required": ["name", "tags"],
        "additionalProperties": false,
        "properties": [
            "name": ["type": "string", "minLength": 2, "maxLength": 5],
            "size": ["type": "integer", "minimum": 1, "maximum": 10],
            "tags": ["type": "array", "items": ["enum": ["a", "b"]], "minItems": 1],
            "note": ["type": ["string", "null"]],
            "kind": ["const": "fixed"],
        ],
    ])

    @Test func aMatchingValueHasNoProblems() {
        #expect(Self.schema.problems(with: ["name": "abc", "size": 3, "tags": ["a", "b"], "note": nil, "kind": "fixed"]) == [])
    }

    @Test func eachProblemNamesItsField() {
        let problems = Self.schema.problems(with: ["name": "a", "size": 2.5, "tags": ["c"], "note": 1, "kind": "x", "extra": 1])
        #expect(problems.map(\.description) == [
            "/extra: is not an allowed property",
            "/kind: must be \"fixed\"",
            "/name: must be at least 2 characters long",
            "/note: must be string or null, not number",
            "/size: must be integer, not number",
            "/tags/0: must be one of \"a\", \"b\"",
        ])
        #expect(Self.schema.problems(with: [:]).map(\.description) == ["/name: is required", "/tags: is required"])
        #expect(Self.schema.problems(with: "text").map(\.description) == ["must be object, not string"])
        #expect(Self.schema.problems(with: ["name": "abcdef", "size": 11, "tags": []]).map(\.description) == [
            "/name: must be at most 5 characters long", "/size: must be at most 10", "/tags: must have at least 1 items",
        ])
    }

    @Test func anyOfExclusiveBoundsAndTheLineForm() {
        #expect(JSONSchema.problems(5, against: ["anyOf": [["type": "string"], ["type": "boolean"]]]) == ["matches none of the allowed shapes (anyOf)"])
        #expect(JSONSchema.problems(true, against: ["anyOf": [["type": "string"], ["type": "boolean"]]]).isEmpty)
        #expect(JSONSchema.problems(["r": 1], against: ["properties": ["r": ["exclusiveMaximum": 1]]]) == ["/r: must be less than 1"])
        #expect(JSONSchema.problems(0, against: ["exclusiveMinimum": 0]) == ["must be more than 0"])
        #expect(JSONSchema.problems(0.5, against: ["exclusiveMinimum": 0, "exclusiveMaximum": 1]).isEmpty)
    }

    @Test func additionalPropertiesMayBeASchema() {
        let schema = JSONSchema(["type": "object", "additionalProperties": ["type": "number"]])
        #expect(schema.matches(["a": 1, "b": 2]))
        #expect(schema.problems(with: ["a": "x"]).map(\.description) == ["/a: must be number, not string"])
        #expect(JSONSchema(false).problems(with: 1).map(\.description) == ["no value is allowed here"])
        #expect(JSONSchema(true).matches(["anything": [1, 2]]))
    }

    /// Bounds no integer can hold are reported as written, not converted (which trapped).
    @Test func hugeLengthBoundsAreReportedNotConverted() {
        let schema = JSONSchema(["minLength": 1e300, "maxItems": -1e300])
        #expect(schema.problems(with: "abc").map(\.description) == ["must be at least 1e+300 characters long"])
        #expect(schema.problems(with: [1]).map(\.description) == ["must have at most -1e+300 items"])
    }
}
