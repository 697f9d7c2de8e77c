extension SourceValue {
    /// Parses a YAML (or JSON) document into a value with positions: input files, settings.
    /// An empty document is `null`.
    /// - Throws: ``YAMLError`` with the line and column of the problem.
    public static func parse(yaml text: String) throws(YAMLError) -> SourceValue {
        do {
            return try YAMLReader.read(text) ?? SourceValue(.null, at: .start)
        } catch {
            switch error {
            case .diagnostic(let message, let location, _):
                throw YAMLError(message: message, line: location.line, column: location.column)
            }
        }
    }
}

/// A YAML document that could not be read, with where.
public struct YAMLError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong.
    public var message: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    public var description: String { "\(line):\(column): \(message)" }
}
