extension Expression {
    /// Every context reference: root identifier + the chain of *static* property names/string
    /// indexes that follow it (stop at the first dynamic index or filter), with the 0-based
    /// scalar offset of the root identifier. In source order.
    public var references: [ExpressionReference] {
        var result: [ExpressionReference] = []
        Self.collectReferences(root, into: &result)
        return result.sorted { $0.offset < $1.offset }
    }

    /// Every function call: name as written, argument count, offset of the name. In source order.
    public var functionCalls: [ExpressionFunctionCall] {
        var result: [ExpressionFunctionCall] = []
        Self.collectCalls(root, into: &result)
        return result.sorted { $0.offset < $1.offset }
    }

    private static func collectReferences(_ node: ExpressionNode, into result: inout [ExpressionReference]) {
        switch node {
        case .literal:
            break
        case .context(let name, let offset):
            result.append(ExpressionReference(context: name, path: [], offset: offset))
        case .property, .index, .filter:
            collectChain(node, into: &result)
        case .not(let operand), .negate(let operand):
            collectReferences(operand, into: &result)
        case .comparison(_, let lhs, let rhs):
            collectReferences(lhs, into: &result)
            collectReferences(rhs, into: &result)
        case .and(let operands), .or(let operands):
            for operand in operands { collectReferences(operand, into: &result) }
        case .call(_, let arguments, _):
            for argument in arguments { collectReferences(argument, into: &result) }
        }
    }

    /// An access chain `root.a['b'][x].*…`: one reference for its static prefix, plus the
    /// references inside its dynamic indexes.
    private static func collectChain(_ node: ExpressionNode, into result: inout [ExpressionReference]) {
        var steps: [ExpressionNode] = []
        var base = node
        loop: while true {
            switch base {
            case .property(let inner, _, _), .index(let inner, _, _), .filter(let inner, _):
                steps.append(base)
                base = inner
            default:
                break loop
            }
        }
        guard case .context(let name, let offset) = base else {
            collectReferences(base, into: &result)
            for step in steps { if case .index(_, let index, _) = step { collectReferences(index, into: &result) } }
            return
        }
        var path: [String] = []
        var isStatic = true
        for step in steps.reversed() {
            switch step {
            case .property(_, let key, _) where isStatic:
                path.append(key)
            case .index(_, .literal(.string(let key)), _) where isStatic:
                path.append(key)
            case .index(_, let index, _):
                isStatic = false
                collectReferences(index, into: &result)
            default:
                isStatic = false
            }
        }
        result.append(ExpressionReference(context: name, path: path, offset: offset))
    }

    private static func collectCalls(_ node: ExpressionNode, into result: inout [ExpressionFunctionCall]) {
        switch node {
        case .literal, .context:
            break
        case .property(let inner, _, _), .filter(let inner, _), .not(let inner), .negate(let inner):
            collectCalls(inner, into: &result)
        case .index(let base, let index, _), .comparison(_, let base, let index):
            collectCalls(base, into: &result)
            collectCalls(index, into: &result)
        case .and(let operands), .or(let operands):
            for operand in operands { collectCalls(operand, into: &result) }
        case .call(let name, let arguments, let offset):
            result.append(ExpressionFunctionCall(name: name, argumentCount: arguments.count, offset: offset))
            for argument in arguments { collectCalls(argument, into: &result) }
        }
    }
}
