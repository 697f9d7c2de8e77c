import Foundation
import RunnelCore

/// Reads a run's inputs from `--input-file` and `--input key=value` options.
enum RunInputs {
    static func read(assignments: [String], file: String?, specs: [InputSpec]) throws -> [String: JSONValue] {
        var inputs: [String: JSONValue] = [:]
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                let reason = FileManager.default.fileExists(atPath: file) ? "it can't be read" : "no such file"
                throw CLIError.usage("cannot read the input file \(file): \(reason)")
            }
            let value: SourceValue
            do {
                value = try SourceValue.parse(yaml: String(decoding: data, as: UTF8.self))
            } catch {
                throw CLIError.usage("\(file):\(error.description)")
            }
            guard case .object(let object) = value.json else {
                throw CLIError.usage("\(file) must hold an object of inputs, not \(value.json.typeName)")
            }
            inputs = object
        }
        for assignment in assignments {
            do {
                let (key, value) = try InputResolver.parseAssignment(assignment, specs: specs)
                inputs[key] = value
            } catch {
                throw CLIError.usage("--input \(error.description)")
            }
        }
        return inputs
    }
}
