import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// Agent tools that need a person, a script, another workflow or the knowledge folders.
@Suite struct AgentToolTests {
    static func approvalWorkflow(_ port: Int) -> String {
        """
        name: Refund
        tools:
          - name: refund
            description: Refunds an order
            type: http
            requires_approval: true
            parameters: {type: object, properties: {order: {type: string}}, required: [order]}
            config: {url: "http://127.0.0.1:\(port)/tools/weather/${{ args.order }}"}
        steps:
          - {id: agent, type: agent_task, config: {goal: "Refund order 42", tools: [refund]}}
        """
    }

    /// Starts the run and waits until it asks for approval; returns the run id.
    func awaitingApproval(_ harness: AgentHarness) async throws -> String {
        let run = try await harness.start()
        for _ in 0..<1000 {
            // The status is recorded just before the engine starts waiting for the decision.
            if await harness.store.record(run.id)?.status == .awaitingApproval,
               await harness.engine.pendingApprovals.contains(run.id + "/agent") { return run.id }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestFailure(description: "the run never waited for approval")
    }

    @Test func anApprovedCallRuns() async throws {
        let server = try await FakeModelServer.start([.tools([("r1", "refund", #"{"order": "42"}"#)]), .answer("Refunded.")])
        defer { server.stop() }
        let harness = try AgentHarness(["w": Self.approvalWorkflow(server.port)], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let runID = try await awaitingApproval(harness)
        #expect(await server.script.arrived("weather") == 0)
        let waiting = try #require(try await harness.events(runID, .runAwaitingApproval).first)
        #expect(waiting.stepID == "agent")
        #expect(waiting.data?["kind"] == "tool_call")
        #expect(waiting.data?["data"]?["tool"] == "refund")
        #expect(waiting.data?["data"]?["arguments"] == ["order": "42"])
        #expect(waiting.data?["data"]?["call_id"] == "r1")
        try await harness.engine.decide(runID: runID, stepID: "agent", ApprovalDecision(approved: true, by: "ann"))
        let record = try #require(await harness.engine.wait(runID))
        #expect(record.status == .completed)
        #expect(await server.script.arrived("weather") == 1)
        #expect(try record.output("agent")["tool_calls"]?.arrayValue?.first?["status"] == "ok")
        let kinds = try await harness.kinds(runID)
        #expect(kinds == ["run_created", "run_started", "step_started", "agent_turn", "tool_call", "run_awaiting_approval",
                          "approval_recorded", "approval_decided", "tool_result", "agent_turn", "step_completed", "run_completed"])
    }

    @Test func aRejectedCallGoesBackToTheModel() async throws {
        let server = try await FakeModelServer.start([.tools([("r1", "refund", #"{"order": "42"}"#)]), .answer("Not refunded.")])
        defer { server.stop() }
        let harness = try AgentHarness(["w": Self.approvalWorkflow(server.port)], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let runID = try await awaitingApproval(harness)
        try await harness.engine.decide(runID: runID, stepID: "agent", ApprovalDecision(approved: false, by: "bob", note: "too risky"))
        let record = try #require(await harness.engine.wait(runID))
        #expect(record.status == .completed)
        #expect(await server.script.arrived("weather") == 0)
        #expect(await server.requests.last?.toolMessages == ["rejected by a person: too risky"])
        let call = try #require(try record.output("agent")["tool_calls"]?.arrayValue?.first)
        #expect(call["status"] == "rejected")
        #expect(call["error"] == "rejected by a person: too risky")
        let decided = try #require(try await harness.events(runID, .approvalDecided).first)
        #expect(decided.data?["approved"] == false)
        #expect(decided.data?["by"] == "bob")
    }

    @Test func aScriptToolGetsItsArgumentsAsVariablesAndOnStdin() async throws {
        let server = try await FakeModelServer.start([.tools([("s1", "shout", #"{"text": "hi; rm -rf /", "times": 2}"#)]), .answer("Done.")])
        defer { server.stop() }
        let harness = try AgentHarness(["w": """
            name: Shout
            tools:
              - name: shout
                description: Shouts a text
                type: script
                parameters: {type: object, properties: {text: {type: string}, times: {type: integer}}}
                config:
                  shell: sh
                  env: {TIMES: "${{ args.times }}"}
                  run: |
                    stdin=$(cat)
                    printf '{"upper":"%s","times":"%s","stdin_ok":%s}\\n' "$(printf '%s' "$ARG_TEXT" | tr a-z A-Z)" "$TIMES" "$( [ "$stdin" = "$RUNNEL_TOOL_ARGS" ] && echo true || echo false)"
            steps:
              - {id: ask, type: agent_task, config: {goal: "Shout", tools: [shout]}}
            """], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .completed)
        let result = try JSONParser.parse(try #require(await server.requests.last?.toolMessages.first))
        #expect(result["upper"] == "HI; RM -RF /")
        #expect(result["times"] == "2")
        #expect(result["stdin_ok"] == true)
        #expect(result["exit_code"] == 0)
    }

    @Test func aWorkflowToolRunsAChildRunAndReturnsItsOutputs() async throws {
        let server = try await FakeModelServer.start([.tools([("w1", "double", #"{"n": 21}"#)]), .answer("42")])
        defer { server.stop() }
        let harness = try AgentHarness([
            "w": """
                name: Parent
                tools:
                  - name: double
                    description: Doubles a number
                    type: workflow
                    parameters: {type: object, properties: {n: {type: integer}}, required: [n]}
                    config: {workflow: child, inputs: {n: "${{ args.n }}"}}
                steps:
                  - {id: ask, type: agent_task, config: {goal: "Double 21", tools: [double]}}
                """,
            "child": """
                name: Child
                inputs:
                  n: {type: integer, required: true}
                steps:
                  - {id: calc, type: script, config: {run: 'echo "{\\"value\\": $((N * 2))}"', env: {N: "${{ inputs.n }}"}}}
                outputs:
                  doubled: ${{ steps.calc.output.value }}
                """,
        ], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .completed)
        let result = try JSONParser.parse(try #require(await server.requests.last?.toolMessages.first))
        #expect(result["status"] == "completed")
        #expect(result["outputs"] == ["doubled": 42])
        let childID = try #require(result["run_id"]?.stringValue)
        let child = try #require(await harness.store.record(childID))
        #expect(child.workflowID == "child")
        #expect(child.trigger.details["parent_run_id"] == .string(record.id))
    }

    @Test func knowledgeSearchReturnsTheRightChunk() async throws {
        let server = try await FakeModelServer.start([
            .tools([("k1", "search_knowledge", #"{"query": "how long is the refund window", "limit": 1}"#)]),
            .answer("30 days."),
        ])
        defer { server.stop() }
        let harness = try AgentHarness(["w": """
            name: Support
            steps:
              - {id: ask, type: agent_task, config: {goal: "How long do refunds take?", knowledge: [docs/support/]}}
            """], files: [
                "docs/support/shipping.md": "# Shipping\n\nParcels leave the warehouse within two days.\n\n## Abroad\n\nInternational parcels take a week.",
                "docs/support/billing.md": "# Billing\n\n## Refunds\n\nThe refund window is 30 days from delivery.\n\n## Invoices\n\nInvoices are sent by email.",
                "docs/support/logo.png": "not text",
                "docs/other.md": "# Refund window\n\nrefund window refund window (outside the folder)",
            ], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .completed)
        let offered = await server.requests.first?["tools"]?.arrayValue?.compactMap { $0["function"]?["name"]?.stringValue }
        #expect(offered == ["search_knowledge"])
        let result = try JSONParser.parse(try #require(await server.requests.last?.toolMessages.first))
        let hits = try #require(result["results"]?.arrayValue)
        #expect(hits.count == 1)
        #expect(hits.first?["file"] == "docs/support/billing.md")
        #expect(hits.first?["heading"] == "Billing > Refunds")
        #expect(hits.first?["text"] == "The refund window is 30 days from delivery.")
    }

    @Test func anEmptyKnowledgeFolderFailsClearly() async throws {
        let server = try await FakeModelServer.start([.answer("never")])
        defer { server.stop() }
        let harness = try AgentHarness(["w": """
            name: Support
            steps:
              - {id: ask, type: agent_task, config: {goal: "Hi", knowledge: [docs/missing]}}
            """], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .failed)
        #expect(record.stepRun("ask")?.error == "knowledge folder 'docs/missing' has no Markdown or text files")
        #expect(await server.requests.isEmpty)
    }
}

/// A graceful shutdown does not wait for a person.
@Suite struct AgentShutdownTests {
    @Test func anAgentWaitingForApprovalDoesNotHoldTheShutdown() async throws {
        let server = try await FakeModelServer.start([.tools([("r1", "refund", #"{"order": "42"}"#)]), .answer("Refunded.")])
        defer { server.stop() }
        let harness = try AgentHarness(["w": AgentToolTests.approvalWorkflow(server.port)], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let runID = try await AgentToolTests().awaitingApproval(harness)
        let clock = ContinuousClock()
        let began = clock.now
        #expect(await harness.engine.shutdown(grace: .seconds(60)) == [runID])
        #expect(clock.now - began < .seconds(30), "the shutdown did not wait out the grace period")
        #expect(try await harness.store.events(of: runID, after: 0).last?.kind == .runInterrupted)
        #expect(await server.requests.count == 1, "the model was not asked again")
    }
}
