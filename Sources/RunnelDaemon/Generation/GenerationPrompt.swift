import RunnelCore

/// What the model is told when it writes a workflow: the file format, the step types, what
/// the repository offers (its workflows, the tools they declare, the model providers) and
/// an example.
enum GenerationPrompt {
    /// A complete, valid workflow shown to the model (a test validates it).
    static let example = """
        name: Daily orders digest
        description: Fetch yesterday's orders and post a summary
        status: draft
        inputs:
          day: {type: string, default: yesterday}
        on:
          schedule:
            - id: morning
              cron: "0 8 * * 1-5"
              timezone: Europe/London
        steps:
          - id: fetch
            type: http_request
            timeout: 30s
            retry: {attempts: 3}
            config:
              method: GET
              url: "https://shop.example.com/api/orders?day=${{ inputs.day }}"
              headers: {Authorization: "Bearer ${{ secrets.SHOP_TOKEN }}"}
          - id: count
            type: script
            depends_on: [fetch]
            config:
              shell: python3
              env: {ORDERS: "${{ toJSON(steps.fetch.output.body) }}"}
              run: |
                import json, os
                orders = json.loads(os.environ["ORDERS"])
                print(json.dumps({"total": len(orders)}))
          - id: busy
            type: condition
            depends_on: [count]
            config:
              condition: steps.count.output.total > 100
              then: [notify]
          - id: notify
            type: webhook
            config:
              url: https://hooks.example.com/orders
              body: {text: "${{ format('{0} orders on {1}', steps.count.output.total, inputs.day) }}"}
        outputs:
          total: ${{ steps.count.output.total }}

        """

    static let format = """
        You write workflow files for Runnel, a GitOps runner. A workflow is one YAML file.
        Answer with the YAML of exactly one workflow and nothing else (a ```yaml fence is allowed).

        Top-level keys: name (required), description, tags (list), status, inputs, on, concurrency,
        defaults, timeout, env, agent, tools, steps (required), outputs, on_failure. No other keys.
        - inputs: name -> {type: string|integer|number|boolean|object|array, required, default, enum, description}
        - on.schedule: [{id, cron: "5-field cron", timezone: IANA zone, catchup: none|last|all}]
          on.event: [{type: dotted.name, if: expression}]; on.webhook: [{id, secret: SECRET_NAME}];
          on.workflow: [{completed: other-workflow-id}]
        - steps: a list; each step has id (letters, digits, _ and -), type, config, and optionally
          depends_on: [step ids], if: expression, timeout: 30s, retry: {attempts: 3}, continue_on_error: true.
          Steps without a depends_on path between them run in parallel.
        - outputs: name -> value (may use expressions); on_failure: steps run when the run fails.

        Step types and their config keys:
        - http_request: method, url, headers, query, body, expected_status: [200], max_response_bytes.
          Output: {status_code, headers, body}.
        - script: shell (sh, bash or python3), run, env. Never put ${{ }} inside run: pass values
          through env. Output: stdout parsed as a JSON object, or key=value lines appended to the
          file named by $RUNNEL_OUTPUT.
        - agent_task: goal, system, model (a provider name), tools (names declared under top-level
          tools:), output_schema (JSON Schema), max_turns.
        - condition: condition (an expression without ${{ }}), then: [step ids], else: [step ids].
        - loop: items (an expression giving a list), step (one step; it sees loop.item and loop.index).
        - wait: duration: 10m, or until (an expression) with poll_interval.
        - webhook: url, method, headers, body, secret (outbound POST).
        - approval: message, approvers: [names], timeout, then: [step ids], else: [step ids].
        - workflow: workflow (another workflow's id), inputs, wait.

        Expressions are written ${{ … }}: inputs.x, steps.<id>.output.<field>, steps.<id>.status,
        secrets.NAME (a secret's value; never write secret values themselves), event.payload.x,
        env.X, run.id, workflow.id; operators == != < <= > >= && || !; functions contains,
        startsWith, endsWith, format, join, toJSON, fromJSON. A step may only use the output of
        steps it depends on (directly or through others).
        The workflow's status must be draft: a person approves it before it runs.
        """

    /// The system prompt for a repository with `workflows` (its other workflow files) and
    /// model `providers`.
    static func system(workflows: [Workflow], providers: [String]) -> String {
        var text = format + "\nAn example:\n```yaml\n" + example + "```\n"
        if !workflows.isEmpty {
            text += "\nWorkflows in the repository (usable in a `workflow` step or an on.workflow trigger):\n"
            for workflow in workflows.sorted(by: { $0.id < $1.id }).prefix(50) {
                let inputs = workflow.inputs.map { "\($0.name.value): \($0.type.rawValue)\($0.required ? " (required)" : "")" }
                text += "- \(workflow.id): \(workflow.name)" + (inputs.isEmpty ? "" : "; inputs: " + inputs.joined(separator: ", ")) + "\n"
            }
        }
        let tools = workflows.flatMap(\.tools)
        if !tools.isEmpty {
            text += "\nTools declared by the repository's workflows (copy a declaration under tools: to use one in an agent_task):\n"
            for tool in tools.prefix(30) {
                text += "- \(tool.name.value) (\(tool.kind.rawValue))" + (tool.description.isEmpty ? "" : ": \(tool.description)") + "\n"
            }
        }
        if !providers.isEmpty {
            text += "\nModel providers for agent_task's model: \(providers.sorted().joined(separator: ", ")).\n"
        }
        return text
    }

    /// The user's request.
    static func request(goal: String, schedule: String?, id: String?) -> String {
        var text = "Write a workflow that does this:\n\(goal)\n"
        if let schedule { text += "It runs on the schedule cron \"\(schedule)\".\n" }
        if let id { text += "Its id will be '\(id)'.\n" }
        return text
    }

    /// The repair request after an invalid answer: the file as it was checked (`status`
    /// set to draft, the schedule added), which the diagnostics' lines refer to, and them.
    static func repair(_ diagnostics: [Diagnostic], checked yaml: String, path: String) -> String {
        "Runnel checked your workflow as \(path):\n```yaml\n\(yaml)```\n"
            + "It is not valid. Fix every problem and answer with the whole corrected YAML only:\n"
            + diagnostics.map(\.description).joined(separator: "\n") + "\n"
    }
}
