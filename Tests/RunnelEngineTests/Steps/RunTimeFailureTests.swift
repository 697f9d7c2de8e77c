import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// Failures that only show when a run's data arrives: each fails its step with a reason.
@Suite struct RunTimeFailureTests {
    @Test func anExpressionThatFailsAtRunTimeFailsItsStepNamingIt() async throws {
        let record = try await RealRunnerHarness.run("""
            name: Bad data
            inputs:
              payload: {type: string, default: "not json"}
            steps:
              - id: parse
                type: http_request
                config: {url: "http://127.0.0.1:1/${{ fromJSON(inputs.payload).id }}"}
            """)
        #expect(record.status == .failed)
        let error = try #require(record.stepRun("parse")?.error)
        #expect(error.hasPrefix("'url' could not be evaluated: "))
        #expect(error.contains("fromJSON"))
    }

    @Test func aSecretAScriptPrintsIsMaskedInTheRecord() async throws {
        let harness = try RealRunnerHarness([try workflow("""
            name: Leaky
            steps:
              - id: leak
                type: script
                config:
                  env: {TOKEN: "${{ secrets.API_TOKEN }}"}
                  run: 'echo "token is $TOKEN"; echo "token=$TOKEN" >> "$RUNNEL_OUTPUT"; exit 1'
            """, id: "leaky")], secrets: DictionarySecrets(values: ["API_TOKEN": "tok-12345"]))
        defer { harness.folder.remove() }
        let record = try await harness.run("leaky")
        let step = try #require(record.stepRun("leak"))
        #expect(step.output?["stdout"] == "token is ***\n")
        #expect(step.output?["token"] == "***")
        let files = try FileManager.default.subpathsOfDirectory(atPath: harness.folder.path + "/state")
        for file in files where file.hasSuffix(".json") || file.hasSuffix(".jsonl") {
            let text = try String(contentsOfFile: harness.folder.path + "/state/" + file, encoding: .utf8)
            #expect(!text.contains("tok-12345"), "\(file) holds the secret")
        }
    }

    @Test func continueOnErrorLetsFollowersReadAFailedStep() async throws {
        let record = try await RealRunnerHarness.run("""
            name: Tolerant
            steps:
              - {id: flaky, type: script, continue_on_error: true, config: {run: "echo partial; exit 2"}}
              - id: after
                type: script
                depends_on: [flaky]
                config:
                  env: {STATUS: "${{ steps.flaky.status }}", CODE: "${{ steps.flaky.output.exit_code }}"}
                  run: 'echo "$STATUS $CODE"'
            """)
        #expect(record.status == .completed)
        #expect(try record.output("after")["stdout"] == "failed 2\n")
    }
}
