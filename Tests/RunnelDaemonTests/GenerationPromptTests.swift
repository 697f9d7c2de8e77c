import RunnelCore
import Testing
@testable import RunnelDaemon

/// What the model is shown must itself be right, and its answers are read forgivingly.
@Suite struct GenerationPromptTests {
    @Test func theExampleInThePromptIsAValidDraft() {
        let result = WorkflowLoader.load(path: "workflows/example.yaml", text: GenerationPrompt.example)
        #expect(Validator.validate(result).isEmpty, "\(Validator.validate(result).map(\.description))")
        #expect(result.workflow?.status == .draft)
        #expect(GenerationPrompt.system(workflows: [], providers: ["default"]).contains(GenerationPrompt.example))
    }

    @Test func theYAMLIsTakenFromAFenceAndForcedToDraft() {
        #expect(WorkflowGenerator.yaml(in: "Sure:\n```yaml\nname: A\n```\nDone.") == "name: A\n")
        #expect(WorkflowGenerator.yaml(in: "name: A") == "name: A\n")
        let text = "name: A\nstatus: active\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"
        let prepared = WorkflowGenerator.prepared(text, schedule: "0 9 * * *")
        #expect(prepared == "name: A\nstatus: draft\non:\n  schedule:\n    - cron: 0 9 * * *\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n")
        #expect(WorkflowGenerator.prepared(prepared, schedule: "0 9 * * *") == prepared, "a schedule that is there is not added twice")
    }
}
