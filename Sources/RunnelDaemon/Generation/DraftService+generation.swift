public import RunnelCore
import RunnelEngine
import RunnelGit

extension DraftService {
    /// A generated workflow, committed on its draft branch.
    public struct Draft: Sendable {
        /// The workflow id (`workflows/<id>.yaml` on the draft branch).
        public var id: String
        /// The draft branch, `drafts/<id with '/' as '-'>`.
        public var branch: String
        /// The draft commit.
        public var commit: String
        /// The YAML (status `draft`).
        public var yaml: String
        /// What it does: name, description, triggers and steps.
        public var plan: JSONValue
        /// Model requests made.
        public var turns: Int
        /// The diagnostics of each rejected answer, in order.
        public var repairs: [[String]]
        /// The signed `{approve, reject}` links sent for it (nil when they could not be made).
        public var links: JSONValue? = nil
    }

    /// The draft branch of workflow `id`.
    public static func draftBranch(of id: String) -> String {
        "drafts/" + id.split(separator: "/").joined(separator: "-")
    }

    /// Asks the `default` model provider for a workflow that does `goal`, repairs it until it
    /// validates (up to 3 repair turns) and commits it, with status `draft`, on a new branch
    /// `drafts/<id>` started at the watched branch's tip. The watched branch is not touched:
    /// nothing is active until ``approveDraft(_:message:author:base:)``.
    /// - Parameters:
    ///   - goal: What the workflow should do, in words.
    ///   - schedule: A cron the workflow must run on.
    ///   - name: Its id (default: its name as a slug, made unique).
    ///   - author: The commit's author.
    public func generateWorkflow(goal: String, schedule: String?, name: String?, author: String) async throws(WriteError) -> Draft {
        try refuseInMirrorMode()
        guard goal.contains(where: { !$0.isWhitespace }) else { throw WriteError(kind: .invalid, description: "'goal' must say what the workflow should do") }
        if let schedule, (try? CronExpression(parsing: schedule)) == nil {
            throw WriteError(kind: .invalid, description: "'schedule' is not a cron expression: \(schedule)")
        }
        if let name { try checkNewDraft(name) }
        // What follows waits for the model: the draft branch is created only if it still
        // doesn't exist then (the writer's compare-and-swap).
        let messages = [ChatMessage.system(systemPrompt()), .user(GenerationPrompt.request(goal: goal, schedule: schedule, id: name))]
        let result = try await generate(messages, path: "workflows/\(name ?? "draft").yaml", schedule: schedule)
        let id: String
        if let name { id = name } else { id = try uniqueID(for: result.workflow.name) }
        let branch = Self.draftBranch(of: id)
        let firstLine = goal.split(separator: "\n").first.map(String.init) ?? goal
        let subject = "Draft \(id): " + (firstLine.count > 60 ? String(firstLine.prefix(57)) + "…" : firstLine)
        let commit = try await commitDraft(result.yaml, id: id, on: branch, expectedTip: nil, message: subject + "\n\nGoal: \(goal)\n", author: author)
        var draft = Self.draft(id: id, branch: branch, commit: commit, result: result)
        draft.links = announce(draft)
        return draft
    }

    /// Asks the model to rewrite the steps of draft `id` for `reason`, and commits the new
    /// version on the same draft branch.
    public func regenerateSteps(_ id: String, reason: String, author: String) async throws(WriteError) -> Draft {
        try refuseInMirrorMode()
        guard reason.contains(where: { !$0.isWhitespace }) else { throw WriteError(kind: .invalid, description: "'reason' must say what to change") }
        let (branch, tip, text) = try draftFile(id)
        let request = "Here is the current draft of workflow '\(id)':\n```yaml\n\(text)```\n"
            + "Rewrite its steps: \(reason)\nKeep its name, inputs and triggers unless the change needs otherwise. Answer with the whole YAML only."
        let result = try await generate([.system(systemPrompt()), .user(request)], path: "workflows/\(id).yaml", schedule: nil)
        // Committed only if the draft is still at the tip the model was shown.
        let commit = try await commitDraft(result.yaml, id: id, on: branch, expectedTip: tip,
                                     message: "Regenerate the steps of draft \(id)\n\nReason: \(reason)\n", author: author)
        var draft = Self.draft(id: id, branch: branch, commit: commit, result: result)
        draft.links = announce(draft)
        return draft
    }

