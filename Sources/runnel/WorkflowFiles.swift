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
    /// recursively, hidden ones too: ``WorkflowFile`` says what is walked), sorted. A path
    /// that does not exist is a usage error.
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
            for case let relative as String in enumerator {
                if !WorkflowFile.isWalked(folder: (relative as NSString).lastPathComponent) {
                    enumerator.skipDescendants()
                } else if WorkflowFile.hasExtension(relative) {
                    found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
                }
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

    /// Loads one file: a symbolic link (or a file below a linked folder of the repository)
    /// is not read but gets a `symlink` error, as in `runnel check` and the daemon.
    static func load(_ path: String, displayPath: String, root: String = repositoryRoot()) -> LoadResult {
        LocalFiles.load(path, displayPath: displayPath, root: root, shownLink: WorkflowFiles.displayPath)
    }

    /// Loads `files` on every core (``LocalFiles/loadAll(_:root:shownLink:)``), in order.
    static func loadAll(_ files: [String], root: String) -> [LoadResult] {
        LocalFiles.loadAll(files.map { ($0, displayPath($0)) }, root: root, shownLink: { WorkflowFiles.displayPath($0) })
    }

    /// The workflows in `root/workflows`, for cross-file checks; files already in `loaded`
    /// (by display path) are not read again. `nil` when the folder doesn't exist.
    static func catalog(root: String, loaded: [LoadResult]) -> WorkflowCatalog? {
        let folder = (root as NSString).appendingPathComponent("workflows")
        guard let files = try? collect([folder]) else { return nil }
        let byPath = Dictionary(loaded.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let displays = files.map(displayPath)
        let missing = zip(files, displays).filter { byPath[$0.1] == nil }.map { (path: $0.0, displayPath: $0.1) }
        let fresh = LocalFiles.loadAll(missing, root: root, shownLink: { WorkflowFiles.displayPath($0) })
        let freshByPath = Dictionary(fresh.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        return WorkflowCatalog(displays.compactMap { byPath[$0] ?? freshByPath[$0] })
    }

    /// `path` relative to the current folder when it is inside it.
    static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if absolute.hasPrefix(cwd + "/") { return String(absolute.dropFirst(cwd.count + 1)) }
        return path
    }
}
