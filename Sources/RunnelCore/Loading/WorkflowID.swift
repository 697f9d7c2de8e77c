/// Workflow ids: derived from paths, checked for safety.
public enum WorkflowID {
    /// The id of the workflow in file `path`: the part below the last `workflows/` (or
    /// `templates/`) folder, without the `.yaml`/`.yml` extension; the file name alone when
    /// the path has no such folder.
    public static func from(path: String) -> String {
        var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if let root = components.lastIndex(where: { $0 == "workflows" || $0 == "templates" }), root < components.count - 1 {
            components = Array(components[(root + 1)...])
        } else if let last = components.last {
            components = [last]
        }
        var id = components.joined(separator: "/")
        for ext in WorkflowFile.extensions where id.hasSuffix(ext) {
            id.removeLast(ext.count)
        }
        return id
    }

    /// Whether `path` is below a `templates/` folder.
    public static func isTemplate(path: String) -> Bool {
        let components = path.split(separator: "/")
        guard let root = components.lastIndex(where: { $0 == "workflows" || $0 == "templates" }) else { return false }
        return components[root] == "templates"
    }

    /// Why `id` is not a valid workflow id, or `nil` when it is.
    ///
    /// Ids are relative paths of segments made of letters, digits, `_`, `-` and `.`; a segment
    /// may not start with `.` (so no `..`), and there are no empty segments.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "workflow id is empty" }
        if id.hasPrefix("/") { return "workflow id '\(id)' is an absolute path" }
        if id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "workflow id contains a control character"
        }
        if id.count > 200 { return "workflow id is longer than 200 characters" }
        for segment in id.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { return "workflow id '\(id)' has an empty path segment" }
            if segment.hasPrefix(".") { return "workflow id '\(id)' has a segment starting with '.'" }
            if let bad = segment.unicodeScalars.first(where: { !isAllowed($0) }) {
                return "workflow id '\(id)' contains '\(bad)'; use letters, digits, '_', '-', '.' and '/'"
            }
        }
        return nil
    }

    private static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".": true
        default: false
        }
    }
}
