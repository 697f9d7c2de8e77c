import Foundation
import Testing
@testable import RunnelCore

/// Installing a template: parameters checked against their declarations and filled in with
/// their types, the result a workflow that validates.
@Suite struct TemplateInstantiationTests {
    static let probe = """
        # Template: probe.
        name: "Probe ${{ params.service }}"
        tags: [template, monitoring]
        parameters:
          service: {type: string, required: true}
          expected: {type: integer, default: 200}
          tier: {type: string, enum: [gold, silver], default: silver}
          recipients: {type: array, default: [ops@example.com]}
        on:
          event:
            - type: deploy.finished
              if: event.payload.service == params.service
        steps:
          - id: probe
            type: http_request
            config:
              url: "https://${{ params.service }}.example.com/healthz"
              headers: {X-Tier: "${{ params.tier }}"}
          - id: ok
            type: condition
            depends_on: [probe]
            config:
              condition: steps.probe.output.status_code == params.expected
              else: [alert]
          - id: alert
            type: webhook
            config:
              url: https://hooks.example.com/alert
              body:
                to: ${{ params.recipients }}
                expected: ${{ params.expected }}
                text: "${{ format('{0} answered {1}', params.service, steps.probe.output.status_code) }}"
                script_note: |
                  Multi-line text
                  stays a block.
        """

    static func template(_ text: String = probe, id: String = "probe") -> WorkflowTemplate {
        WorkflowTemplate(path: "templates/\(id).yaml", text: text, origin: .repository)
    }

    static func install(_ params: [String: JSONValue], _ text: String = probe) throws -> (String, LoadResult) {
        let yaml = try TemplateInstantiator.instantiate(template(text), parameters: params)
        return (yaml, WorkflowLoader.load(path: "workflows/probe.yaml", text: yaml))
    }

    @Test func aWholeScalarKeepsTheParametersTypeAndTextSplicesIt() throws {
        let (yaml, result) = try Self.install(["service": "billing", "expected": 204])
        let definition = try #require(result.workflow?.definition)
        #expect(definition["name"] == "Probe billing")
        let body = definition["steps"]?[2]?["config"]?["body"]
        #expect(body?["expected"] == .number(204))
        #expect(body?["to"] == ["ops@example.com"])
        #expect(definition["steps"]?[0]?["config"]?["url"] == "https://billing.example.com/healthz")
        #expect(definition["steps"]?[0]?["config"]?["headers"]?["X-Tier"] == "silver")
        // Mixed expressions keep their run-time part; the parameter becomes a literal.
        #expect(body?["text"] == "${{ format('{0} answered {1}', 'billing', steps.probe.output.status_code) }}")
        #expect(definition["steps"]?[1]?["config"]?["condition"] == "steps.probe.output.status_code == 204")
        #expect(definition["on"]?["event"]?[0]?["if"] == "event.payload.service == 'billing'")
        // `parameters:` and the `template` tag are gone; the file validates as a workflow.
        #expect(definition["parameters"] == nil)
        #expect(definition["tags"] == ["monitoring"])
        #expect(Validator.validate(result).filter { $0.severity == .error }.isEmpty)
        #expect(yaml.hasPrefix("# Installed from template 'probe'.\nname: Probe billing\ntags: [monitoring]\non:\n"))
        #expect(yaml.contains("      script_note: |-\n        Multi-line text\n        stays a block."))
        #expect(yaml.contains("    if: event.payload.service == 'billing'\n"))
        #expect(yaml.contains("      to: [ops@example.com]\n"))
        #expect(yaml.contains("expected: 204\n"))
    }

    @Test func stringsWithQuotesBecomeSafeLiterals() throws {
        let (_, result) = try Self.install(["service": "o'brien"])
        let definition = try #require(result.workflow?.definition)
        #expect(definition["on"]?["event"]?[0]?["if"] == "event.payload.service == 'o''brien'")
        let context = EvaluationContext(contexts: ["event": ["payload": ["service": "o'brien"]]])
        let condition = try Expression(parsing: definition["on"]?["event"]?[0]?["if"]?.stringValue ?? "")
        #expect(try condition.evaluate(in: context) == true)
    }

    @Test func anArrayOrObjectInsideAMixedExpressionIsFromJSON() throws {
        let text = """
            name: Check
            parameters:
              allowed: {type: array, required: true}
            steps:
              - id: gate
                type: condition
                config: {condition: "contains(params.allowed, event.payload.kind)", then: [done]}
              - {id: done, type: wait, config: {duration: 1s}}
            """
        let (_, result) = try Self.install(["allowed": ["a", "b"]], text)
        #expect(result.workflow?.definition["steps"]?[0]?["config"]?["condition"] == #"contains(fromJSON('["a","b"]'), event.payload.kind)"#)
    }

