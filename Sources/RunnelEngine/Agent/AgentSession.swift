import Foundation
import RunnelCore

/// One attempt of an `agent_task` step: the conversation with the model, the tools it may
/// call, and what has happened so far.
struct AgentSession: Sendable {
    /// Turns allowed when the step sets no `max_turns`.
    static let defaultMaxTurns = 10

    let invocation: StepInvocation
    let services: StepServices
    let step: AgentTaskStep
    let model: any ChatModel
    let modelName: String
    let providerName: String
    let tools: [String: AgentTool]
    let definitions: [ToolDefinition]
    let messages: [ChatMessage]
    let maxTurns: Int
    let outputSchema: JSONValue?
    let temperature: Double?
    let maxTokens: Int?

    var runID: String { invocation.runID }
    var stepID: String { invocation.step.id.value }

    /// Reads the step's settings: goal and system prompt evaluated, provider chosen, tools and
    /// knowledge folders resolved.
    /// - Throws: ``StepFailure`` saying what is missing or wrong.
    static func prepare(_ config: AgentTaskConfig, invocation: StepInvocation, services: StepServices,
                        step: AgentTaskStep) async throws(StepFailure) -> AgentSession {
        let workflow = services.workflow
        let goal = try HTTPCall.text(of: config.goal.value, field: "goal", in: invocation.context)
        let system = try (config.system ?? workflow.agent?.system).map { text throws(StepFailure) in
            try HTTPCall.text(of: text, field: "system", in: invocation.context)
        }
        let requested = try (config.model ?? workflow.agent?.model).map { text throws(StepFailure) in
            try HTTPCall.text(of: text, field: "model", in: invocation.context)
        }
        let chosen: (client: OpenAIChatClient, model: String)
        do {
            chosen = try step.providers.catalog.client(for: requested.flatMap { $0.isEmpty ? nil : $0 }, secrets: invocation.secrets)
        } catch {
            throw StepFailure(error.message)
        }
        var tools: [String: AgentTool] = [:]
        for name in config.tools where name.value != AgentTool.searchKnowledgeName {
            guard let spec = workflow.tools.first(where: { $0.name.value == name.value }) else {
                throw StepFailure("tool '\(name.value)' is not declared in the workflow's 'tools'")
            }
            tools[name.value] = .declared(spec)
        }
        let wantsSearch = !config.knowledge.isEmpty || config.tools.contains { $0.value == AgentTool.searchKnowledgeName }
        if wantsSearch {
            let folders = try await knowledgeFolders(config.knowledge, services: services, step: step)
            tools[AgentTool.searchKnowledgeName] = .searchKnowledge(try await knowledgeSearch(folders, client: chosen.client, step: step))
        }
        var prompt = goal
        if let schema = config.outputSchema {
            prompt += "\n\nGive your final answer as JSON only (no prose, no code fence) matching this JSON Schema:\n" + schema.serialized()
        }
        var messages: [ChatMessage] = []
        if let system, !system.isEmpty { messages.append(.system(system)) }
        messages.append(.user(prompt))
        return AgentSession(
            invocation: invocation, services: services, step: step, model: chosen.client, modelName: chosen.model,
            providerName: chosen.client.provider.name, tools: tools,
            definitions: tools.values.map(\.definition).sorted { $0.name < $1.name }, messages: messages,
            maxTurns: max(1, config.maxTurns ?? defaultMaxTurns), outputSchema: config.outputSchema,
            temperature: config.temperature, maxTokens: config.maxTokens)
    }

    /// The search over `folders`: BM25, and embeddings when the provider has an `embedding_model`
    /// (the chunks' vectors are made once per folder content and model).
    private static func knowledgeSearch(_ folders: [KnowledgeFolder], client: OpenAIChatClient,
                                        step: AgentTaskStep) async throws(StepFailure) -> KnowledgeSearch {
        guard let model = client.provider.embeddingModel else {
            return KnowledgeSearch(sources: folders.map { KnowledgeSearch.Source(index: $0.index) })
        }
        let key = client.provider.baseURL + "|" + model
        var sources: [KnowledgeSearch.Source] = []
        for folder in folders {
            var vectors = await step.knowledge.vectors(of: folder, model: key)
            if vectors == nil {
                do {
                    let made = try await client.embed(folder.index.chunks.map { $0.heading + "\n" + $0.text }, model: model)
                    await step.knowledge.keep(made, of: folder, model: key)
                    vectors = made
                } catch {
                    throw StepFailure("the embeddings of knowledge folder '\(folder.folder)' could not be made: \(error.message)")
                }
            }
            sources.append(KnowledgeSearch.Source(index: folder.index, vectors: vectors))
        }
        return KnowledgeSearch(sources: sources, embedder: (client, model))
    }

