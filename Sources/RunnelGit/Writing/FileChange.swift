/// One change to a file in a commit that Runnel writes.
public enum FileChange: Sendable, Hashable {
    /// Create or replace the file at `path` with `contents`.
    case write(path: String, contents: [UInt8])
    /// Remove the file at `path`.
    case delete(path: String)

    /// The path the change touches.
    public var path: String {
        switch self {
        case .write(let path, _), .delete(let path): path
        }
    }

    /// Why `path` cannot be written in a commit, or `nil` when it can.
    static func problem(with path: String) -> String? {
        if path.isEmpty { return "empty path" }
        if path.hasPrefix("/") { return "path '\(path)' is absolute" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" }) {
            return "path '\(path)' contains a control character or a backslash"
        }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty || segment == "." || segment == ".." { return "path '\(path)' has an empty, '.' or '..' segment" }
            if segment.lowercased() == ".git" { return "path '\(path)' is inside .git" }
        }
        return nil
    }
}
