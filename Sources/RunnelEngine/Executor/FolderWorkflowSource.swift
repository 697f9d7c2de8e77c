import Foundation
public import RunnelCore

/// Workflows read from the files of a repository's work tree (`<root>/workflows/<id>.yaml`
/// or `.yml`): what `runnel run` uses. A file with validation errors is refused with them.
public struct FolderWorkflowSource: WorkflowSource {
    /// The folder that holds `workflows/`.
    public let root: String

    /// A source over `root/workflows`.
    public init(root: String) {
        self.root = root
    }

    /// The file of workflow `id`, relative to `root`, when it exists.
    public func path(of id: String) -> String? {
        for ext in ["yaml", "yml"] {
            let relative = "workflows/\(id).\(ext)"
            if FileManager.default.fileExists(atPath: root + "/" + relative) { return relative }
        }
        return nil
    }

    public func workflow(id: String, commit: String?) async throws(EngineError) -> PinnedWorkflow {
        if let problem = WorkflowID.problem(with: id) {
            throw EngineError(.notFound, "'\(id)' is not a workflow id: \(problem)")
        }
        guard let relative = path(of: id) else {
            throw EngineError(.notFound, "workflow '\(id)' not found (no workflows/\(id).yaml in \(root))")
        }
        if ["yaml", "yml"].allSatisfy({ FileManager.default.fileExists(atPath: "\(root)/workflows/\(id).\($0)") }) {
            throw EngineError(.unprocessable, "workflow '\(id)' is invalid: both workflows/\(id).yaml and workflows/\(id).yml exist [duplicate-workflow-id]")
        }
        if let link = LocalFiles.link(on: root + "/" + relative, root: root) {
            let shown = link == root + "/" + relative ? nil : String(link.dropFirst(root.count + 1))
            let diagnostic = WorkflowLoader.symlinkDiagnostic(path: relative, link: shown)
            throw EngineError(.unprocessable, "workflow '\(id)' is invalid:\n\(diagnostic.description)")
        }
        guard let data = FileManager.default.contents(atPath: root + "/" + relative) else {
            throw EngineError(.notFound, "cannot read \(relative)")
        }
        return try PinnedWorkflow.load(id: id, path: relative, bytes: [UInt8](data), commit: commit)
    }

    public func files(under folder: String, commit: String?) async throws(EngineError) -> [RepositoryFile] {
        Self.files(under: folder, root: root)
    }

    /// The regular files below `root/folder` (symbolic links and hidden files skipped, and
    /// nothing when `folder` itself is or lies below a link), sorted by path.
    public static func files(under folder: String, root: String) -> [RepositoryFile] {
        guard let folder = RepositoryFile.normalizedFolder(folder) else { return [] }
        let base = URL(fileURLWithPath: root).appendingPathComponent(folder)
        if LocalFiles.link(on: base.path, root: root) != nil { return [] }
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var files: [RepositoryFile] = []
        let prefix = base.standardizedFileURL.path
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values?.isRegularFile == true, values?.isSymbolicLink != true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix + "/"), let data = FileManager.default.contents(atPath: path) else { continue }
            files.append(RepositoryFile(path: folder + "/" + path.dropFirst(prefix.count + 1), bytes: [UInt8](data)))
        }
        return files.sorted { $0.path < $1.path }
    }
}

extension PinnedWorkflow {
    /// Loads and validates one workflow file; a file with validation errors is refused.
    /// - Throws: ``EngineError`` `.unprocessable` with the first diagnostics.
    public static func load(id: String, path: String, bytes: [UInt8], commit: String?, version: Int? = nil) throws(EngineError) -> PinnedWorkflow {
        let result = WorkflowLoader.load(path: path, bytes: bytes)
        let errors = Validator.validate(result).filter { $0.severity == .error }
        guard errors.isEmpty, let workflow = result.workflow else {
            let shown = errors.prefix(5).map(\.description).joined(separator: "\n")
            let more = errors.count > 5 ? "\n… and \(errors.count - 5) more (run `runnel validate \(path)`)" : ""
            throw EngineError(.unprocessable, "workflow '\(id)' is invalid:\n\(shown)\(more)")
        }
        return PinnedWorkflow(workflow: workflow, commit: commit, version: version)
    }
}