    /// Each knowledge folder at the run's commit, indexed.
    private static func knowledgeFolders(_ folders: [Located<String>], services: StepServices,
                                         step: AgentTaskStep) async throws(StepFailure) -> [KnowledgeFolder] {
        var indexes: [KnowledgeFolder] = []
        for folder in folders {
            guard let path = RepositoryFile.normalizedFolder(folder.value) else {
                throw StepFailure("knowledge folder '\(folder.value)' is not a folder inside the repository")
            }
            let files: [RepositoryFile]
            do {
                files = try await services.host.files(under: path, commit: services.commit)
            } catch {
                throw StepFailure("knowledge folder '\(path)' could not be read: \(error)")
            }
            let index = try await step.knowledge.index(folder: path, files: files)
            if index.index.chunks.isEmpty {
                throw StepFailure("knowledge folder '\(path)' has no Markdown or text files\(services.commit.map { " at \($0.prefix(12))" } ?? "")")
            }
            indexes.append(index)
        }
        return indexes
    }

    /// What the step has done so far, as its output.
    struct Progress: Sendable {
        var turns = 0
        var usage = TokenUsage()
        var calls: [JSONValue] = []

        func output(_ session: AgentSession, extra: [String: JSONValue] = [:]) -> JSONValue {
            var output: [String: JSONValue] = [
                "turns": .number(Double(turns)), "tool_calls": .array(calls), "usage": usage.json,
                "model": .string(session.modelName), "provider": .string(session.providerName),
            ]
            for (key, value) in extra { output[key] = value }
            return .object(output)
        }
    }

    /// The loop: ask the model, run the tools it asks for, feed the results back, until a final
    /// answer (checked against `output_schema`, with one repair turn) or `max_turns`.
    func run() async -> StepOutcome {
        var conversation = messages
        var progress = Progress()
        var repaired = false
        // The repair turn does not count against max_turns.
        while progress.turns < maxTurns + (repaired ? 1 : 0) {
            if Task.isCancelled { return .failed("the step was cancelled", output: progress.output(self)) }
            progress.turns += 1
            let turn = progress.turns
            let response: ChatResponse
            do {
                response = try await model.complete(ChatRequest(messages: conversation, tools: definitions, model: modelName,
                                                                temperature: temperature, maxTokens: maxTokens))
            } catch {
                progress.turns -= 1
                return .failed("the model failed on turn \(turn): \(error.message)", output: progress.output(self))
            }
            if let usage = response.usage { progress.usage = progress.usage + usage }
            await recordTurn(turn, response)
            conversation.append(response.message)
            let calls = response.message.toolCalls
            if !calls.isEmpty {
                let results = await runCalls(calls, turn: turn)
                for (call, result) in zip(calls, results) {
                    conversation.append(.tool(result.messageText, callID: call.id))
                    progress.calls.append(result.summary(call, turn: turn))
                }
                continue
            }
            let text = response.message.content ?? ""
            guard let schema = outputSchema else {
                return .completed(progress.output(self, extra: ["answer": .string(text), "output": .string(text)]))
            }
            switch AgentAnswer.check(text, against: schema) {
            case .success(let value):
                // The answer's fields are also at the top (`steps.x.output.category`); Runnel's own win.
                var extra = value.objectValue ?? [:]
                extra["answer"] = .string(text)
                extra["output"] = value
                return .completed(progress.output(self, extra: extra))
            case .failure(let problems):
                if repaired {
                    return .failed("the final answer does not match output_schema after a repair turn: \(problems.joined(separator: "; "))",
                                   output: progress.output(self, extra: ["answer": .string(text)]))
                }
                repaired = true
                conversation.append(.user(AgentAnswer.repairPrompt(problems)))
            }
        }
        return .failed("no final answer after \(maxTurns) turns (max_turns): the model kept calling tools",
                       output: progress.output(self))
    }

    private func recordTurn(_ turn: Int, _ response: ChatResponse) async {
        let calls: [JSONValue] = response.message.toolCalls.map { call in
            ["call_id": .string(call.id), "tool": .string(call.name), "arguments": .string(call.arguments)]
        }
        let data: JSONValue = [
            "turn": .number(Double(turn)), "content": response.message.content.map(JSONValue.string) ?? .null,
            "tool_calls": .array(calls), "finish_reason": response.finishReason.map(JSONValue.string) ?? .null,
            "usage": response.usage?.json ?? .null,
        ]
        await services.record(RunEvent(.agentTurn, time: Date(), stepID: stepID, attempt: invocation.attempt, data: data), runID: runID)
    }
}
