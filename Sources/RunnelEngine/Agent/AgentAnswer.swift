import Foundation
import RunnelCore

/// Reading and checking an agent's final answer against the step's `output_schema`.
enum AgentAnswer {
    /// The answer as JSON (a surrounding ```json fence is allowed) when it matches `schema`,
    /// else the problems.
    static func check(_ text: String, against schema: JSONValue) -> Result<JSONValue, Problems> {
        let body = unfenced(text)
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            return .failure(Problems(["the answer is not valid JSON (\(error.description))"]))
        }
        let problems = JSONSchema.problems(value, against: schema)
        return problems.isEmpty ? .success(value) : .failure(Problems(problems))
    }

    /// The message of the repair turn.
    static func repairPrompt(_ problems: Problems) -> String {
        "Your answer does not match the required JSON Schema:\n" + problems.map { "- \($0)" }.joined(separator: "\n")
            + "\nReply again with only the corrected JSON."
    }

    /// Validation problems (an Error so that they fit in a Result).
    struct Problems: Error, Sequence {
        var list: [String]
        init(_ list: [String]) { self.list = list }
        func makeIterator() -> IndexingIterator<[String]> { list.makeIterator() }
        func joined(separator: String) -> String { list.joined(separator: separator) }
    }

    /// `text` without a Markdown code fence around it, trimmed.
    static func unfenced(_ text: String) -> String {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard body.hasPrefix("```"), body.hasSuffix("```"), body.count >= 6 else { return body }
        body = String(body.dropFirst(3).dropLast(3))
        if let newline = body.firstIndex(of: "\n") {
            let language = body[..<newline].trimmingCharacters(in: .whitespaces)
            if language.allSatisfy({ $0.isLetter }) { body = String(body[body.index(after: newline)...]) }
        }
        return body.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
