import RunnelCore
import RunnelEngine

/// Asks a chat model for a workflow and repairs it: the answer is validated (with the
/// cross-file checks) and, while it has errors, sent back with the diagnostics
/// (`file:line:col: message [rule]`) for another try, up to ``maxRepairs`` times. The
/// result's `status` is always `draft`.
struct WorkflowGenerator {
    /// The model and the model name to ask for.
    let model: any ChatModel
    let modelName: String
    /// Repair turns after the first answer.
    static let maxRepairs = 3

    /// A valid draft, and how it was reached.
    struct Result {
        /// The workflow's YAML (status `draft`).
        var yaml: String
        /// The workflow it loads as.
        var workflow: Workflow
        /// Model requests made.
        var turns: Int
        /// The errors of each rejected answer, in order.
        var rejected: [[Diagnostic]]
    }

    /// Why no valid draft came out.
    enum Failure: Error {
        /// The model could not be asked.
        case model(ChatError)
        /// Still invalid after the repairs: the last answer and its errors.
        case invalid(yaml: String, diagnostics: [Diagnostic], turns: Int)
    }

    /// Converses with the model until its workflow validates as `path`.
    /// - Parameters:
    ///   - messages: The conversation so far (system prompt and request).
    ///   - path: The file the workflow becomes (`workflows/<id>.yaml`), for the diagnostics.
    ///   - schedule: A cron the workflow must have; added when the model left it out.
    ///   - problems: The candidate's problems, cross-file checks included (``RepositoryValidation``).
    func generate(_ messages: [ChatMessage], path: String, schedule: String?,
                  problems: (LoadResult) -> [Diagnostic]) async throws(Failure) -> Result {
        var conversation = messages
        var rejected: [[Diagnostic]] = []
        var turns = 0
        while true {
            let response: ChatResponse
            do {
                response = try await model.complete(ChatRequest(messages: conversation, model: modelName, temperature: 0.2))
            } catch {
                throw .model(error)
            }
            turns += 1
            let answer = response.message.content ?? ""
            let yaml = Self.prepared(Self.yaml(in: answer), schedule: schedule)
            let result = WorkflowLoader.load(path: path, text: yaml)
            let errors = problems(result).filter { $0.severity == .error }
            if errors.isEmpty, let workflow = result.workflow {
                return Result(yaml: yaml, workflow: workflow, turns: turns, rejected: rejected)
            }
            guard rejected.count < Self.maxRepairs else { throw .invalid(yaml: yaml, diagnostics: errors, turns: turns) }
            rejected.append(errors)
            conversation.append(ChatMessage(.assistant, answer))
            conversation.append(.user(GenerationPrompt.repair(errors, checked: yaml, path: path)))
        }
    }

    /// The YAML of an answer: the first fenced block when there is one, else the text.
    static func yaml(in answer: String) -> String {
        let lines = answer.split(separator: "\n", omittingEmptySubsequences: false)
        guard let open = lines.firstIndex(where: { $0.hasPrefix("```") }),
              let close = lines[(open + 1)...].firstIndex(where: { $0.hasPrefix("```") }) else {
            return answer.hasSuffix("\n") ? answer : answer + "\n"
        }
        return lines[(open + 1)..<close].joined(separator: "\n") + "\n"
    }

    /// `yaml` with `status: draft`, and `schedule` added when no schedule has that cron.
    static func prepared(_ yaml: String, schedule: String?) -> String {
        var text = StatusLine.set("draft", in: yaml)
        if let schedule, let workflow = WorkflowLoader.load(path: "workflows/draft.yaml", text: text).workflow,
           !workflow.triggers.schedules.contains(where: { $0.cron.value == schedule }),
           let edited = ScheduleEdit.adding(WorkflowWriter.NewSchedule(cron: schedule).entry, to: text) {
            text = edited
        }
        return text
    }
}
