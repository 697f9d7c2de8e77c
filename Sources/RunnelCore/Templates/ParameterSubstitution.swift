import Foundation

/// Fills a template's `params.<name>` references with values, at install time.
///
/// In a string holding `${{ … }}`: an expression that uses only `params` is evaluated — a
/// string that is exactly that one expression takes the value with its type (an integer stays
/// an integer), otherwise the value is spliced into the text; an expression that also uses a
/// run-time context (`event`, `steps`, …) is kept, with each `params.x` replaced by a literal
/// (`'text'`, `200`, `true`, `fromJSON('[…]')`). A bare expression (`if`, a condition's
/// `condition`, a wait's `until`) is rewritten the same way.
struct ParameterSubstitution {
    /// The resolved parameter values.
    let values: [String: JSONValue]
    /// Where the bare expressions of the template start.
    let bareExpressions: Set<SourceLocation>

    /// `value` with every parameter reference filled in.
    func apply(_ value: SourceValue) throws(InstantiationError) -> SourceValue {
        switch value.kind {
        case .string(let text):
            if !Template.containsExpression(text) {
                guard bareExpressions.contains(value.location), text.contains("params") else { return value }
                return SourceValue(.string(try rewrite(text, at: value.location)), at: value.location)
            }
            return try fill(text, at: value.location)
        case .array(let items):
            var result: [SourceValue] = []
            for item in items { result.append(try apply(item)) }
            return SourceValue(.array(result), at: value.location)
        case .object(let members):
            var result: [SourceValue.Member] = []
            for member in members { result.append(.init(key: member.key, value: try apply(member.value))) }
            return SourceValue(.object(result), at: value.location)
        default:
            return value
        }
    }

    private func fill(_ text: String, at location: SourceLocation) throws(InstantiationError) -> SourceValue {
        let template: Template
        do {
            template = try Template(parsing: text)
        } catch {
            throw .template("\(location): \(error.message)")
        }
        var output = ""
        var kept: [String] = []
        for part in template.parts {
            switch part {
            case .literal(let literal):
                output += literal
            case .expression(let expression, _):
                let contexts = Set(expression.references.map(\.context))
                if contexts == ["params"] {
                    let value = try evaluate(expression, at: location)
                    if template.isSingleExpression { return SourceValue(json: value, at: location) }
                    output += value.expressionString
                } else if contexts.contains("params") {
                    let source = try rewrite(expression.source, at: location)
                    kept.append(source)
                    output += "${{" + source + "}}"
                } else {
                    kept.append(expression.source)
                    output += "${{" + expression.source + "}}"
                }
            }
        }
        // A value spliced next to a literal `$` must not make a new expression.
        let reparsed = (try? Template(parsing: output))?.parts.compactMap { part -> String? in
            if case .expression(let expression, _) = part { return expression.source }
            return nil
        }
        guard reparsed == kept else {
            throw .template("\(location): the parameter values filled into '\(text)' would form a new '${{ … }}' expression")
        }
        return SourceValue(.string(output), at: location)
    }

    private func evaluate(_ expression: Expression, at location: SourceLocation) throws(InstantiationError) -> JSONValue {
        do {
            return try expression.evaluate(in: EvaluationContext(contexts: ["params": .object(values)]))
        } catch {
            throw .template("\(location): '\(expression.source)' failed: \(error.message)")
        }
    }

    /// `source` with each `params.x` / `params['x']` replaced by a literal of x's value.
    func rewrite(_ source: String, at location: SourceLocation) throws(InstantiationError) -> String {
        let bytes = Array(source.utf8)
        var lexer = ExpressionLexer(bytes[...])
        var tokens: [ExpressionToken] = []
        do {
            while true {
                let token = try lexer.next()
                tokens.append(token)
                if token.isEnd { break }
            }
        } catch {
            throw .template("\(location): \(error.message)")
        }
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let afterDot = index > 0 && { if case .dot = tokens[index - 1].kind { true } else { false } }()
            guard case .identifier("params") = token.kind, !afterDot else {
                index += 1
                continue
            }
            let (name, end, consumed) = try parameterName(after: index, in: tokens, at: location)
            guard let value = values[name] else { throw .template("\(location): parameter '\(name)' is not declared") }
            output += bytes[copied..<token.bytes.lowerBound]
            output += Array(Self.literal(value).utf8)
            copied = end
            index += consumed
        }
        output += bytes[copied...]
        let rewritten = String(decoding: output, as: UTF8.self)
        do {
            _ = try Expression(parsing: rewritten)
        } catch {
            throw .template("\(location): filling the parameters into '\(source)' gave '\(rewritten)': \(error.message)")
        }
        return rewritten
    }

    /// The name after `params` at `index` (`.name` or `['name']`), the byte where the
    /// reference ends, and how many tokens it took.
    private func parameterName(after index: Int, in tokens: [ExpressionToken], at location: SourceLocation) throws(InstantiationError) -> (String, Int, Int) {
        let next = index + 1 < tokens.count ? tokens[index + 1].kind : .end
        switch next {
        case .dot:
            if index + 2 < tokens.count, case .identifier(let name) = tokens[index + 2].kind { return (name, tokens[index + 2].bytes.upperBound, 3) }
        case .leftBracket:
            if index + 3 < tokens.count, case .string(let name) = tokens[index + 2].kind, case .rightBracket = tokens[index + 3].kind {
                return (name, tokens[index + 3].bytes.upperBound, 4)
            }
        default:
            break
        }
        throw .template("\(location): 'params' must be followed by a parameter name (params.name) when a template is installed")
    }

    /// An expression literal of `value`.
    static func literal(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n < 0 ? "(\(JSONValue.format(number: n)))" : JSONValue.format(number: n)
        case .string(let s): "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        case .array, .object: "fromJSON(" + literal(.string(value.serialized())) + ")"
        }
    }
}

extension SourceValue {
    /// A value tree of `json`, every node at `location` (object keys sorted).
    public init(json: JSONValue, at location: SourceLocation) {
        switch json {
        case .null: self.init(.null, at: location)
        case .bool(let b): self.init(.bool(b), at: location)
        case .number(let n): self.init(.number(n), at: location)
        case .string(let s): self.init(.string(s), at: location)
        case .array(let items): self.init(.array(items.map { SourceValue(json: $0, at: location) }), at: location)
        case .object(let members):
            self.init(.object(members.keys.sorted().map { key in
                Member(key: Located(key, at: location), value: SourceValue(json: members[key] ?? .null, at: location))
            }), at: location)
        }
    }
}
