/// Collects diagnostics while the loader reads a ``SourceValue`` tree, with typed readers
/// that report what is wrong and where instead of throwing.
struct LoadContext {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    mutating func error(_ message: String, at location: SourceLocation, rule: String) {
        diagnostics.append(Diagnostic(.error, message, file: file, at: location, rule: rule))
    }

    mutating func warning(_ message: String, at location: SourceLocation, rule: String) {
        diagnostics.append(Diagnostic(.warning, message, file: file, at: location, rule: rule))
    }

    /// The value as a mapping, or a `type` error naming `what`.
    mutating func mapping(_ value: SourceValue, _ what: String) -> [SourceValue.Member]? {
        if let members = value.members { return members }
        error("\(what) must be a mapping, not \(value.typeDescription)", at: value.location, rule: "type")
        return nil
    }

    /// Reports keys of `members` not in `known`, suggesting the closest known key.
    mutating func checkKeys(_ members: [SourceValue.Member], known: [String], in what: String) {
        for member in members where !known.contains(member.key.value) {
            var message = "unknown key '\(member.key.value)' in \(what)"
            if let suggestion = Spelling.closest(to: member.key.value, in: known) {
                message += "; did you mean '\(suggestion)'?"
            } else if member.key.value.contains(" ") {
                message += "; an unquoted ',' inside {…} splits a value into keys: quote the value"
            } else {
                message += "; expected one of: \(known.joined(separator: ", "))"
            }
            error(message, at: member.key.location, rule: "unknown-key")
        }
    }

    /// The value of required key `key`, or a `required-key` error at `location`.
    mutating func require(_ members: [SourceValue.Member], _ key: String, in what: String, at location: SourceLocation) -> SourceValue? {
        if let member = members.first(where: { $0.key.value == key }) { return member.value }
        error("\(what) is missing required key '\(key)'", at: location, rule: "required-key")
        return nil
    }

    mutating func string(_ value: SourceValue?, _ what: String) -> Located<String>? {
        guard let value else { return nil }
        if case .string(let s) = value.kind { return Located(s, at: value.location) }
        error("\(what) must be a string, not \(value.typeDescription)", at: value.location, rule: "type")
        return nil
    }

    mutating func bool(_ value: SourceValue?, _ what: String) -> Bool? {
        guard let value else { return nil }
        if case .bool(let b) = value.kind { return b }
        error("\(what) must be true or false, not \(value.typeDescription)", at: value.location, rule: "type")
        return nil
    }

    /// A whole number in `min...max`, converted with `Int(exactly:)`: `2.5` is a type error,
    /// `1e300` an out-of-range one (never a trap).
    mutating func integer(_ value: SourceValue?, _ what: String, min: Int = Int.min, max: Int = Int.max) -> Int? {
        guard let value else { return nil }
        guard case .number(let n) = value.kind, n.isFinite, n.rounded() == n else {
            let kind = if case .number(let n) = value.kind { n.isFinite ? "\(JSONValue.format(number: n)), which has a fraction" : "a number that is not finite" } else { value.typeDescription }
            error("\(what) must be an integer, not \(kind)", at: value.location, rule: "type")
            return nil
        }
        guard let i = Int(exactly: n), i >= min, i <= max else {
            let range = max == Int.max ? "at least \(min)" : "between \(min) and \(max)"
            error("\(what) must be \(range), not \(JSONValue.format(number: n))", at: value.location, rule: "invalid-value")
            return nil
        }
        return i
    }

    mutating func number(_ value: SourceValue?, _ what: String) -> Double? {
        guard let value else { return nil }
        if case .number(let n) = value.kind, n.isFinite { return n }
        error("\(what) must be a number, not \(value.typeDescription)", at: value.location, rule: "type")
        return nil
    }

    /// A duration such as `30s`; with `positive`, `0s` is refused too (a timeout or poll
    /// interval of zero would fail at once or spin).
    mutating func duration(_ value: SourceValue?, _ what: String, positive: Bool = false) -> Located<Duration>? {
        guard let value else { return nil }
        guard case .string(let text) = value.kind else {
            let hint = value.typeDescription == "a number" ? " (add a unit: 30s, 5m, 1h30m)" : ""
            error("\(what) must be a duration such as 30s, 5m or 1h30m, not \(value.typeDescription)\(hint)", at: value.location, rule: "type")
            return nil
        }
        guard let duration = Duration(parsing: text) else {
            error("\(what) must be a duration such as 500ms, 30s, 5m, 1h30m or 2d, not '\(text)'", at: value.location, rule: "invalid-value")
            return nil
        }
        if positive, duration <= .zero {
            error("\(what) must be longer than 0s, not '\(text)'", at: value.location, rule: "invalid-value")
            return nil
        }
        return Located(duration, at: value.location)
    }

    /// One of an enum's raw values, or an `invalid-value` error listing them.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ value: SourceValue?, _ what: String, as type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(value, what), let value else { return nil }
        if let choice = T(rawValue: text.value) { return choice }
        let allowed = T.allCases.map(\.rawValue)
        var message = "\(what) must be one of: \(allowed.joined(separator: ", ")); found '\(text.value)'"
        if let suggestion = Spelling.closest(to: text.value, in: allowed) { message += "; did you mean '\(suggestion)'?" }
        error(message, at: value.location, rule: "invalid-value")
        return nil
    }

    /// A sequence of strings; a single string is accepted as a one-item list.
    mutating func stringList(_ value: SourceValue?, _ what: String) -> [Located<String>] {
        guard let value else { return [] }
        switch value.kind {
        case .string(let s): return [Located(s, at: value.location)]
        case .array(let items): return items.compactMap { string($0, "each item of \(what)") }
        default:
            error("\(what) must be a list of strings, not \(value.typeDescription)", at: value.location, rule: "type")
            return []
        }
    }

    /// A mapping whose values are kept as written (`env`, `headers`, `outputs`).
    mutating func namedValues(_ value: SourceValue?, _ what: String, scalarsOnly: Bool = false) -> [NamedValue] {
        guard let value, let members = mapping(value, what) else { return [] }
        var result: [NamedValue] = []
        for member in members {
            if scalarsOnly, member.value.members != nil || member.value.items != nil {
                error("'\(member.key.value)' in \(what) must be a single value, not \(member.value.typeDescription)",
                      at: member.value.location, rule: "type")
                continue
            }
            result.append(NamedValue(name: member.key, value: member.value))
        }
        return result
    }
}
