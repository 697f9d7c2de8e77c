import Testing
@testable import RunnelCore

/// Values the validator once let through, or that hid other problems: numbers out of range,
/// zero timeouts, crons that never fire, one wrong type in a step, workflows that start
/// each other.
@Suite struct ValueCheckTests {
    static func messages(_ text: String, path: String = "workflows/a.yaml", catalog: WorkflowCatalog? = nil) -> [String] {
        Validator.validate(WorkflowLoader.load(path: path, text: text), knownWorkflows: catalog).map(\.description)
    }

    static let oneStep = "steps: [{id: a, type: wait, config: {duration: 1s}}]\n"

    @Test(arguments: [
        ("1e-400", "workflows/a.yaml:2:14: error: number 1e-400 is too small to represent (it would be read as 0); quote it to keep it as text [invalid-value]"),
        ("-2.5E-999", "workflows/a.yaml:2:14: error: number -2.5E-999 is too small to represent (it would be read as 0); quote it to keep it as text [invalid-value]"),
        ("1e400", "workflows/a.yaml:2:14: error: number 1e400 is too large (the largest is about 1.8e308); quote it to keep it as text [invalid-value]"),
    ])
    func yamlNumbersOutOfRangeAreRefused(_ literal: String, _ expected: String) {
        #expect(Self.messages("name: a\noutputs: {x: \(literal)}\n" + Self.oneStep) == [expected])
    }

    @Test func numbersThatFitAreKept() {
        for literal in ["0", "0.0", "-0e5", "4.9e-324", "1.7e308", ".inf", "-.inf", "0x0", "1e-300"] {
            #expect(Self.messages("name: a\noutputs: {x: \(literal)}\n" + Self.oneStep) == [], "\(literal)")
        }
    }

    @Test func jsonAndExpressionNumbersOutOfRangeAreRefused() {
        #expect(throws: JSONParser.Error(message: "number 1e-400 is too small to represent (it would be read as 0)", offset: 5)) {
            try JSONParser.parse("{\"a\":1e-400}")
        }
        #expect(throws: JSONParser.Error(message: "number -1e999 is too large (the largest is about 1.8e308)", offset: 1)) {
            try JSONParser.parse("[-1e999]")
        }
        #expect(throws: ExpressionError(message: "number 1e-400 is too small to represent (it would be read as 0)", offset: 11)) {
            try Expression(parsing: "inputs.x < 1e-400")
        }
    }

    @Test func integersOutOfRangeAreReportedWithTheirValue() {
        let messages = Self.messages("name: a\nconcurrency: {limit: 1e300}\nsteps: [{id: a, type: wait, retry: 2.5, config: {duration: 1s}}]\n")
        #expect(messages == [
            "workflows/a.yaml:2:22: error: 'concurrency.limit' must be at least 1, not 1e+300 [invalid-value]",
            "workflows/a.yaml:3:36: error: 'retry' of step 'a' must be an integer, not 2.5, which has a fraction [type]",
        ])
    }

    @Test func zeroTimeoutsAreRefused() {
        let text = """
            name: a
            timeout: 0s
            defaults: {timeout: 0ms}
            steps:
              - {id: a, type: wait, timeout: 0s, config: {until: "poll.x", poll_interval: 0s}}
              - {id: b, type: approval, config: {timeout: 0m}}

            """
        #expect(Self.messages(text) == [
            "workflows/a.yaml:2:10: error: 'timeout' must be longer than 0s, not '0s' [invalid-value]",
            "workflows/a.yaml:3:21: error: 'defaults.timeout' must be longer than 0s, not '0ms' [invalid-value]",
            "workflows/a.yaml:5:34: error: 'timeout' of step 'a' must be longer than 0s, not '0s' [invalid-value]",
            "workflows/a.yaml:5:79: error: 'poll_interval' of step 'a' must be longer than 0s, not '0s' [invalid-value]",
            "workflows/a.yaml:6:47: error: 'timeout' of step 'b' must be longer than 0s, not '0m' [invalid-value]",
        ])
    }

    @Test func aCronThatNeverFiresIsRefused() {
        let text = "name: a\non: {schedule: [{cron: \"0 0 30 2 *\"}, {cron: \"0 0 31 4,6,9,11 *\"}, {cron: \"0 0 29 2 *\"}]}\n" + Self.oneStep
        #expect(Self.messages(text) == [
            "workflows/a.yaml:2:24: error: cron '0 0 30 2 *' never fires: none of its months has any of its days of the month [cron]",
            "workflows/a.yaml:2:46: error: cron '0 0 31 4,6,9,11 *' never fires: none of its months has any of its days of the month [cron]",
        ])
    }

    @Test func oneWrongTypeInAStepDoesNotHideItsOtherProblems() {
        let text = """
            name: a
            steps:
              - id: fetch
                type: http_request
                config: {url: 123, method: GETT, max_response_bytes: 0}
              - {id: run, type: script, config: {run: [x], shell: zsh}}
              - {id: hook, type: webhook, config: {method: PUTT}}
              - {id: ask, type: agent_task, config: {goal: 1, max_turns: 0}}
              - {id: call, type: workflow, config: {workflow: 5, wait: maybe}}
              - {id: pick, type: condition, config: {condition: 1, then: x}}

            """
        let rules = Self.messages(text).map { String($0.split(separator: ":")[1]) + ":" + String($0.split(separator: "[").last ?? "") }
        #expect(rules == [
            "5:type]", "5:invalid-value]", "5:invalid-value]",
            "6:type]", "6:invalid-value]",
            "7:required-key]", "7:invalid-value]",
            "8:type]", "8:invalid-value]",
            "9:type]", "9:type]",
            "10:type]",
        ])
    }

    @Test func twoWorkflowsThatStartEachOtherAreAWarning() {
        let a = LoadResult.loaded("workflows/a.yaml", "name: a\non: {workflow: [{completed: b}]}\n" + Self.oneStep)
        let b = LoadResult.loaded("workflows/b.yaml", "name: b\non: {workflow: [{completed: a}]}\n" + Self.oneStep)
        let c = LoadResult.loaded("workflows/c.yaml", "name: c\non: {workflow: [{completed: a}]}\n" + Self.oneStep)
        let diagnostics = Validator.validate([a, b, c], knownWorkflows: WorkflowCatalog([a, b, c])).map(\.description)
        #expect(diagnostics == [
            "workflows/a.yaml:2:29: warning: workflows 'a' and 'b' start each other when they finish; unless an 'if' or a status list stops it, that chain never ends [workflow-reference]",
            "workflows/b.yaml:2:29: warning: workflows 'b' and 'a' start each other when they finish; unless an 'if' or a status list stops it, that chain never ends [workflow-reference]",
        ])
        // Removing one side removes the warning.
        var catalog = WorkflowCatalog([a, b, c])
        catalog.remove("b")
        catalog.add(.loaded("workflows/b.yaml", "name: b\n" + Self.oneStep))
        #expect(Validator.validate(a, knownWorkflows: catalog).isEmpty)
    }
}

extension LoadResult {
    static func loaded(_ path: String, _ text: String) -> LoadResult { WorkflowLoader.load(path: path, text: text) }
}
