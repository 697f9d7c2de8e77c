import Foundation
import RunnelCore

extension AgentSession {
    /// Runs one turn's tool calls: arguments checked first (bad ones go back to the model as
    /// errors), approvals asked one at a time in call order, then the approved calls run
    /// concurrently. Returns the results in call order.
    func runCalls(_ calls: [ToolCall], turn: Int) async -> [AgentToolResult] {
        var results = [AgentToolResult?](repeating: nil, count: calls.count)
        var runnable: [(index: Int, tool: AgentTool, arguments: JSONValue)] = []
        for (index, call) in calls.enumerated() {
            let checked = check(call)
            await record(.toolCall, ["turn": .number(Double(turn)), "call_id": .string(call.id), "tool": .string(call.name),
                                     "arguments": checked.arguments ?? .string(call.arguments)])
            switch checked {
            case .refused(let result):
                results[index] = result
                await record(.toolResult, result.eventData(call, turn: turn))
            case .ready(let tool, let arguments):
                if tool.requiresApproval, let refusal = await approve(call, arguments: arguments, turn: turn) {
                    results[index] = refusal
                    await record(.toolResult, refusal.eventData(call, turn: turn))
                } else {
                    runnable.append((index, tool, arguments))
                }
            }
        }
        if Task.isCancelled { return results.map { $0 ?? .error("the step was cancelled") } }
        await withTaskGroup(of: (Int, AgentToolResult).self) { group in
            for item in runnable {
                group.addTask { (item.index, await execute(item.tool, arguments: item.arguments)) }
            }
            for await (index, result) in group {
                results[index] = result
                await record(.toolResult, result.eventData(calls[index], turn: turn))
            }
        }
        return results.map { $0 ?? .error("the call did not run") }
    }

    private enum Checked {
        case ready(AgentTool, JSONValue)
        case refused(AgentToolResult)

        var arguments: JSONValue? {
            switch self {
            case .ready(_, let arguments): arguments
            case .refused(let result): result.arguments
            }
        }
    }

    /// The tool and its arguments, when the tool exists and the arguments are a JSON object
    /// matching its parameters.
    private func check(_ call: ToolCall) -> Checked {
        guard let tool = tools[call.name] else {
            let names = tools.keys.sorted().joined(separator: ", ")
            return .refused(.error("there is no tool '\(call.name)'; the tools are: \(names.isEmpty ? "none" : names)"))
        }
        let text = call.arguments.trimmingCharacters(in: .whitespacesAndNewlines)
        let arguments: JSONValue
        do {
            arguments = text.isEmpty ? .object([:]) : try JSONParser.parse(text)
        } catch {
            return .refused(.error("the arguments are not valid JSON (\(error.description)); call '\(call.name)' again with a JSON object matching its parameters"))
        }
        guard case .object = arguments else {
            return .refused(.error("the arguments must be a JSON object, not \(arguments.typeName)", arguments: arguments))
        }
        let problems = JSONSchema.problems(arguments, against: tool.parameters)
        if !problems.isEmpty {
            return .refused(.error("the arguments do not match the parameters of '\(call.name)': \(problems.joined(separator: "; "))",
                                   arguments: arguments))
        }
        return .ready(tool, arguments)
    }

    /// Asks a person about a call; nil when approved, else the result the model gets.
    private func approve(_ call: ToolCall, arguments: JSONValue, turn: Int) async -> AgentToolResult? {
        let details: JSONValue = ["tool": .string(call.name), "arguments": arguments, "call_id": .string(call.id), "turn": .number(Double(turn))]
        // The same wait as an approval step's (routes, links, approvers), named by the agent
        // step: one call waits at a time. The engine records the wait and its outcome.
        let request = ApprovalRequest(runID: runID, stepID: stepID, kind: "tool_call",
                                      message: "The agent asks to call '\(call.name)'", data: details)
        guard let output = await services.host.awaitApproval(request).output, !Task.isCancelled else {
            return AgentToolResult(status: .rejected, value: nil, message: "the run was stopped while the call waited for approval", arguments: arguments)
        }
        if output["approved"] == true { return nil }
        let note = output["note"]?.stringValue.map { $0.isEmpty ? "no reason given" : $0 } ?? "no reason given"
        return AgentToolResult(status: .rejected, value: nil, message: "rejected by a person: \(note)", arguments: arguments)
    }

