import RunnelCore

/// Adds or removes one `on.schedule` entry of a workflow file.
///
/// The user's text is kept: the entry's lines are inserted or cut where the block-style file
/// has them, and the result is read back and compared with the intended definition. When the
/// text can't be edited in place (flow style `on: {…}`, unusual layouts), the whole file is
/// written again from its parsed tree in the order it was written, without its comments.
enum ScheduleEdit {
    /// `text` with `entry` appended to `on.schedule` (created when missing); `nil` when the
    /// text isn't a workflow mapping.
    static func adding(_ entry: SourceValue, to text: String) -> String? {
        guard let root = load(text), var members = root.members else { return nil }
        append(entry, to: &members)
        let edited = Lines(text).adding(entry, root: root)
        return pick(edited, expected: SourceValue(.object(members), at: root.location))
    }

    /// `text` without the `index`th `on.schedule` entry (an empty `schedule` and an empty
    /// `on` removed too); `nil` when there is no such entry.
    static func removing(at index: Int, from text: String) -> String? {
        guard let root = load(text), var members = root.members,
              let on = members.firstIndex(where: { $0.key.value == "on" }), var triggers = members[on].value.members,
              let schedule = triggers.firstIndex(where: { $0.key.value == "schedule" }) else { return nil }
        var items = triggers[schedule].value.items ?? [triggers[schedule].value]
        guard items.indices.contains(index) else { return nil }
        items.remove(at: index)
        if items.isEmpty {
            triggers.remove(at: schedule)
        } else {
            triggers[schedule].value = SourceValue(.array(items), at: triggers[schedule].value.location)
        }
        if triggers.isEmpty { members.remove(at: on) } else { members[on].value = SourceValue(.object(triggers), at: members[on].value.location) }
        let edited = Lines(text).removing(at: index, root: root)
        return pick(edited, expected: SourceValue(.object(members), at: root.location))
    }

    private static func load(_ text: String) -> SourceValue? {
        WorkflowLoader.load(path: "workflows/edit.yaml", text: text).workflow?.source
    }

    /// The edited text when it reads back as `expected`, else `expected` written out.
    private static func pick(_ edited: String?, expected: SourceValue) -> String {
        if let edited, load(edited)?.json == expected.json { return edited }
        return expected.yamlText()
    }

    private static func append(_ entry: SourceValue, to members: inout [SourceValue.Member]) {
        let at = SourceLocation.start
        guard let on = members.firstIndex(where: { $0.key.value == "on" }) else {
            let schedule = SourceValue.Member(key: Located("schedule", at: at), value: SourceValue(.array([entry]), at: at))
            let index = members.firstIndex { $0.key.value == "steps" } ?? members.endIndex
            members.insert(.init(key: Located("on", at: at), value: SourceValue(.object([schedule]), at: at)), at: index)
            return
        }
        var triggers = members[on].value.members ?? []
        if let schedule = triggers.firstIndex(where: { $0.key.value == "schedule" }) {
            let items = (triggers[schedule].value.items ?? [triggers[schedule].value]) + [entry]
            triggers[schedule].value = SourceValue(.array(items), at: triggers[schedule].value.location)
        } else {
            triggers.insert(.init(key: Located("schedule", at: at), value: SourceValue(.array([entry]), at: at)), at: 0)
        }
        members[on].value = SourceValue(.object(triggers), at: members[on].value.location)
    }
}

/// A file's lines, edited by line numbers taken from the parsed tree (1-based).
private struct Lines {
    var lines: [String]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    var text: String { lines.joined(separator: "\n") }

    func adding(_ entry: SourceValue, root: SourceValue) -> String? {
        guard let members = root.members else { return nil }
        let item = SourceValue(.array([entry]), at: .start).yamlText().split(separator: "\n").map(String.init)
        var copy = self
        guard let on = members.firstIndex(where: { $0.key.value == "on" }) else {
            // No triggers yet: a new `on:` before `steps:`.
            guard let steps = members.first(where: { $0.key.value == "steps" }), steps.key.location.column == 1 else { return nil }
            copy.lines.insert(contentsOf: ["on:", "  schedule:"] + item.map { "    " + $0 }, at: steps.key.location.line - 1)
            return copy.text
        }
        guard let triggers = members[on].value.members, let first = triggers.first,
              first.key.location.line > members[on].key.location.line else { return nil }
        guard let schedule = triggers.firstIndex(where: { $0.key.value == "schedule" }) else {
            // `on:` without schedules: `schedule:` becomes its first entry.
            let indent = String(repeating: " ", count: first.key.location.column - 1)
            copy.lines.insert(contentsOf: [indent + "schedule:"] + item.map { indent + "  " + $0 }, at: members[on].key.location.line)
            return copy.text
        }
        guard let items = triggers[schedule].value.items, let head = items.first, let last = items.last,
              let dash = dashColumn(of: head) else { return nil }
        let end = contentEnd(after: last.location.line, before: nextLine(after: schedule, in: triggers, orAfter: on, in: members))
        let indent = String(repeating: " ", count: dash - 1)
        copy.lines.insert(contentsOf: item.map { indent + $0 }, at: end)
        return copy.text
    }

    func removing(at index: Int, root: SourceValue) -> String? {
        guard let members = root.members, let on = members.firstIndex(where: { $0.key.value == "on" }),
              let triggers = members[on].value.members, let schedule = triggers.firstIndex(where: { $0.key.value == "schedule" }),
              let items = triggers[schedule].value.items, items.indices.contains(index),
              dashColumn(of: items[index]) != nil else { return nil }
        let end = contentEnd(after: items[items.count - 1].location.line, before: nextLine(after: schedule, in: triggers, orAfter: on, in: members))
        let start: Int, stop: Int
        if items.count == 1 {
            start = triggers.count == 1 ? members[on].key.location.line : triggers[schedule].key.location.line
            stop = end
        } else {
            start = items[index].location.line
            stop = index + 1 < items.count ? items[index + 1].location.line - 1 : end
        }
        guard start >= 1, stop >= start, stop <= lines.count else { return nil }
        var copy = self
        copy.lines.removeSubrange((start - 1)..<stop)
        return copy.text
    }

    /// The column of the `-` that starts sequence item `item` (on the item's line).
    private func dashColumn(of item: SourceValue) -> Int? {
        guard item.location.line - 1 < lines.count else { return nil }
        let line = Array(lines[item.location.line - 1].unicodeScalars)
        var index = min(item.location.column - 2, line.count - 1)
        while index >= 0, line[index] == " " { index -= 1 }
        guard index >= 0, line[index] == "-", line[..<index].allSatisfy({ $0 == " " }) else { return nil }
        return index + 1
    }

    /// The line where the node after `member` of `members` starts (else after `outer` of
    /// `outerMembers`, else past the end of the file).
    private func nextLine(after member: Int, in members: [SourceValue.Member], orAfter outer: Int, in outerMembers: [SourceValue.Member]) -> Int {
        if member + 1 < members.count { return members[member + 1].key.location.line }
        if outer + 1 < outerMembers.count { return outerMembers[outer + 1].key.location.line }
        return lines.count + 1
    }

    /// The last line before `limit`, not before `first`, that isn't blank or a comment.
    private func contentEnd(after first: Int, before limit: Int) -> Int {
        var line = min(limit - 1, lines.count)
        while line > first {
            let trimmed = lines[line - 1].drop { $0 == " " || $0 == "\t" }
            if !trimmed.isEmpty, !trimmed.hasPrefix("#") { break }
            line -= 1
        }
        return line
    }
}
