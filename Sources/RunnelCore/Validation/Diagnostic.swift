/// One problem found in a workflow file, as actionlint reports them:
/// `file:line:col: severity: message [rule]`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// How bad the problem is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    /// How bad the problem is.
    public var severity: Severity
    /// What is wrong, in one sentence.
    public var message: String
    /// The file's path.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column (Unicode scalars).
    public var column: Int
    /// The rule that found it (used by `# runnel-ignore: rule`).
    public var rule: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, file: String, at location: SourceLocation, rule: String) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = location.line
        self.column = location.column
        self.rule = rule
    }

    /// The position as a ``SourceLocation``.
    public var location: SourceLocation { SourceLocation(line: line, column: column) }

    public var description: String { "\(file):\(line):\(column): \(severity.rawValue): \(message) [\(rule)]" }

    /// Orders by file, then position, then rule and message (a stable report order).
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.rule, lhs.message) < (rhs.file, rhs.line, rhs.column, rhs.rule, rhs.message)
    }
}
