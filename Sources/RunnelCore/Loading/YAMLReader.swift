import Foundation
import Yams

/// Turns YAML text into a ``SourceValue`` tree, or one diagnostic that says why it can't.
///
/// Guards against hostile input: files over ``maxFileBytes`` are refused before parsing,
/// libyaml refuses nesting deeper than its limit, and alias expansion ("billion laughs") is
/// bounded twice: by ``maxNodes`` (many small nodes) and by ``maxExpandedBytes`` (one large
/// anchored string used many times). Values nest at most ``maxDepth`` levels, so every
/// later walk over a ``SourceValue`` (conversion to JSON, serialization, schema checks,
/// template substitution) has a bounded depth.
enum YAMLReader {
    /// Workflow files larger than this are refused.
    static let maxFileBytes = 1 << 20
    /// The most nodes a document may expand to, aliases included.
    static let maxNodes = 100_000
    /// The most bytes of keys and scalars a document may expand to, aliases included (4 MB).
    static let maxExpandedBytes = 4 << 20
    /// The deepest nesting of sequences and mappings accepted.
    static let maxDepth = 100

    /// What a document may still expand to while it is converted.
    struct Budget {
        var nodes = YAMLReader.maxNodes
        var bytes = YAMLReader.maxExpandedBytes
    }

    enum Failure: Error {
        case diagnostic(message: String, location: SourceLocation, rule: String)
    }

