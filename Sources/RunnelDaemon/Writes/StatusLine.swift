/// Sets a workflow file's top-level `status:` without touching the rest of the text: the
/// line is replaced when there is one, otherwise added after `name:` (or first).
enum StatusLine {
    static func set(_ status: String, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let index = lines.firstIndex(where: { $0.hasPrefix("status:") }) {
            let comment = lines[index].range(of: " #").map { String(lines[index][$0.lowerBound...]) } ?? ""
            lines[index] = "status: \(status)\(comment)"
        } else if let name = lines.firstIndex(where: { $0.hasPrefix("name:") }) {
            lines.insert("status: \(status)", at: name + 1)
        } else {
            lines.insert("status: \(status)", at: 0)
        }
        return lines.joined(separator: "\n")
    }
}
