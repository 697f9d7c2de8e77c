/// Why a template could not be turned into a workflow.
public struct InstantiationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of refusal.
    public enum Kind: Sendable, Equatable {
        /// The given parameters don't fit the template's declarations (see ``problems``).
        case parameters
        /// The template itself can't be instantiated (it doesn't load, or an expression in
        /// it can't be filled in).
        case template
    }

    /// One problem with one parameter.
    public struct Problem: Sendable, Hashable {
        /// The parameter's name.
        public var parameter: String
        /// One sentence.
        public var message: String

        /// Creates a problem.
        public init(parameter: String, message: String) {
            self.parameter = parameter
            self.message = message
        }
    }

    /// The kind.
    public var kind: Kind
    /// The parameter problems (kind ``Kind/parameters``), in parameter order.
    public var problems: [Problem]
    /// One line (several sentences for several problems).
    public var description: String

    /// Parameters that don't fit.
    static func parameters(_ problems: [Problem]) -> InstantiationError {
        InstantiationError(kind: .parameters, problems: problems, description: problems.map(\.message).joined(separator: "; "))
    }

    /// A template that can't be instantiated.
    static func template(_ message: String) -> InstantiationError {
        InstantiationError(kind: .template, problems: [], description: message)
    }
}