    @Test func parametersAreCheckedAgainstTheirDeclarations() {
        func problems(_ params: [String: JSONValue]) -> [InstantiationError.Problem] {
            do {
                _ = try Self.install(params)
                return []
            } catch let error as InstantiationError {
                #expect(error.kind == .parameters)
                return error.problems
            } catch {
                return [.init(parameter: "?", message: "\(error)")]
            }
        }
        #expect(problems([:]) == [.init(parameter: "service", message: "parameter 'service' is required")])
        #expect(problems(["service": "a", "expected": "200"]).map(\.parameter) == ["expected"])
        #expect(problems(["service": "a", "expected": 2.5]).first?.message == "parameter 'expected' must be an integer, not number 2.5")
        #expect(problems(["service": "a", "tier": "bronze"]).first?.message == #"parameter 'tier' must be one of "gold", "silver", not "bronze""#)
        #expect(problems(["service": "a", "servce": "b"]).first?.message == "parameter 'servce' is not declared; did you mean 'service'?")
        #expect(problems(["service": "${{ secrets.TOKEN }}"]).first?.parameter == "service")
    }

    @Test func aTemplateWithErrorsIsRefused() {
        let broken = "name: Broken\nparameters:\n  a: string\nsteps:\n  - id: x\n    type: webhook\n    config: {url: \"${{ params.b }}\"}\n"
        #expect(throws: InstantiationError.self) { try Self.install(["a": "x"], broken) }
    }

    @Test func aValueNextToADollarCannotMakeAnExpression() {
        let text = """
            name: Price
            parameters:
              amount: {type: string, required: true}
            steps:
              - {id: post, type: webhook, config: {url: https://hooks.example.com/x, body: {text: "cost $${{ params.amount }}"}}}
            """
        #expect(throws: InstantiationError.self) { try Self.install(["amount": "{{ secrets.TOKEN }}"], text) }
        #expect((try? Self.install(["amount": "12"], text))?.1.workflow?.definition["steps"]?[0]?["config"]?["body"]?["text"] == "cost $12")
    }

    @Test func everyBuiltinTemplateInstallsIntoAValidWorkflow() throws {
        let samples: [String: [String: JSONValue]] = [
            "agent-summariser": ["url_prefix": "https://docs.example.com/"],
            "approval-gated-script": ["host": "app-1.example.com", "approver": "ada"],
            "daily-report-email": ["report_title": "Sales", "source_url": "https://r.example.com/x.json", "recipients": ["a@example.com"]],
            "http-health-check": ["service_name": "api", "url": "https://api.example.com/healthz", "expected_status": 204],
            "webhook-to-slack": ["channel": "alerts"],
        ]
        #expect(Set(BuiltinTemplates.all.map(\.id)) == Set(samples.keys))
        for template in BuiltinTemplates.all {
            let yaml = try TemplateInstantiator.instantiate(template, parameters: samples[template.id] ?? [:])
            let result = WorkflowLoader.load(path: "workflows/\(template.id).yaml", text: yaml)
            let errors = Validator.validate(result).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(template.id): \(errors.map(\.description))")
            #expect(!yaml.contains("params."), "\(template.id) still mentions params")
        }
        let check = try #require(BuiltinTemplates.all.first { $0.id == "http-health-check" })
        let yaml = try TemplateInstantiator.instantiate(check, parameters: samples["http-health-check"] ?? [:])
        let definition = WorkflowLoader.load(path: "workflows/check.yaml", text: yaml).workflow?.definition
        #expect(definition?["steps"]?[1]?["config"]?["condition"] == "steps.probe.status == 'completed' && steps.probe.output.status_code == 204")
    }

    @Test func theGeneratedGalleryMatchesTheTemplatesFolder() throws {
        let root = ExampleTests.root
        var onDisk: [String: String] = [:]
        for path in ExampleTests.templateFiles {
            onDisk[path] = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        }
        let compiled = Dictionary(uniqueKeysWithValues: BuiltinTemplates.files.map { ($0.path, $0.text) })
        #expect(compiled == onDisk, "templates/ changed: run `make templates` (scripts/generate-builtin-templates.py)")
    }

    @Test func aRepositoryTemplateReplacesABuiltinOfTheSameID() {
        let mine = Self.template(Self.probe, id: "http-health-check")
        let merged = WorkflowTemplate.merged(repository: [mine])
        #expect(merged.first { $0.id == "http-health-check" }?.origin == .repository)
        #expect(merged.count == BuiltinTemplates.all.count)
    }
}

extension JSONValue {
    /// Item `index` of an array, or `nil`.
    subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}

/// The example of docs/templates.md installs as the page says.
@Suite struct TemplateDocsTests {
    @Test func theDocsTemplateInstallsWithTypedValues() throws {
        let block = try #require(ExampleTests.docBlocks().first { $0.file == "docs/templates.md" && $0.text.contains("parameters:") })
        let template = WorkflowTemplate(path: "templates/probe.yaml", text: block.text, origin: .repository)
        let yaml = try TemplateInstantiator.instantiate(template, parameters: ["service": "billing"])
        let definition = try #require(WorkflowLoader.load(path: "workflows/probe.yaml", text: yaml).workflow?.definition)
        #expect(definition["steps"]?[1]?["config"]?["condition"] == "steps.probe.output.status_code == 200")
        #expect(definition["steps"]?[2]?["config"]?["body"]?["expected"] == 200)
        #expect(definition["steps"]?[0]?["config"]?["url"] == "https://billing.example.com/healthz")
        #expect(definition["tags"] == ["monitoring"])
    }
}
