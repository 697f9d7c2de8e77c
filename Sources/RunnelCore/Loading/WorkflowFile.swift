/// What counts as a workflow file, for every reader: the reconcile, `runnel check`, `runnel
/// validate`, the history index and the templates. It is a `.yaml` or `.yml` file below the
/// repository's `workflows/` folder (`templates/` for templates). A hidden component
/// (`workflows/.drafts/a.yaml`) does not make a file something else: it is read and reported
/// as an invalid id, never skipped in silence.
public enum WorkflowFile {
    /// The extensions of workflow files.
    public static let extensions = [".yaml", ".yml"]
    /// The folder of workflows, at the repository's root.
    public static let workflowsFolder = "workflows"
    /// The folder of templates, at the repository's root.
    public static let templatesFolder = "templates"

    /// Whether `path` ends with a workflow file's extension.
    public static func hasExtension(_ path: some StringProtocol) -> Bool {
        extensions.contains { path.hasSuffix($0) }
    }

    /// Whether the repository path `path` is a workflow file below `folder` (at any depth,
    /// hidden components included).
    public static func isWorkflow(_ path: String?, in folder: String = workflowsFolder) -> Bool {
        guard let path, path.hasPrefix(folder + "/") else { return false }
        return hasExtension(path)
    }

    /// Whether a walk of a work tree enters the folder named `name`: every one but `.git`,
    /// which is not the repository's content (no commit holds it).
    public static func isWalked(folder name: some StringProtocol) -> Bool {
        name != ".git"
    }
}
