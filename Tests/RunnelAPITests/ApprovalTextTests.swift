import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RunnelAPI
import RunnelCore
@testable import RunnelDaemon
import RunnelEngine
import Testing

/// What people read: the approval mail has no `Details: null`; a link page refusing an
/// input that doesn't fit the schema says what to fix.
@Suite struct ApprovalTextTests {
    @Test func theMailShowsNoNullDetails() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-mail-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let request = ApprovalRequest(runID: "r1", stepID: "approve", message: "Go?", data: .null)
        #expect(request.data == nil)
        let wait = ApprovalWait(request, workflowID: "gate", startedBy: nil, now: Date())
        let links = ApprovalLinks(key: try ApprovalKey.load(state: folder), publicURL: "http://127.0.0.1:8080")
        let mail = ApprovalMailer.message(wait, links: links, from: "runnel@example.com", to: "alice@example.com")
        #expect(!mail.body.contains("null"))
        #expect(mail.body.contains("Go?"))
    }

    @Test func aLinkPageRefusingTheInputSaysWhatToFix() async throws {
        let flow = """
            name: Ticket
            steps:
              - id: approve
                type: approval
                config:
                  input_schema: {type: object, required: [ticket], properties: {ticket: {type: string}}}
            """
        let fixture = try await APITests.Fixture(["workflows/ticket.yaml": flow])
        defer { fixture.remove() }
        let run = try await fixture.daemon.launcher.startRun(workflowID: "ticket", inputs: [:])
        var wait: ApprovalWait?
        for _ in 0..<1000 where wait == nil {
            wait = await fixture.daemon.engine.waitingApproval(runID: run.id, stepID: "approve")
            try await Task.sleep(for: .milliseconds(5))
        }
        let link = try await fixture.daemon.approvals.approvalLinks().link(.approve, for: try #require(wait), approver: nil)
        let token = try #require(URLComponents(string: link)?.queryItems?.first { $0.name == "token" }?.value)
        try await fixture.app.test(.router) { client in
            let form = "token=\(token)&action=approve&input=" + (#"{"ticket": 42}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            try await client.execute(uri: "/api/approvals/resume", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: form)) { response in
                #expect(response.status == .badRequest)
                let page = String(buffer: response.body)
                #expect(!page.contains("This link cannot be used"))
                #expect(page.contains("Correct the input"))
                #expect(page.contains("ticket"))
                #expect(page.contains("the link still works"))
            }
        }
        #expect(await fixture.daemon.engine.waitingApproval(runID: run.id, stepID: "approve") != nil)
        _ = await fixture.daemon.engine.cancel(run.id)
        _ = await fixture.daemon.engine.wait(run.id)
    }
}
