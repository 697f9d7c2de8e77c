/// What a rule sees of one file, and where it reports.
struct RuleContext {
    let workflow: Workflow
    let file: String
    let text: SourceText
    let isTemplate: Bool
    /// The graph of the main steps.
    let graph: StepGraph
    /// The graph of the `on_failure` steps.
    let failureGraph: StepGraph
    /// Every expression, parsed.
    let expressions: ExpressionSites
    /// Ids of the workflows known in the repository, when the caller knows them.
    let knownWorkflows: WorkflowCatalog?
    /// Every step, nested loop steps and `on_failure` steps included, in file order.
    let allSteps: [Step]
    private(set) var diagnostics: [Diagnostic] = []

    init(workflow: Workflow, text: String, knownWorkflows: WorkflowCatalog?) {
        self.workflow = workflow
        self.file = workflow.path
        self.text = SourceText(text)
        self.isTemplate = WorkflowID.isTemplate(path: workflow.path)
        self.graph = StepGraph(steps: workflow.steps)
        self.failureGraph = StepGraph(steps: workflow.onFailure)
        self.expressions = ExpressionSites(workflow: workflow, text: self.text, isTemplate: isTemplate)
        self.knownWorkflows = knownWorkflows
        self.allSteps = workflow.allSteps
    }

    mutating func error(_ message: String, at location: SourceLocation, rule: String) {
        diagnostics.append(Diagnostic(.error, message, file: file, at: location, rule: rule))
    }

    mutating func warning(_ message: String, at location: SourceLocation, rule: String) {
        diagnostics.append(Diagnostic(.warning, message, file: file, at: location, rule: rule))
    }
}

/// One check over a workflow. Each rule has an id that `# runnel-ignore: <id>` names.
protocol ValidationRule: Sendable {
    /// Runs the check, reporting into `context`.
    static func check(_ context: inout RuleContext)
}
