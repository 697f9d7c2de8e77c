import Foundation

/// A piece of a knowledge file: a section under a heading, or part of one, of about
/// 1,000–2,000 characters.
public struct KnowledgeChunk: Sendable, Hashable {
    /// The file's path from the repository root.
    public var file: String
    /// The headings above the chunk, outermost first, joined with " > " (empty before the first heading).
    public var heading: String
    /// The text.
    public var text: String

    /// Creates a chunk.
    public init(file: String, heading: String, text: String) {
        self.file = file
        self.heading = heading
        self.text = text
    }
}

/// Cuts Markdown and text files into chunks: at every heading (`#` to `######`), and within a
/// section at blank lines once a chunk reaches ``targetSize`` characters; a paragraph longer
/// than ``maximumSize`` is cut at line breaks, then hard.
public enum KnowledgeChunker {
    /// A chunk is closed at the next paragraph break after this many characters.
    public static let targetSize = 1200
    /// No chunk is longer than this.
    public static let maximumSize = 2000

    /// The chunks of one file.
    public static func chunks(of text: String, file: String) -> [KnowledgeChunk] {
        var chunks: [KnowledgeChunk] = []
        var headings: [(level: Int, title: String)] = []
        var current = ""
        var paragraph = ""
        var inFence = false

        func headingPath() -> String { headings.map(\.title).joined(separator: " > ") }
        func closeChunk() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { chunks.append(KnowledgeChunk(file: file, heading: headingPath(), text: trimmed)) }
            current = ""
        }
        func closeParagraph() {
            let piece = paragraph
            paragraph = ""
            guard !piece.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
            for part in split(piece) {
                if !current.isEmpty, current.count + part.count > maximumSize { closeChunk() }
                current += (current.isEmpty ? "" : "\n\n") + part
                if current.count >= targetSize { closeChunk() }
            }
        }

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle() }
            if !inFence, let heading = heading(line) {
                closeParagraph()
                closeChunk()
                headings.removeAll { $0.level >= heading.level }
                headings.append(heading)
                continue
            }
            if !inFence, line.trimmingCharacters(in: .whitespaces).isEmpty {
                closeParagraph()
            } else {
                paragraph += (paragraph.isEmpty ? "" : "\n") + line
            }
        }
        closeParagraph()
        closeChunk()
        return chunks
    }

    /// `# Title` → (1, "Title").
    static func heading(_ line: String) -> (level: Int, title: String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var title = rest.trimmingCharacters(in: .whitespaces)
        while title.hasSuffix("#") { title.removeLast() }
        return (hashes, title.trimmingCharacters(in: .whitespaces))
    }

    /// A paragraph in pieces of at most ``maximumSize`` characters: at line breaks, else hard.
    static func split(_ paragraph: String) -> [String] {
        guard paragraph.count > maximumSize else { return [paragraph] }
        var pieces: [String] = []
        var piece = ""
        for line in paragraph.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(line)
            while line.count > maximumSize {
                if !piece.isEmpty { pieces.append(piece); piece = "" }
                // Cut at the last space of the allowed length, when it is in its second half.
                var head = line.prefix(maximumSize)
                if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) > maximumSize / 2 {
                    head = head[..<space]
                }
                pieces.append(String(head))
                line = line[head.endIndex...].drop { $0 == " " }
            }
            if piece.count + line.count + 1 > maximumSize, !piece.isEmpty { pieces.append(piece); piece = "" }
            piece += (piece.isEmpty ? "" : "\n") + line
        }
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }
}
