import Testing
@testable import RunnelCore

/// Workflows at the size limits: long chains and cycles, the step limit, nesting and alias
/// expansion bounds. Each once crashed the validator or let a huge definition through.
@Suite struct LargeWorkflowTests {
    /// `count` script steps, each depending on the one before (and the first on the last
    /// when `cycle`), each reading the previous step's output when `references`.
    static func chain(_ count: Int, cycle: Bool = false, references: Bool = false) -> String {
        var text = "name: chain\nsteps:\n"
        for i in 0..<count {
            let previous = i > 0 ? "s\(i - 1)" : cycle ? "s\(count - 1)" : nil
            text += "  - {id: s\(i), type: wait, config: {duration: 1s}"
            if let previous {
                text += ", depends_on: [\(previous)]"
                if references { text += ", if: steps.\(previous).output" }
            }
            text += "}\n"
        }
        return text
    }

    static func diagnostics(_ text: String) -> [Diagnostic] {
        Validator.validate(WorkflowLoader.load(path: "workflows/big.yaml", text: text))
    }

    @Test func tenThousandStepCycleIsOneShortDiagnostic() throws {
        let diagnostics = Self.diagnostics(Self.chain(10_000, cycle: true))
        let only = try #require(diagnostics.count == 1 ? diagnostics.first : nil, "\(diagnostics.prefix(3))")
        #expect(only.rule == "cycle")
        #expect(only.message.hasPrefix("Cycle detected: s0 → s1 → "))
        #expect(only.message.hasSuffix("→ s9999 → s0 (10000 steps)"))
        #expect(only.message.count < 400)
    }

    @Test func tenThousandStepChainWithReferencesIsValid() {
        #expect(Self.diagnostics(Self.chain(10_000, references: true)).isEmpty)
    }

    @Test func referenceToAStepNotUpstreamIsStillFoundInALongChain() {
        // s9999 reads s5000 (upstream, fine); s10 reads s20 (downstream): one error.
        var text = Self.chain(10_000)
        text += "outputs: {x: \"${{ steps.s5000.status }}\"}\n"
        text = text.replacingOccurrences(of: "{id: s10, type: wait, config: {duration: 1s}",
                                         with: "{id: s10, type: wait, if: \"steps.s20.status == 'x'\", config: {duration: 1s}")
        text = text.replacingOccurrences(of: "{id: s9999, type: wait, config: {duration: 1s}",
                                         with: "{id: s9999, type: wait, if: \"steps.s5000.status == 'x'\", config: {duration: 1s}")
        let diagnostics = Self.diagnostics(text)
        #expect(diagnostics.map(\.message) == ["Step 's10' uses 'steps.s20' but 's20' is not upstream of it; add 's20' to its depends_on"])
    }

    @Test func reachabilityFollowsBranchesAndDiamonds() {
        let text = """
            name: diamond
            steps:
              - {id: a, type: wait, config: {duration: 1s}}
              - {id: b, type: wait, depends_on: [a], config: {duration: 1s}}
              - {id: c, type: wait, depends_on: [a], if: "steps.b.status == 'x'", config: {duration: 1s}}
              - {id: d, type: wait, depends_on: [b, c], if: "steps.a.status == steps.c.status", config: {duration: 1s}}
              - id: gate
                type: condition
                depends_on: [d]
                config: {condition: "true", then: [e]}
              - {id: e, type: wait, if: "steps.a.status == steps.gate.status", config: {duration: 1s}}

            """
        #expect(Self.diagnostics(text).map(\.message) == [
            "Step 'c' uses 'steps.b' but 'b' is not upstream of it; add 'b' to its depends_on",
        ])
    }

    @Test func stepLimit() {
        #expect(Self.diagnostics(Self.chain(Workflow.maxSteps)).isEmpty)
        let result = WorkflowLoader.load(path: "workflows/big.yaml", text: Self.chain(Workflow.maxSteps + 1))
        #expect(result.workflow == nil)
        #expect(result.diagnostics.map(\.rule) == ["step-limit"])
        #expect(result.diagnostics.first?.message.hasPrefix("the workflow has 10001 steps; a workflow may have at most 10000") == true)
    }

    @Test func nestingDeeperThanTheLimitIsRefused() {
        let nested = { (depth: Int) in
            "name: deep\nsteps: [{id: a, type: wait, config: {duration: 1s}}]\ndescription: x\non: {}\nenv: {}\noutputs: {x: "
                + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}\n"
        }
        // `outputs` is level 1, its mapping level 2, the value's lists from level 3 on.
        #expect(WorkflowLoader.load(path: "d.yaml", text: nested(YAMLReader.maxDepth - 2)).diagnostics.allSatisfy { $0.rule != "syntax" })
        let refused = WorkflowLoader.load(path: "d.yaml", text: nested(YAMLReader.maxDepth - 1)).diagnostics
        #expect(refused.map(\.message) == ["YAML is nested too deeply (more than 100 levels)"])
    }

    @Test func oneLargeAnchoredStringUsedManyTimesIsRefused() {
        let big = String(repeating: "x", count: 100_000)
        let text = "name: &big \"\(big)\"\ntags: [" + Array(repeating: "*big", count: 2_000).joined(separator: ", ")
            + "]\nsteps: [{id: a, type: wait, config: {duration: 1s}}]\n"
        #expect(text.utf8.count < 120_000)
        let result = WorkflowLoader.load(path: "workflows/big.yaml", text: text)
        #expect(result.workflow == nil)
        #expect(result.diagnostics.map(\.message) == ["document expands to more than 4 MB of text (an anchored value used by many aliases?)"])
        // Reported at the anchor, whose node every alias shares.
        #expect(result.diagnostics.first?.location.line == 1)
        // Forty uses (4 MB would be 41) are fine.
        let fine = "name: &big \"\(big)\"\ntags: [" + Array(repeating: "*big", count: 40).joined(separator: ", ")
            + "]\nsteps: [{id: a, type: wait, config: {duration: 1s}}]\n"
        #expect(WorkflowLoader.load(path: "workflows/big.yaml", text: fine).diagnostics.isEmpty)
    }
}
