import Foundation

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
}
