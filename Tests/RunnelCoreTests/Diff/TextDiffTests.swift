import Testing

@testable import RunnelCore

@Suite struct TextDiffTests {
    @Test func unifiedDiffWithContextAndHunks() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        var lines = (1...20).map { "line \($0)" }
        lines[1] = "line two"
        lines.remove(at: 15)
        lines.append("line 21")
        let new = lines.joined(separator: "\n") + "\n"
        #expect(TextDiff.unified(old, new, oldName: "a/w.yaml", newName: "b/w.yaml") == """
            --- a/w.yaml
            +++ b/w.yaml
            @@ -1,5 +1,5 @@
             line 1
            -line 2
            +line two
             line 3
             line 4
             line 5
            @@ -13,8 +13,8 @@
             line 13
             line 14
             line 15
            -line 16
             line 17
             line 18
             line 19
             line 20
            +line 21

            """)
    }

    @Test func equalTextsHaveNoDiffAndEmptySidesUseZeroRanges() {
        #expect(TextDiff.unified("a\nb\n", "a\nb\n") == "")
        #expect(TextDiff.unified("", "x\ny\n") == "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n")
        #expect(TextDiff.unified("x\n", "") == "--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n")
    }

    @Test func theScriptIsMinimalAndReproducesTheNewText() {
        var random = SplitMix(seed: 7)
        for _ in 0..<300 {
            let a = (0..<random.below(15)).map { _ in Substring("l\(random.below(5))") }
            let b = (0..<random.below(15)).map { _ in Substring("l\(random.below(5))") }
            let script = TextDiff.script(a, b)
            var rebuilt: [Substring] = []
            var kept = 0
            for edit in script {
                switch edit {
                case .same(let x, _): rebuilt.append(a[x]); kept += 1
                case .insert(_, let y): rebuilt.append(b[y])
                case .delete: break
                }
            }
            #expect(rebuilt == b)
            #expect(kept == lcs(a, b), "Myers finds a longest common subsequence")
        }
    }

    @Test func largeUnrelatedTextsStayFast() {
        let a = (0..<20_000).map { "a\($0)" }.joined(separator: "\n")
        let b = (0..<20_000).map { "b\($0)" }.joined(separator: "\n")
        let diff = TextDiff.unified("same\n" + a + "\nend\n", "same\n" + b + "\nend\n")
        #expect(diff.hasPrefix("--- a\n+++ b\n@@ -1,20002 +1,20002 @@\n same\n-a0\n"))
        #expect(diff.hasSuffix("+b19999\n end\n"))
    }

    func lcs(_ a: [Substring], _ b: [Substring]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }
}
