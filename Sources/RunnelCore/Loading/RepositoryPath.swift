/// Paths of files and folders inside a repository.
public enum RepositoryPath {
    /// `folder` as a relative path without `.` parts, doubled or trailing slashes, or nil when
    /// it leaves the repository (absolute, `..`, control characters) or is empty.
    public static func normalizedFolder(_ folder: String) -> String? {
        guard !folder.hasPrefix("/") else { return nil }
        var parts: [Substring] = []
        for part in folder.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." || part.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) { return nil }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
