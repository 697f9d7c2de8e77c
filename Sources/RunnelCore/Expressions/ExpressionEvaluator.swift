/// Evaluates a syntax tree against an ``EvaluationContext``.
///
/// Recursion is bounded by the tree's height, which the parser limits.
struct ExpressionEvaluator {
    let context: EvaluationContext

    /// A value, and whether it is the result of a `*` filter: member access and indexes on a
    /// filtered array apply to each of its elements rather than to the array.
    private struct Access {
        var value: JSONValue
        var isFiltered: Bool
    }

    func evaluate(_ node: ExpressionNode) throws(ExpressionError) -> JSONValue {
        switch node {
        case .literal(let value):
            return value
        case .context, .property, .index, .filter:
            return try access(node).value
        case .not(let operand):
            return .bool(!(try evaluate(operand).isTruthy))
        case .negate(let operand):
            return .number(-(try evaluate(operand).expressionNumber))
        case .comparison(let op, let lhs, let rhs):
            return .bool(Self.compare(op, try evaluate(lhs), try evaluate(rhs)))
        case .and(let operands):
            var value = JSONValue.null
            for operand in operands {
                value = try evaluate(operand)
                if !value.isTruthy { break }
            }
            return value
        case .or(let operands):
            var value = JSONValue.null
            for operand in operands {
                value = try evaluate(operand)
                if value.isTruthy { break }
            }
            return value
        case .call(let name, let arguments, let offset):
            var values: [JSONValue] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(try evaluate(argument)) }
            return try ExpressionFunctions.call(name, values, offset: offset, context: context)
        }
    }

    static func compare(_ op: ExpressionNode.Comparison, _ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch op {
        case .equal: JSONValue.expressionEquals(lhs, rhs)
        case .notEqual: !JSONValue.expressionEquals(lhs, rhs)
        case .less: JSONValue.expressionOrder(lhs, rhs) == -1
        case .greater: JSONValue.expressionOrder(lhs, rhs) == 1
        case .lessEqual: JSONValue.expressionEquals(lhs, rhs) || JSONValue.expressionOrder(lhs, rhs) == -1
        case .greaterEqual: JSONValue.expressionEquals(lhs, rhs) || JSONValue.expressionOrder(lhs, rhs) == 1
        }
    }

    // MARK: Access

    private func access(_ node: ExpressionNode) throws(ExpressionError) -> Access {
        switch node {
        case .context(let name, _):
            return Access(value: Self.member(name, of: context.contexts) ?? .null, isFiltered: false)
        case .property(let base, let name, _):
            return Self.select(.key(name, nil), from: try access(base))
        case .index(let base, let indexNode, _):
            let target = try access(base)
            return Self.select(Self.selector(for: try evaluate(indexNode)), from: target)
        case .filter(let base, _):
            return Self.select(.all, from: try access(base))
        default:
            return Access(value: try evaluate(node), isFiltered: false)
        }
    }

    /// What an index selects: an object key and/or an array position, or everything (`*`).
    private enum Selector {
        case key(String?, Int?)
        case all
    }

    /// As GitHub: a primitive index is a key (cast to string) for objects, and a position
    /// (cast to a number, rounded down, when finite and non-negative) for arrays.
    private static func selector(for index: JSONValue) -> Selector {
        let key = index.isPrimitive ? index.expressionString : nil
        let number = index.expressionNumber
        let position = number.isFinite && number >= 0 && number < Double(Int.max) ? Int(number.rounded(.down)) : nil
        return .key(key, position)
    }

    private static func select(_ selector: Selector, from target: Access) -> Access {
        if target.isFiltered {
            var results: [JSONValue] = []
            for element in target.value.arrayValue ?? [] {
                switch (element, selector) {
                case (.object(let members), .all):
                    results.append(contentsOf: sortedValues(members))
                case (.array(let items), .all):
                    results.append(contentsOf: items)
                case (.object(let members), .key(let key?, _)):
                    if let value = member(key, of: members) { results.append(value) }
                case (.array(let items), .key(_, let position?)):
                    if position < items.count { results.append(items[position]) }
                default:
                    break
                }
            }
            return Access(value: .array(results), isFiltered: true)
        }
        switch (target.value, selector) {
        case (.array(let items), .all):
            return Access(value: .array(items), isFiltered: true)
        case (.object(let members), .all):
            return Access(value: .array(sortedValues(members)), isFiltered: true)
        case (_, .all):
            return Access(value: .array([]), isFiltered: true)
        case (.object(let members), .key(let key?, _)):
            return Access(value: member(key, of: members) ?? .null, isFiltered: false)
        case (.array(let items), .key(_, let position?)) where position < items.count:
            return Access(value: items[position], isFiltered: false)
        default:
            return Access(value: .null, isFiltered: false)
        }
    }

    /// An object's values in the order of their sorted keys, so that `*` is deterministic.
    private static func sortedValues(_ members: [String: JSONValue]) -> [JSONValue] {
        members.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Member `key`, matched exactly first, then ignoring case as GitHub does (among several
    /// keys that differ only in case, the smallest in code-point order wins).
    static func member(_ key: String, of members: [String: JSONValue]) -> JSONValue? {
        if let value = members[key] { return value }
        var best: (key: String, value: JSONValue)?
        for (candidate, value) in members where CaseFolding.equal(candidate, key) {
            if let current = best, !candidate.unicodeScalars.lexicographicallyPrecedes(current.key.unicodeScalars) {
                continue
            }
            best = (candidate, value)
        }
        return best?.value
    }
}
