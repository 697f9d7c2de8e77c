import RunnelCore

/// Sets or removes one top-level key of a workflow file (`connections:`, `publish:`) without
/// touching the rest of the text: the key's block of lines is replaced (or inserted before
/// `steps:`, or cut), and the result is read back and compared with the intended tree; when
/// it doesn't read back so (flow style, unusual layouts), the whole file is written again
/// from its parsed tree, without its comments (as ``ScheduleEdit``).
enum TopLevelEdit {
    /// `text` with top-level `key` set to `value` (nil: removed); nil when `text` isn't a
    /// workflow mapping.
    static func setting(_ key: String, to value: SourceValue?, in text: String) -> String? {
        guard let root = WorkflowLoader.load(path: "workflows/edit.yaml", text: text).workflow?.source, var members = root.members else {
            return nil
        }
        let member = value.map { SourceValue.Member(key: Located(key, at: .start), value: $0) }
        if let index = members.firstIndex(where: { $0.key.value == key }) {
            if let member { members[index] = member } else { members.remove(at: index) }
        } else if let member {
            members.insert(member, at: members.firstIndex { $0.key.value == "steps" } ?? members.endIndex)
        }
        let expected = SourceValue(.object(members), at: root.location)
        let block = member.map { SourceValue(.object([$0]), at: .start).yamlText() } ?? ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let blockLines = block.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if let start = lines.firstIndex(where: { $0 == key + ":" || $0.hasPrefix(key + ": ") || $0.hasPrefix(key + ":#") }) {
            var end = start + 1
            while end < lines.count, lines[end].isEmpty || lines[end].hasPrefix(" ") || lines[end].hasPrefix("\t") { end += 1 }
            // Blank lines after the block stay with what follows.
            while end > start + 1, lines[end - 1].allSatisfy({ $0 == " " || $0 == "\t" }) { end -= 1 }
            lines.replaceSubrange(start..<end, with: blockLines)
        } else if !blockLines.isEmpty {
            let at = lines.firstIndex { $0 == "steps:" || $0.hasPrefix("steps: ") } ?? lines.endIndex
            lines.insert(contentsOf: blockLines, at: at)
        }
        let edited = lines.joined(separator: "\n")
        if WorkflowLoader.load(path: "workflows/edit.yaml", text: edited).workflow?.source.json == expected.json { return edited }
        return expected.yamlText()
    }
}
