/// `knowledge-folder`: an agent step's `knowledge` folders are paths inside the repository
/// (relative, no `..`), written literally (they are read when the step starts, not evaluated);
/// a step that lists `search_knowledge` without any folder gets a warning (it finds nothing).
enum KnowledgeFolderRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        for step in context.allSteps {
            guard case .agentTask(let agent) = step.config else { continue }
            if agent.knowledge.isEmpty, let search = agent.tools.first(where: { $0.value == "search_knowledge" }) {
                context.warning("step '\(step.id.value)' lists search_knowledge but has no 'knowledge' folders, so the search finds nothing",
                                at: search.location, rule: "knowledge-folder")
            }
            for folder in agent.knowledge {
                if folder.value.contains("${{") {
                    context.error("knowledge folder '\(folder.value)' of step '\(step.id.value)' holds an expression; knowledge folders are literal paths",
                                  at: folder.location, rule: "knowledge-folder")
                } else if RepositoryPath.normalizedFolder(folder.value) == nil {
                    context.error("knowledge folder '\(folder.value)' of step '\(step.id.value)' must be a folder inside the repository (a relative path without '..')",
                                  at: folder.location, rule: "knowledge-folder")
                }
            }
        }
    }
}
