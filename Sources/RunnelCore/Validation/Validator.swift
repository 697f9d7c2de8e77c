import Foundation
import Synchronization

/// Checks workflow files and collects every problem in one pass, as actionlint does.
public enum Validator {
    /// The rules run on every loaded workflow, in order.
    static let rules: [any ValidationRule.Type] = [
        DuplicateStepIDRule.self, DependsOnRule.self, CycleRule.self, BranchTargetRule.self,
        ExpressionSyntaxRule.self, ContextRule.self, FunctionRule.self, StepReferenceRule.self,
        InputReferenceRule.self, SecretRule.self, ScriptInjectionRule.self, InputDefaultRule.self,
        ScheduleRule.self, TriggerInputsRule.self, TriggerIDRule.self, ToolReferenceRule.self, WorkflowReferenceRule.self, IfConditionRule.self,
        WaitUntilRule.self, KnowledgeFolderRule.self, ConnectionReferenceRule.self,
    ]

    /// Every problem of one file: the loader's and the rules', minus those silenced by
    /// `# runnel-ignore` comments, sorted by position.
    /// - Parameters:
    ///   - result: The loaded file.
    ///   - knownWorkflows: The repository's workflows, to check `workflow` steps, tools and
    ///     triggers against (ids and inputs); `nil` skips those checks.
    public static func validate(_ result: LoadResult, knownWorkflows: WorkflowCatalog? = nil) -> [Diagnostic] {
        var diagnostics = result.diagnostics
        if let workflow = result.workflow {
            var context = RuleContext(workflow: workflow, text: result.text, knownWorkflows: knownWorkflows)
            for rule in rules { rule.check(&context) }
            diagnostics += context.diagnostics
        }
        return filtered(diagnostics, text: result.text)
    }

    /// Every problem of a set of files, with the cross-file check that no two workflows
    /// (or two templates) share an id.
    ///
    /// Files are checked on every core; the diagnostics keep the order of `results`.
    public static func validate(_ results: [LoadResult], knownWorkflows: WorkflowCatalog? = nil) -> [Diagnostic] {
        var diagnostics = validateEach(results, knownWorkflows: knownWorkflows).flatMap { $0 }
        var owners: [String: String] = [:]
        for result in results {
            let id = WorkflowID.from(path: result.path)
            let key = (WorkflowID.isTemplate(path: result.path) ? "template:" : "workflow:") + id
            if let owner = owners[key] {
                diagnostics += duplicateID(result, owner: owner)
            } else {
                owners[key] = result.path
            }
        }
        return diagnostics
    }

    /// Each file's own problems (``validate(_:knownWorkflows:)`` of one file), computed on
    /// every core, in the order of `results`.
    public static func validateEach(_ results: [LoadResult], knownWorkflows: WorkflowCatalog? = nil) -> [[Diagnostic]] {
        Parallel.map(results.count) { validate(results[$0], knownWorkflows: knownWorkflows) }
    }

    /// The problem of `result` sharing its workflow id with the file at `owner`.
    public static func duplicateID(_ result: LoadResult, owner: String) -> [Diagnostic] {
        let duplicate = Diagnostic(.error, "workflow id '\(WorkflowID.from(path: result.path))' is also defined by \(owner); rename one of the files",
                                   file: result.path, at: .start, rule: "duplicate-workflow-id")
        return filtered([duplicate], text: result.text)
    }

    private static func filtered(_ diagnostics: [Diagnostic], text: String) -> [Diagnostic] {
        let ignores = IgnoreComments(text: text)
        return Array(Set(diagnostics)).filter { !ignores.ignores($0) }.sorted()
    }
}
