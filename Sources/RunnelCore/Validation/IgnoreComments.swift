/// `# runnel-ignore: rule[, rule]` (on the reported line, or alone on the line before it) and
/// `# runnel-ignore-file: rule[, rule]` (anywhere in the file) comments.
struct IgnoreComments {
    private var fileRules: Set<String> = []
    private var lineRules: [Int: Set<String>] = [:]

    init(text: String) {
        guard IgnoreComments.mayContainMarker(text) else { return }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let hash = line.range(of: "# runnel-ignore") else { continue }
            let comment = line[hash.upperBound...]
            let isFile = comment.hasPrefix("-file:")
            guard isFile || comment.hasPrefix(":") else { continue }
            let list = comment.drop { $0 != ":" }.dropFirst()
            let rules = Set(list.split(separator: ",").map { String($0.trimmingSpacesSubstring) }.filter { !$0.isEmpty })
            if isFile {
                fileRules.formUnion(rules)
                continue
            }
            let number = index + 1
            lineRules[number, default: []].formUnion(rules)
            if line[..<hash.lowerBound].allSatisfy({ $0 == " " || $0 == "\t" }) {
                lineRules[number + 1, default: []].formUnion(rules)
            }
        }
    }

    /// A fast byte scan for `runnel-ignore`, so that files without the marker cost nothing.
    static func mayContainMarker(_ text: String) -> Bool {
        let marker = Array("runnel-ignore".utf8)
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= marker.count else { return false }
            var index = 0
            while index <= bytes.count - marker.count {
                if bytes[index] == marker[0], bytes[index + 1] == marker[1] {
                    var match = true
                    for offset in 2..<marker.count where bytes[index + offset] != marker[offset] {
                        match = false
                        break
                    }
                    if match { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// Whether `diagnostic` is silenced by a comment.
    func ignores(_ diagnostic: Diagnostic) -> Bool {
        fileRules.contains(diagnostic.rule) || fileRules.contains("all")
            || lineRules[diagnostic.line].map { $0.contains(diagnostic.rule) || $0.contains("all") } == true
    }
}

extension Substring {
    var trimmingSpacesSubstring: Substring {
        var s = self
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return s
    }
}