    /// Parses `text` into a value tree. An empty document is `nil` with no error.
    static func read(_ text: String) throws(Failure) -> SourceValue? {
        let byteCount = text.utf8.count
        guard byteCount <= maxFileBytes else {
            let size = String(format: "%.1f", Double(byteCount) / 1_048_576)
            throw .diagnostic(
                message: "file is \(size) MB; workflow files are limited to \(maxFileBytes >> 20) MB",
                location: .start, rule: "file-size")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, Resolver.basic, Constructor.default, .utf8)
        } catch let error as YamlError {
            throw failure(from: error, text: text)
        } catch {
            throw .diagnostic(message: "YAML error: \(error)", location: .start, rule: "syntax")
        }
        guard let node else { return nil }
        var budget = Budget()
        return try convert(node, depth: 0, budget: &budget)
    }

    private static func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return .start }
        return SourceLocation(line: max(mark.line, 1), column: max(mark.column, 1))
    }

    /// Recursion here is bounded by ``maxDepth`` (checked before descending).
    private static func convert(_ node: Node, depth: Int, budget: inout Budget) throws(Failure) -> SourceValue {
        budget.nodes -= 1
        guard budget.nodes >= 0 else {
            throw .diagnostic(
                message: "document expands to more than \(maxNodes) nodes (aliases expanding exponentially?)",
                location: location(node.mark), rule: "syntax")
        }
        let at = location(node.mark)
        if node.sequence != nil || node.mapping != nil, depth >= maxDepth {
            throw .diagnostic(message: "YAML is nested too deeply (more than \(maxDepth) levels)", location: at, rule: "syntax")
        }
        switch node {
        case .scalar(let scalar):
            try spend(scalar.string.utf8.count, of: &budget, at: at)
            if scalar.style != .plain { return SourceValue(.string(scalar.string), at: at) }
            let kind = resolvePlain(scalar.string)
            // `.inf` is infinity as written; a numeral that became infinity or 0 is not.
            if case .number(let n) = kind, n.isInfinite || n == 0, isCoreNumber(scalar.string) || scalar.string.hasPrefix("0"),
               let problem = NumberSyntax.rangeProblem(scalar.string.utf8, value: n) {
                throw .diagnostic(message: problem + "; quote it to keep it as text", location: at, rule: "invalid-value")
            }
            return SourceValue(kind, at: at)
        case .sequence(let sequence):
            var items: [SourceValue] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try convert(item, depth: depth + 1, budget: &budget)) }
            return SourceValue(.array(items), at: at)
        case .mapping(let mapping):
            var members: [SourceValue.Member] = []
            members.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw .diagnostic(message: "mapping keys must be plain strings, not \(key.sequence != nil ? "a sequence" : "a mapping")",
                                      location: location(key.mark), rule: "syntax")
                }
                if keyScalar.style == .plain, keyScalar.string == "<<" {
                    throw .diagnostic(message: "merge keys (<<) are not supported; repeat the values or use an alias as a whole value",
                                      location: location(key.mark), rule: "syntax")
                }
                try spend(keyScalar.string.utf8.count, of: &budget, at: location(key.mark))
                let converted = try convert(value, depth: depth + 1, budget: &budget)
                members.append(.init(key: Located(keyScalar.string, at: location(key.mark)), value: converted))
            }
            return SourceValue(.object(members), at: at)
        case .alias:
            throw .diagnostic(message: "unresolved alias", location: at, rule: "syntax")
        }
    }

    /// Takes `bytes` of expanded text from the budget, or refuses the document.
    private static func spend(_ bytes: Int, of budget: inout Budget, at location: SourceLocation) throws(Failure) {
        budget.bytes -= bytes
        guard budget.bytes < 0 else { return }
        throw .diagnostic(
            message: "document expands to more than \(maxExpandedBytes >> 20) MB of text (an anchored value used by many aliases?)",
            location: location, rule: "syntax")
    }

    /// Resolves a plain scalar with the YAML 1.2 core schema.
    static func resolvePlain(_ text: String) -> SourceValue.Kind {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
        case ".nan", ".NaN", ".NAN": return .number(.nan)
        default: break
        }
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return .string(text) }
        if text.hasPrefix("0x"), let n = Int(text.dropFirst(2), radix: 16) { return .number(Double(n)) }
        if text.hasPrefix("0o"), let n = Int(text.dropFirst(2), radix: 8) { return .number(Double(n)) }
        if isCoreNumber(text), let n = Double(text) { return .number(n) }
        return .string(text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isCoreNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if let c = bytes.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let isDigit = { (c: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) }
        let intDigits = bytes.prefix(while: isDigit).count
        bytes = bytes.dropFirst(intDigits)
        var fracDigits = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fracDigits = bytes.prefix(while: isDigit).count
            bytes = bytes.dropFirst(fracDigits)
        }
        guard intDigits + fracDigits > 0 else { return false }
        if let c = bytes.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let s = bytes.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            let expDigits = bytes.prefix(while: isDigit).count
            guard expDigits > 0 else { return false }
            bytes = bytes.dropFirst(expDigits)
        }
        return bytes.isEmpty
    }

    private static func failure(from error: YamlError, text: String) -> Failure {
        switch error {
        case .reader(let problem, let offset, _, _):
            let at = offset.map { SourceFile.location(ofByteOffset: $0, in: text) } ?? .start
            return .diagnostic(message: "invalid input: \(problem)", location: at, rule: "syntax")
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = problem
            if let context { message += " (\(context.text.trimmingCharacters(in: .whitespacesAndNewlines)))" }
            if problem.contains("Maximum nesting level") {
                message = "YAML is nested too deeply (libyaml's limit is 1000 levels)"
            } else if problem.contains("mapping values are not allowed") {
                message += "; a value that contains ': ' must be quoted"
            }
            return .diagnostic(message: "YAML syntax error: \(message)", location: location(mark), rule: "syntax")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let first = location(context.mark)
            let key = duplicates.first ?? "?"
            let at = SourceFile.locateDuplicateKey(key, after: first, in: text) ?? first
            return .diagnostic(message: "key '\(key)' is defined more than once in this mapping (first at line \(first.line))",
                               location: at, rule: "duplicate-key")
        case .dataCouldNotBeDecoded:
            return .diagnostic(message: "file is not valid UTF-8", location: .start, rule: "syntax")
        default:
            return .diagnostic(message: "YAML error: \(error)", location: .start, rule: "syntax")
        }
    }
}
