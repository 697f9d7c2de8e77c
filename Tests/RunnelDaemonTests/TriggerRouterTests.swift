import Foundation
import RunnelCore
import RunnelEngine
import Testing
@testable import RunnelDaemon

/// Events, webhooks and finished runs matched to triggers; webhook signatures.
@Suite struct TriggerRouterTests {
    static func entries(_ files: [String: String]) -> [WorkflowEntry] {
        var registry = Registry()
        _ = registry.apply(files.map { .upsert(path: "workflows/\($0.key).yaml", bytes: Array($0.value.utf8), renamedFrom: nil) }, at: "c0ffee")
        return Array(registry.entries.values)
    }

    static let lead = """
        name: Lead
        inputs:
          email: {type: string, required: true}
        on:
          event:
            - type: lead.created
              if: ${{ event.payload.source == 'web' }}
              inputs: {email: "${{ event.payload.email }}"}
          webhook:
            - id: crm
              secret: CRM_KEY
              inputs: {email: "${{ event.payload.contact.email }}"}
        steps:
          - {id: a, type: wait, config: {duration: 1s}}
        """

    @Test func anEventStartsTheWorkflowsWhoseTypeAndIfMatch() {
        let entries = Self.entries(["lead": Self.lead, "paused": Self.lead.replacingOccurrences(of: "name: Lead", with: "name: P\nstatus: paused")])
        let web = TriggerEvent(type: "lead.created", payload: ["source": "web", "email": "ada@example.com"], id: "e1", receivedAt: "2026-12-01T10:00:00Z")
        let (runs, problems) = TriggerRouter.runs(forEvent: "lead.created", web, in: entries)
        #expect(problems.isEmpty)
        #expect(runs.map(\.workflowID) == ["lead"])
        #expect(runs.first?.inputs == ["email": "ada@example.com"])
        #expect(runs.first?.trigger.type == "event")
        #expect(runs.first?.trigger.details["event"]?["payload"]?["source"] == "web")

        let phone = TriggerEvent(type: "lead.created", payload: ["source": "phone"], id: "e2", receivedAt: "2026-12-01T10:00:00Z")
        #expect(TriggerRouter.runs(forEvent: "lead.created", phone, in: entries).runs.isEmpty)
        #expect(TriggerRouter.runs(forEvent: "lead.deleted", web, in: entries).runs.isEmpty)
    }

    @Test func aWebhookStartsItsWorkflowWithInputsFromTheBody() throws {
        let entry = try #require(Self.entries(["lead": Self.lead]).first)
        let event = TriggerEvent(type: "webhook", payload: ["contact": ["email": "bob@example.com"]], id: "h1",
                                 receivedAt: "2026-12-01T10:00:00Z", extra: ["hook": "crm"])
        let run = try TriggerRouter.run(forWebhook: "crm", of: entry, event).get()
        #expect(run.inputs == ["email": "bob@example.com"])
        #expect(run.trigger.type == "webhook")
        #expect(throws: TriggerError.self) { try TriggerRouter.run(forWebhook: "other", of: entry, event).get() }
    }

    @Test func aFinishedRunChainsTheWorkflowsWaitingForItsStatus() {
        let after = """
            name: After
            on:
              workflow:
                - {completed: etl, status: [completed, failed]}
            steps:
              - {id: a, type: wait, config: {duration: 1s}}
            """
        let onlyOK = after.replacingOccurrences(of: "[completed, failed]", with: "[completed]")
        let entries = Self.entries(["after": after, "only-ok": onlyOK, "etl": "name: E\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"])
        var record = RunRecord(id: "01RUN", workflowID: "etl", trigger: .manual, inputs: [:], createdAt: Date())
        record.status = .failed
        let (runs, _) = TriggerRouter.runs(after: record, in: entries, eventID: "w1", receivedAt: "2026-12-01T10:00:00Z")
        #expect(runs.map(\.workflowID) == ["after"])
        #expect(runs.first?.trigger.details["event"]?["payload"]?["status"] == "failed")
        record.status = .completed
        #expect(TriggerRouter.runs(after: record, in: entries, eventID: "w2", receivedAt: "").runs.map(\.workflowID) == ["after", "only-ok"])
    }

    @Test func twoWorkflowsThatChainAfterEachOtherStopAtTheDepthLimit() {
        let ping = "name: Ping\non:\n  workflow:\n    - {completed: pong}\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"
        let pong = ping.replacingOccurrences(of: "Ping", with: "Pong").replacingOccurrences(of: "completed: pong", with: "completed: ping")
        let entries = Self.entries(["ping": ping, "pong": pong])
        var record = RunRecord(id: "01RUN", workflowID: "ping", trigger: .manual, inputs: [:], createdAt: Date())
        record.status = .completed
        var depth = 0
        while true {
            let (runs, problems) = TriggerRouter.runs(after: record, in: entries, eventID: "e\(depth)", receivedAt: "")
            guard let next = runs.first else {
                #expect(problems.first?.contains("ends a chain of 16 runs") == true, "\(problems)")
                break
            }
            depth += 1
            #expect(next.trigger.details["chain_depth"] == .number(Double(depth)))
            record = RunRecord(id: "01RUN\(depth)", workflowID: next.workflowID, trigger: next.trigger, inputs: [:], createdAt: Date())
            record.status = .completed
            if depth > 100 { break }
        }
        #expect(depth == TriggerRouter.chainDepthLimit)
    }

    @Test func webhookSignaturesAreCheckedExactly() {
        let body = Array(#"{"ok":true}"#.utf8)
        // echo -n '{"ok":true}' | openssl dgst -sha256 -hmac 'It'"'"'s a Secret to Everybody'
        let secret = "It's a Secret to Everybody"
        let good = "sha256=" + WebhookSignatureTestVector.hex(body: body, secret: secret)
        #expect(WebhookSignature.isValid(good, body: body, secret: secret))
        #expect(!WebhookSignature.isValid(good, body: body + [0x20], secret: secret))
        #expect(!WebhookSignature.isValid(good, body: body, secret: "other"))
        #expect(!WebhookSignature.isValid(String(good.dropLast()), body: body, secret: secret))
        #expect(!WebhookSignature.isValid(nil, body: body, secret: secret))
        #expect(!WebhookSignature.isValid("sha1=abc", body: body, secret: secret))
        // GitHub's documented example: "Hello, World!" under that secret.
        #expect(WebhookSignature.isValid("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
                                         body: Array("Hello, World!".utf8), secret: secret))
    }
}

/// An independent HMAC for the test: the `openssl` command line.
enum WebhookSignatureTestVector {
    static func hex(body: [UInt8], secret: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["dgst", "-sha256", "-hmac", secret, "-r"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        guard (try? process.run()) != nil else { return "" }
        input.fileHandleForWriting.write(Data(body))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