    private func record(_ kind: RunEvent.Kind, _ data: JSONValue) async {
        await services.record(RunEvent(kind, time: Date(), stepID: stepID, attempt: invocation.attempt, data: data), runID: runID)
    }

    /// Runs a tool whose arguments were checked.
    func execute(_ tool: AgentTool, arguments: JSONValue) async -> AgentToolResult {
        switch tool {
        case .searchKnowledge(let search):
            let query = arguments["query"]?.stringValue ?? ""
            let limit = Int(arguments["limit"]?.numberValue ?? 5)
            let hits: [BM25Index.Hit]
            do {
                hits = try await search.search(query, limit: limit)
            } catch {
                return .error("the search failed: \(error.message)", arguments: arguments)
            }
            let results: [JSONValue] = hits.map { hit in
                ["file": .string(hit.chunk.file), "heading": .string(hit.chunk.heading), "text": .string(hit.chunk.text),
                 "score": .number((hit.score * 1000).rounded() / 1000)]
            }
            return .ok(["results": .array(results)], arguments: arguments)
        case .declared(let spec):
            var context = invocation.context
            context.contexts["args"] = arguments
            switch spec.action {
            case .httpRequest(let config): return await http(config, context: context, arguments: arguments)
            case .script(let config): return await script(config, context: context, arguments: arguments)
            case .workflow(let config): return await workflow(config, context: context, arguments: arguments)
            default: return .error("tool '\(spec.name.value)' has an invalid config (run `runnel validate`)", arguments: arguments)
            }
        }
    }

    private func http(_ config: HTTPRequestConfig, context: EvaluationContext, arguments: JSONValue) async -> AgentToolResult {
        do {
            let call = try step.transport.prepare(HTTPCall(config, in: context), through: config.connection?.value, for: invocation)
            let response = try await step.transport.send(call)
            guard call.accepts(response.status) else {
                return .error("\(call.method.rawValue) \(call.url) answered \(response.status)", arguments: arguments, value: response.output)
            }
            return .ok(response.output, arguments: arguments)
        } catch {
            return .error(error.description, arguments: arguments)
        }
    }

    private func script(_ config: ScriptConfig, context: EvaluationContext, arguments: JSONValue) async -> AgentToolResult {
        var nested = invocation
        nested.step.config = .script(config)
        nested.context = context
        // The arguments reach the script as variables and as JSON on stdin, never in its text.
        nested.environment["RUNNEL_TOOL_ARGS"] = arguments.serialized()
        for (name, value) in arguments.objectValue ?? [:] {
            let key = "ARG_" + String(name.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
            nested.environment[key] = value.text
        }
        switch await step.scripts.run(nested, stdin: arguments.serialized()) {
        case .completed(let output): return .ok(output, arguments: arguments)
        case .failed(let message, let output): return .error(message, arguments: arguments, value: output)
        }
    }

    private func workflow(_ config: WorkflowStepConfig, context: EvaluationContext, arguments: JSONValue) async -> AgentToolResult {
        var inputs = arguments.objectValue ?? [:]
        if let raw = config.inputs {
            do {
                inputs = try raw.evaluated(in: context).objectValue ?? [:]
            } catch {
                return .error("the inputs of workflow '\(config.workflow.value)' could not be evaluated: \(error)", arguments: arguments)
            }
        }
        switch await services.host.runChild(workflowID: config.workflow.value, inputs: inputs, parentRunID: runID, wait: config.wait) {
        case .failure(let error):
            return .error("workflow '\(config.workflow.value)' could not start: \(error)", arguments: arguments)
        case .success(let child):
            let output: JSONValue = ["run_id": .string(child.id), "status": .string(child.status.rawValue), "outputs": .object(child.outputs ?? [:])]
            if !config.wait || child.status == .completed { return .ok(output, arguments: arguments) }
            return .error("workflow '\(config.workflow.value)' run \(child.id) \(child.status.rawValue): \(child.error ?? "")",
                          arguments: arguments, value: output)
        }
    }
}
