/// A node of a parsed expression's syntax tree.
///
/// Offsets are scalar offsets into the expression source; they let run-time errors and the
/// validator point at the right place.
indirect enum ExpressionNode: Sendable {
    /// The comparison operators, `<` `<=` `>` `>=` `==` `!=`.
    enum Comparison: Sendable {
        case equal, notEqual, less, lessEqual, greater, greaterEqual
    }

    /// `null`, `true`, a number or a string.
    case literal(JSONValue)
    /// A context name such as `inputs`.
    case context(String, offset: Int)
    /// `base.name`.
    case property(ExpressionNode, name: String, offset: Int)
    /// `base[index]`.
    case index(ExpressionNode, ExpressionNode, offset: Int)
    /// `base.*` or `base[*]`.
    case filter(ExpressionNode, offset: Int)
    /// `!operand`.
    case not(ExpressionNode)
    /// `-operand` (a Runnel extension: the operand is cast to a number).
    case negate(ExpressionNode)
    /// `lhs op rhs` for a comparison.
    case comparison(Comparison, ExpressionNode, ExpressionNode)
    /// `a && b && …`, kept flat.
    case and([ExpressionNode])
    /// `a || b || …`, kept flat.
    case or([ExpressionNode])
    /// `name(arguments…)`, with the name as written.
    case call(name: String, arguments: [ExpressionNode], offset: Int)
}
