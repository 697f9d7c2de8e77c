import Foundation
import RunnelCore

/// Finds workflow files on disk and loads them.
enum WorkflowFiles {
    /// The enclosing repository's root: the nearest folder, from `start` up, holding `.git`
    /// or `workflows/`; `start` itself when there is none.
    static func repositoryRoot(from start: String = FileManager.default.currentDirectoryPath) -> String {
        var url = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            for marker in [".git", "workflows"] where FileManager.default.fileExists(atPath: url.appendingPathComponent(marker).path) {
                return url.path
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return start }
            url = parent
        }
    }

    /// The `.yaml`/`.yml` files named by `paths` (files as given, folders searched
    /// recursively), sorted. A path that does not exist is a usage error.
    static func collect(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError.usage("no such file or directory: \(path)")
            }
            if !isDirectory.boolValue {
                files.append(path)
                continue
            }
            guard let enumerator = FileManager.default.enumerator(atPath: path) else { continue }
            var found: [String] = []
            for case let relative as String in enumerator where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
            }
            files += found.sorted()
        }
        return files
    }

    /// The default paths: `workflows/` and `templates/` of the repository, those that exist.
    static func defaultPaths(root: String) -> [String] {
        ["workflows", "templates"].map { (root as NSString).appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Loads one file (an unreadable file becomes a diagnostic, not a crash). A file that
    /// is a symbolic link, or lies below a linked folder of the repository, is not read:
    /// it gets a `symlink` error, as in `runnel check` and the daemon.
    static func load(_ path: String, displayPath: String, root: String = repositoryRoot()) -> LoadResult {
        if let link = LocalFiles.link(on: path, root: root) {
            let linkPath = WorkflowFiles.displayPath(link)
            return WorkflowLoader.symlink(path: displayPath, link: linkPath == displayPath ? nil : linkPath)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let diagnostic = Diagnostic(.error, "cannot read the file", file: displayPath, at: .start, rule: "syntax")
            return LoadResult(path: displayPath, text: "", workflow: nil, diagnostics: [diagnostic])
        }
        return WorkflowLoader.load(path: displayPath, bytes: [UInt8](data))
    }

    /// The workflows in `root/workflows`, for cross-file checks; files already in `loaded`
    /// (by display path) are not read again. `nil` when the folder doesn't exist.
    static func catalog(root: String, loaded: [LoadResult]) -> WorkflowCatalog? {
        let folder = (root as NSString).appendingPathComponent("workflows")
        guard let files = try? collect([folder]) else { return nil }
        let byPath = Dictionary(loaded.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        return WorkflowCatalog(files.map { file in
            let display = displayPath(file)
            return byPath[display] ?? load(file, displayPath: display, root: root)
        })
    }

    /// `path` relative to the current folder when it is inside it.
    static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if absolute.hasPrefix(cwd + "/") { return String(absolute.dropFirst(cwd.count + 1)) }
        return path
    }
}
