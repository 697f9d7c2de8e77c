/// "Did you mean …?" suggestions.
public enum Spelling {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a typo;
    /// on a tie the first in `candidates` wins.
    ///
    /// Cheap per candidate: one whose length differs by more than the allowed edits is
    /// skipped without computing a distance, so checking a reference against 10,000 ids costs
    /// a length comparison for most of them.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        best(for: word, in: candidates) { _, _ in false }
    }

    /// As ``closest(to:in:)``, with ties going to the alphabetically first candidate, so an
    /// unordered collection (a set or a dictionary's keys) needs no sorting first.
    public static func closestAlphabetically(to word: String, in candidates: some Sequence<String>) -> String? {
        best(for: word, in: candidates) { candidate, current in candidate < current }
    }

    private static func best(for word: String, in candidates: some Sequence<String>, preferOnTie: (String, String) -> Bool) -> String? {
        let lowered = word.lowercased()
        let length = lowered.unicodeScalars.count
        let limit = word.count <= 3 ? 1 : word.count <= 5 ? 2 : 3
        var best: (String, Int)?
        for candidate in candidates {
            guard abs(candidate.unicodeScalars.count - length) <= limit else { continue }
            let distance = editDistance(lowered, candidate.lowercased())
            guard distance <= limit else { continue }
            if let current = best, distance > current.1 || (distance == current.1 && !preferOnTie(candidate, current.0)) { continue }
            best = (candidate, distance)
        }
        return best?.0
    }

    /// Levenshtein distance, with a transposition counted as one edit.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
