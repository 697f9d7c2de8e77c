import Foundation
import RunnelCore

/// The Run form of a workflow, made from its `inputs:`; what it posts is turned into the
/// API's `input_data` by type, and the API validates it as it validates any client's.
enum RunForm {
    /// The field of one input.
    static func field(_ spec: InputSpec) -> [String: Any] {
        let name = spec.name.value
        var field: [String: Any] = ["name": "input." + name, "label": name, "type": spec.type.rawValue,
                                    "required": spec.required]
        if let description = spec.description, !description.isEmpty { field["description"] = description }
        let given = spec.defaultValue?.value
        switch spec.type {
        case .boolean:
            field["isBoolean"] = true
            let current = given.map(text)
            field["options"] = ["", "true", "false"].map { option -> [String: Any] in
                ["value": option, "label": option.isEmpty ? "(default: \(current ?? "none"))" : option]
            }
        case .object, .array:
            field["isJSON"] = true
            field["value"] = given.map { $0.serialized(pretty: true) } ?? ""
        case .integer, .number:
            field["isNumber"] = true
            field["value"] = given.map(text) ?? ""
        case .string:
            if let allowed = spec.allowedValues {
                field["hasChoices"] = true
                field["choices"] = allowed.map { ["value": text($0), "selected": given.map(text) == text($0)] as [String: Any] }
            }
            field["isText"] = spec.allowedValues == nil
            field["value"] = given.map(text) ?? ""
        }
        return field
    }

    static func text(_ value: JSONValue) -> String { value.stringValue ?? value.serialized() }

    /// The `input_data` of a posted Run form: empty fields are left out (their defaults apply);
    /// numbers, booleans and JSON fields that read as such are sent typed, the rest as strings
    /// (so the API says what is wrong with them).
    static func inputs(_ form: FormBody, specs: [InputSpec]) -> JSONValue {
        var data: [String: JSONValue] = [:]
        for spec in specs {
            guard let raw = form["input." + spec.name.value], !raw.isEmpty else { continue }
            switch spec.type {
            case .integer, .number:
                data[spec.name.value] = Double(raw.trimmingCharacters(in: .whitespaces)).map(JSONValue.number) ?? .string(raw)
            case .boolean:
                data[spec.name.value] = raw == "true" ? .bool(true) : raw == "false" ? .bool(false) : .string(raw)
            case .object, .array:
                data[spec.name.value] = (try? JSONParser.parse(raw)) ?? .string(raw)
            case .string:
                data[spec.name.value] = .string(raw)
            }
        }
        return .object(data)
    }
}
