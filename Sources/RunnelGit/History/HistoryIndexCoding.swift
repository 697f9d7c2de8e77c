#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The index file's text format (version 1), one record a line, fields escaped
/// (`\\`, `\t`, `\n`):
///
///     runnel-history 1
///     line main
///     tip <40 hex digits, or ->
///     commits <count>
///     <id> <unix time> <utc offset minutes> <author>\t<email>\t<subject>     (oldest first)
///     paths <count>
///     <path>\t<event>\t<event>…     event = <commit position><A|M|D|F|T>[<other path>]
enum HistoryIndexCoding {
    static let magic = "runnel-history 1"

    static func encode(_ index: HistoryIndex) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(index.buffer.count + index.appendedCommits.count * 120 + 4096)
        func line(_ s: String) { out += Array(s.utf8); out.append(10) }
        line(magic)
        line("line " + escape(index.line))
        line("tip " + (index.tip?.hex ?? "-"))
        line("commits \(index.commitCount)")
        for range in index.commitLines { out += index.buffer[range]; out.append(10) }
        for c in index.appendedCommits {
            line("\(c.id.hex) \(c.time) \(c.offset) \(escape(c.author))\t\(escape(c.email))\t\(escape(c.subject))")
        }
        let paths = index.paths
        line("paths \(paths.count)")
        for path in paths {
            if index.decodedEvents[path] == nil, let range = index.pathLines[path] {
                out += index.buffer[range]
                out.append(10)
                continue
            }
            var text = escape(path)
            for event in index.events(of: path) {
                text += "\t\(event.commit)" + String(UnicodeScalar(event.kind.rawValue)) + (event.other.map(escape) ?? "")
            }
            line(text)
        }
        return out
    }

    /// Reads an index file; `nil` when it is not one (then it is rebuilt).
    static func decode(_ bytes: [UInt8]) -> HistoryIndex? {
        var lines: [Range<Int>] = []
        lines.reserveCapacity(bytes.count / 60)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                guard let hit = memchr(base + start, 10, buffer.count - start) else { break }
                let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                lines.append(start..<end)
                start = end + 1
            }
        }
        func text(_ i: Int) -> String? { i < lines.count ? String(decoding: bytes[lines[i]], as: UTF8.self) : nil }
        guard text(0) == magic, let lineText = text(1), lineText.hasPrefix("line "), let tipText = text(2), tipText.hasPrefix("tip "),
              let countText = text(3), countText.hasPrefix("commits "), let commitCount = Int(countText.dropFirst(8)),
              commitCount >= 0, lines.count >= 5 + commitCount,
              let pathsText = text(4 + commitCount), pathsText.hasPrefix("paths "), let pathCount = Int(pathsText.dropFirst(6)),
              lines.count == 5 + commitCount + pathCount
        else { return nil }
        let tip = tipText == "tip -" ? nil : ObjectID(hex: String(tipText.dropFirst(4)))
        if tip == nil, tipText != "tip -" { return nil }
        var index = HistoryIndex(line: unescape(Substring(lineText.dropFirst(5))), tip: tip)
        index.buffer = bytes
        index.commitLines = Array(lines[4..<(4 + commitCount)])
        for range in lines[(5 + commitCount)...] {
            let tab = bytes[range].firstIndex(of: 9) ?? range.upperBound
            index.pathLines[unescape(Substring(decoding: bytes[range.lowerBound..<tab], as: UTF8.self))] = range
        }
        return index
    }

    static func decodeCommit(_ line: ArraySlice<UInt8>) -> CommitRecord? {
        let fields = line.split(separator: 32, maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, let id = ObjectID(hex: String(decoding: fields[0], as: UTF8.self)),
              let time = Int64(String(decoding: fields[1], as: UTF8.self)),
              let offset = Int(String(decoding: fields[2], as: UTF8.self)) else { return nil }
        let rest = fields[3].split(separator: 9, maxSplits: 2, omittingEmptySubsequences: false)
        func field(_ i: Int) -> String { i < rest.count ? unescape(Substring(decoding: rest[i], as: UTF8.self)) : "" }
        return CommitRecord(id: id, time: time, offset: offset, author: field(0), email: field(1), subject: field(2))
    }

    static func decodeEvents(_ line: ArraySlice<UInt8>) -> [PathEvent] {
        var events: [PathEvent] = []
        for token in line.split(separator: 9, omittingEmptySubsequences: false).dropFirst() {
            var number = 0
            var position = token.startIndex
            while position < token.endIndex, (48...57).contains(token[position]) {
                number = number * 10 + Int(token[position] - 48)
                position += 1
            }
            guard position < token.endIndex, let kind = PathEvent.Kind(rawValue: token[position]) else { continue }
            let rest = token[(position + 1)...]
            let other = rest.isEmpty ? nil : unescape(Substring(decoding: rest, as: UTF8.self))
            events.append(PathEvent(commit: number, kind: kind, other: other))
        }
        return events
    }

    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: Substring) -> String {
        guard s.utf8.contains(92) else { return String(s) }
        var out = ""
        var escaping = false
        for c in s.unicodeScalars {
            if escaping {
                switch c {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
