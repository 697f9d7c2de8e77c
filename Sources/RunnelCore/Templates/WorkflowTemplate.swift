/// A parameterised workflow: a file of a repository's `templates/` folder or of the built-in
/// gallery (``BuiltinTemplates``).
public struct WorkflowTemplate: Sendable {
    /// Where a template comes from.
    public enum Origin: String, Sendable {
        /// The watched repository's `templates/` folder (wins over a built-in of the same id).
        case repository
        /// The gallery shipped with Runnel.
        case builtin
    }

    /// The id: the file name below `templates/` without extension.
    public var id: String
    /// Where it comes from.
    public var origin: Origin
    /// The file as loaded (path `templates/<id>.yaml`), with its text and diagnostics.
    public var load: LoadResult

    /// Loads a template from its text.
    /// - Parameters:
    ///   - path: Its path (`templates/<id>.yaml`); the id is derived from it.
    ///   - text: The YAML.
    ///   - origin: Where it comes from.
    public init(path: String, text: String, origin: Origin) {
        id = WorkflowID.from(path: path)
        self.origin = origin
        load = WorkflowLoader.load(path: path, text: text)
    }

    /// The YAML as written.
    public var text: String { load.text }
    /// The parsed template; `nil` when the file doesn't load.
    public var workflow: Workflow? { load.workflow }
    /// The declared parameters, in file order.
    public var parameters: [InputSpec] { workflow?.parameters ?? [] }
    /// Its errors (loader and validator): a template with errors can't be installed.
    public var errors: [Diagnostic] { Validator.validate(load).filter { $0.severity == .error } }

    /// The templates of a repository's `templates/` folder over the built-in ones (a
    /// repository template with a built-in's id replaces it), sorted by id.
    public static func merged(repository: [WorkflowTemplate], builtin: [WorkflowTemplate] = BuiltinTemplates.all) -> [WorkflowTemplate] {
        var byID: [String: WorkflowTemplate] = [:]
        for template in builtin { byID[template.id] = template }
        for template in repository { byID[template.id] = template }
        return byID.values.sorted { $0.id < $1.id }
    }
}