    /// Merges draft `id` into the watched branch with its status set to `active`: a merge
    /// commit of the draft branch, validated first and checked against `base`. Active when
    /// this returns.
    public func approveDraft(_ id: String, message: String?, author: String, base: String?) async throws(WriteError) -> WorkflowWriter.WriteResult {
        // The checks below hold for the tip read now; the writer commits only on that tip.
        let watched = try await writer.currentTip()
        let (branch, tip, text) = try draftFile(id)
        if snapshots.current.workflows[id] != nil { throw WriteError(kind: .exists, description: "workflow '\(id)' exists already on \(configuration.branch)") }
        let path = "workflows/\(id).yaml"
        let yaml = StatusLine.set("active", in: text)
        let result = WorkflowLoader.load(path: path, text: yaml)
        let errors = snapshots.current.registry.validation(writing: [result]).problems(of: [result]).filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw WriteError(kind: .invalid, description: "the draft is not valid on \(configuration.branch)", diagnostics: errors.map(\.description))
        }
        let commit = try await writer.commit([.write(path: path, contents: Array(yaml.utf8))],
                                             message: message ?? "Approve draft \(id)\n\nMerges \(branch) (\(tip.short)) with status active.\n",
                                             author: author, base: base, expected: .tip(watched), merging: tip)
        return WorkflowWriter.WriteResult(commit: commit, entry: snapshots.current.workflows[id])
    }

    /// A mirror's branches follow the remote: drafts belong there too.
    private func refuseInMirrorMode() throws(WriteError) {
        if let remote = configuration.remote {
            throw WriteError(kind: .readOnly, description: "this daemon mirrors \(remote): generate drafts against that repository")
        }
    }

    private func checkNewDraft(_ id: String) throws(WriteError) {
        if let problem = WorkflowID.problem(with: id) { throw WriteError(kind: .invalid, description: "invalid workflow id '\(id)': \(problem)") }
        if snapshots.current.workflows[id] != nil { throw WriteError(kind: .exists, description: "workflow '\(id)' exists already") }
        if try draftExists(id) {
            throw WriteError(kind: .exists, description: "a draft of '\(id)' exists already on \(Self.draftBranch(of: id)); regenerate or approve it")
        }
    }

    private func uniqueID(for name: String) throws(WriteError) -> String {
        let stem = WorkflowID.slug(name, fallback: "generated")
        for n in 1...100 {
            let id = n == 1 ? stem : "\(stem)-\(n)"
            if WorkflowID.problem(with: id) == nil, snapshots.current.workflows[id] == nil, try !draftExists(id) {
                return id
            }
        }
        throw WriteError(kind: .exists, description: "no free id for '\(name)'; pass a name")
    }

    /// Whether workflow `id` has a draft branch.
    private func draftExists(_ id: String) throws(WriteError) -> Bool {
        do {
            return try repository.branchTip(Self.draftBranch(of: id)) != nil
        } catch {
            throw WriteError(error)
        }
    }

    private func systemPrompt() -> String {
        GenerationPrompt.system(workflows: snapshots.current.workflows.values.compactMap { $0.active?.workflow },
                                providers: Array(providers.catalog.providers.keys))
    }

    private func generate(_ messages: [ChatMessage], path: String, schedule: String?) async throws(WriteError) -> WorkflowGenerator.Result {
        let client: OpenAIChatClient, model: String
        do {
            (client, model) = try providers.catalog.client(for: nil, secrets: secrets)
        } catch {
            throw WriteError(kind: .modelFailed, description: error.description)
        }
        let registry = snapshots.current.registry
        do {
            return try await WorkflowGenerator(model: client, modelName: model)
                .generate(messages, path: path, schedule: schedule, problems: { registry.validation(writing: [$0]).problems(of: [$0]) })
        } catch {
            switch error {
            case .model(let failure):
                throw WriteError(kind: .modelFailed, description: "the model failed: \(failure.description)")
            case .invalid(_, let diagnostics, let turns):
                throw WriteError(kind: .invalid, description: "the model's workflow is still invalid after \(turns) answers; nothing was committed",
                                 diagnostics: diagnostics.map(\.description))
            }
        }
    }

    /// The draft branch of `id`, its tip and the workflow's text there.
    private func draftFile(_ id: String) throws(WriteError) -> (String, ObjectID, String) {
        if let problem = WorkflowID.problem(with: id) { throw WriteError(kind: .invalid, description: "invalid workflow id '\(id)': \(problem)") }
        let branch = Self.draftBranch(of: id)
        do {
            guard let tip = try repository.branchTip(branch), let bytes = try repository.file(at: "workflows/\(id).yaml", in: tip) else {
                throw WriteError(kind: .notFound, description: "no draft of '\(id)' (no workflows/\(id).yaml on \(branch))")
            }
            return (branch, tip, String(decoding: bytes, as: UTF8.self))
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(kind: .failed, description: "\(error)")
        }
    }

    private func commitDraft(_ yaml: String, id: String, on branch: String, expectedTip: ObjectID?, message: String,
                             author: String) async throws(WriteError) -> String {
        try await writer.commit([.write(path: "workflows/\(id).yaml", contents: Array(yaml.utf8))], onBranch: branch,
                                expectedTip: expectedTip, message: message, author: author)
    }

    private static func draft(id: String, branch: String, commit: String, result: WorkflowGenerator.Result) -> Draft {
        Draft(id: id, branch: branch, commit: commit, yaml: result.yaml, plan: plan(of: result.workflow),
              turns: result.turns, repairs: result.rejected.map { $0.map(\.description) })
    }

    /// What a workflow does, in short: its name, description, triggers and steps.
    static func plan(of workflow: Workflow) -> JSONValue {
        var triggers: [JSONValue] = []
        for schedule in workflow.triggers.schedules {
            triggers.append(.string("schedule \(schedule.cron.value)" + (schedule.timezone.map { " (\($0.value))" } ?? "")))
        }
        triggers += workflow.triggers.events.map { .string("event \($0.type.value)") }
        triggers += workflow.triggers.webhooks.map { .string("webhook \($0.id.value)") }
        triggers += workflow.triggers.workflows.map { .string("after workflow \($0.completed.value)") }
        let steps: [JSONValue] = workflow.steps.map { step in
            var item: [String: JSONValue] = ["id": .string(step.id.value), "type": .string(step.type.rawValue),
                                             "depends_on": .array(step.dependsOn.map { .string($0.value) })]
            if let name = step.name { item["name"] = .string(name) }
            if let condition = step.condition { item["if"] = .string(condition.value) }
            return .object(item)
        }
        return ["name": .string(workflow.name), "description": workflow.description.map(JSONValue.string) ?? .null,
                "status": .string(workflow.status.rawValue), "triggers": .array(triggers), "steps": .array(steps)]
    }
}
