import RunnelCore

/// Reads the values a script reports: a JSON object on the last non-empty line of stdout,
/// then the `$RUNNEL_OUTPUT` file, whose values win. The file takes `key=value` lines and,
/// as `$GITHUB_OUTPUT` does, multi-line values as `key<<DELIMITER` … `DELIMITER`.
enum ScriptOutput {
    static func parse(stdout: String, outputFile: String) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        if let last = stdout.split(whereSeparator: \.isNewline).last(where: { !$0.allSatisfy(\.isWhitespace) }),
            last.first(where: { !$0.isWhitespace }) == "{",
            case .object(let object)? = try? JSONParser.parse(String(last)) {
            values = object
        }
        for (key, value) in fileValues(outputFile) { values[key] = .string(value) }
        return values
    }

    /// The `key=value` and `key<<EOF` entries of an output file, in order.
    static func fileValues(_ text: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        while let raw = lines.next() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if let range = line.range(of: "<<"), !line[..<range.lowerBound].contains("=") {
                let key = String(line[..<range.lowerBound])
                let delimiter = line[range.upperBound...]
                var body: [Substring] = []
                while let next = lines.next(), next != delimiter, next != delimiter + "\r" { body.append(next) }
                if !key.isEmpty { result.append((key, body.joined(separator: "\n"))) }
            } else if let equals = line.firstIndex(of: "=") {
                let key = String(line[..<equals])
                if !key.isEmpty { result.append((key, String(line[line.index(after: equals)...]))) }
            }
        }
        return result
    }
}
