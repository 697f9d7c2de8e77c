@testable import RunnelCore

/// Contexts shared by the expression tests.
let sampleContexts: [String: JSONValue] = [
    "inputs": [
        "limit": 10, "name": "Ada", "flag": true, "empty": "", "list": [1, 2, 3], "obj": ["a": 1],
        "key": "limit", "json": #"{"a":[1,true]}"#,
    ],
    "steps": [
        "fetch": [
            "status": "completed",
            "output": [
                "status_code": 200,
                "body": ["items": [["id": 1, "name": "a"], ["id": 2, "name": "b"], ["name": "c"]]],
            ],
        ],
        "my-step": ["status": "failed", "output": "x"],
    ],
    "event": ["payload": ["source": "web", "Mixed": "yes"]],
    "loop": ["item": ["id": 7], "index": 2],
]

/// Parses and evaluates `source` against ``sampleContexts``.
func evaluate(
    _ source: String, contexts: [String: JSONValue] = sampleContexts, failed: Bool = false, cancelled: Bool = false
) throws -> JSONValue {
    try Expression(parsing: source).evaluate(
        in: EvaluationContext(contexts: contexts, anyStepFailed: failed, cancelled: cancelled))
}

/// The error that parsing `source` throws, or `nil`.
func parseError(_ source: String) -> ExpressionError? {
    do {
        _ = try Expression(parsing: source)
        return nil
    } catch {
        return error
    }
}

/// The error that evaluating `source` throws (after a successful parse), or `nil`.
func evaluationError(_ source: String) throws -> ExpressionError? {
    let expression = try Expression(parsing: source)
    do {
        _ = try expression.evaluate(in: EvaluationContext(contexts: sampleContexts))
        return nil
    } catch {
        return error
    }
}
