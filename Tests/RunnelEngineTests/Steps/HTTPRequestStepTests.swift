import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// `http_request` and `webhook` steps against a real server on 127.0.0.1.
@Suite struct HTTPRequestStepTests {
    @Test func getsJSONAndParsesTheBody() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let record = try await RealRunnerHarness.run("""
            name: Get
            steps:
              - {id: get, type: http_request, config: {url: "\(server.base)/json"}}
            outputs:
              second: ${{ steps.get.output.body.items[1] }}
            """)
        #expect(record.status == .completed)
        let output = try record.output("get")
        #expect(output["status_code"] == 200)
        #expect(output["body"] == ["ok": true, "items": [1, 2, 3]])
        #expect(output["headers"]?["content-type"] == "application/json")
        #expect(record.outputs == ["second": 2])
    }

    @Test func sendsQueryHeadersAndAJSONBodyFromTemplates() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let record = try await RealRunnerHarness.run("""
            name: Post
            inputs:
              name: {type: string, default: "Ada & Bob"}
            steps:
              - id: post
                type: http_request
                config:
                  method: POST
                  url: "\(server.base)/echo"
                  headers: {X-Name: "${{ inputs.name }}"}
                  query: {q: "${{ inputs.name }}", n: 2}
                  body: {name: "${{ inputs.name }}", tags: [a, b]}
            """)
        #expect(record.status == .completed)
        #expect(try record.output("post")["body"] == ["name": "Ada & Bob", "tags": ["a", "b"]])
        let request = try #require(await server.requests.entries.first)
        #expect(request.method == "POST")
        #expect(request.headers["x-name"] == "Ada & Bob")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.body == #"{"name":"Ada & Bob","tags":["a","b"]}"#)
        #expect(request.path == "/echo")
    }

    @Test func anUnexpectedStatusFailsTheStepAndKeepsTheResponse() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let record = try await RealRunnerHarness.run("""
            name: Missing
            steps:
              - {id: get, type: http_request, config: {url: "\(server.base)/status/404"}}
            """)
        #expect(record.status == .failed)
        let step = try #require(record.stepRun("get"))
        #expect(step.error == "GET \(server.base)/status/404 answered 404, expected a 2xx status")
        #expect(step.output?["body"] == ["status": 404])

        let accepted = try await RealRunnerHarness.run("""
            name: Expected
            steps:
              - {id: get, type: http_request, config: {url: "\(server.base)/status/404", expected_status: [404]}}
            """)
        #expect(accepted.status == .completed)
    }

    @Test func retriesServerErrorsUntilTheServerRecovers() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let record = try await RealRunnerHarness.run("""
            name: Flaky
            steps:
              - id: get
                type: http_request
                retry: {attempts: 3, backoff: constant, initial: 10ms}
                config: {url: "\(server.base)/flaky/k/2"}
            """)
        #expect(record.status == .completed)
        let step = try #require(record.stepRun("get"))
        #expect(step.attempt == 3)
        #expect(step.output?["body"] == ["try": 3])
    }

    @Test func aSlowResponseIsCutByTheStepTimeout() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let started = Date()
        let record = try await RealRunnerHarness.run("""
            name: Slow
            steps:
              - {id: get, type: http_request, timeout: 300ms, config: {url: "\(server.base)/slow"}}
            """)
        #expect(record.status == .failed)
        #expect(record.stepRun("get")?.error == "timed out after 300ms")
        #expect(Date().timeIntervalSince(started) < 60, "the timeout cut a 300 s response")
    }

    @Test func aResponseOverTheCapFailsTheStep() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let record = try await RealRunnerHarness.run("""
            name: Big
            steps:
              - {id: get, type: http_request, config: {url: "\(server.base)/big/5000000", max_response_bytes: 1000}}
              - {id: text, type: http_request, config: {url: "\(server.base)/text"}}
            """)
        #expect(record.status == .failed)
        #expect(record.stepRun("get")?.error == "the response of GET \(server.base)/big/5000000 is larger than 1000 bytes (max_response_bytes)")
        #expect(record.stepRun("text")?.output?["body"] == "plain words")
    }

    @Test func aConnectionErrorIsAClearFailure() async throws {
        let record = try await RealRunnerHarness.run("""
            name: Nowhere
            steps:
              - {id: get, type: http_request, config: {url: "http://127.0.0.1:1/x"}}
            """)
        #expect(record.status == .failed)
        let error = try #require(record.stepRun("get")?.error)
        #expect(error.hasPrefix("GET http://127.0.0.1:1/x failed: "))
        #expect(record.stepRun("get")?.output == nil)
    }

    @Test func aWebhookIsSignedOverTheExactBodyAndSecretsAreMasked() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let record = try await RealRunnerHarness.run("""
            name: Hook
            steps:
              - id: hook
                type: webhook
                config:
                  url: "\(server.base)/echo"
                  body: {run: "${{ run.id }}", token: "${{ secrets.HOOK_KEY }}"}
                  secret: HOOK_KEY
            """, secrets: DictionarySecrets(values: ["HOOK_KEY": "s3cret-key"]))
        #expect(record.status == .completed)
        let request = try #require(await server.requests.entries.first)
        let expected = WebhookSignature.sign(Array(request.body.utf8), secret: "s3cret-key")
        #expect(request.headers["x-runnel-signature"] == expected)
        #expect(expected.hasPrefix("sha256=") && expected.count == 7 + 64)
        #expect(request.body.contains("s3cret-key"))
        #expect(request.headers["x-runnel-run-id"] == record.id)
        // What the server echoed back contains the secret; the record never does.
        #expect(try record.output("hook")["body"]?["token"] == "***")
    }

    @Test func aWebhookWhoseSecretIsMissingFailsBeforeSending() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let record = try await RealRunnerHarness.run("""
            name: Hook
            steps:
              - {id: hook, type: webhook, config: {url: "\(server.base)/echo", secret: MISSING_KEY}}
            """)
        #expect(record.status == .failed)
        #expect(record.stepRun("hook")?.error == "secret 'MISSING_KEY' is not set (RUNNEL_SECRET_MISSING_KEY or the secrets file)")
        #expect(await server.requests.entries.isEmpty)
    }
}
