import Foundation
import Synchronization

/// Reading workflow files from a folder on disk (`runnel validate`, `runnel run`): never
/// through a symbolic link, so that no path leaves the repository.
public enum LocalFiles {
    /// The first symbolic link on the way to `path`: the file itself, or a folder between
    /// `root` and it (folders above `root` are the user's business); `nil` when none is.
    /// - Parameters:
    ///   - path: The file, absolute or relative to the current folder.
    ///   - root: The repository's root folder.
    public static func link(on path: String, root: String) -> String? {
        let file = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = URL(fileURLWithPath: root).standardizedFileURL.path
        var candidates = [file]
        if file.hasPrefix(base + "/") {
            // Each folder from the root down to the file.
            var folder = base
            for part in file.dropFirst(base.count + 1).split(separator: "/").dropLast() {
                folder += "/" + part
                candidates.insert(folder, at: candidates.count - 1)
            }
        }
        return candidates.first(where: isLink)
    }

    /// Whether `path` itself (not what it points to) is a symbolic link.
    public static func isLink(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    /// Loads one workflow file from disk: a link (see ``link(on:root:)``) is not read and
    /// gets a `symlink` error; an unreadable file is a diagnostic, not a crash.
    /// - Parameters:
    ///   - path: The file to read.
    ///   - displayPath: The path diagnostics name (relative to the current folder).
    ///   - shownLink: Turns the path of a linked folder into the form diagnostics show.
    ///   - root: The repository's root folder.
    public static func load(_ path: String, displayPath: String, root: String, shownLink: (String) -> String = { $0 }) -> LoadResult {
        if let link = link(on: path, root: root) {
            let shown = shownLink(link)
            return WorkflowLoader.symlink(path: displayPath, link: shown == displayPath ? nil : shown)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let diagnostic = Diagnostic(.error, "cannot read the file", file: displayPath, at: .start, rule: "syntax")
            return LoadResult(path: displayPath, text: "", workflow: nil, diagnostics: [diagnostic])
        }
        return WorkflowLoader.load(path: displayPath, bytes: [UInt8](data))
    }

    /// ``load(_:displayPath:root:shownLink:)`` for every file, on every core; the results
    /// keep the order of `files`. What `runnel validate` runs (and the benchmark measures).
    public static func loadAll(_ files: [(path: String, displayPath: String)], root: String,
                               shownLink: @Sendable (String) -> String = { $0 }) -> [LoadResult] {
        Parallel.map(files.count) { load(files[$0].path, displayPath: files[$0].displayPath, root: root, shownLink: shownLink) }
    }
}
