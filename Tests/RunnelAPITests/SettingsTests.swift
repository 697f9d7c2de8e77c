import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon
import RunnelEngine
import Testing

/// `runnel.yaml`: the default timezone of schedules and signed run lifecycle notifications.
@Suite struct SettingsTests {
    actor Inbox {
        var received: [(event: String, signature: String, body: String)] = []
        func add(_ event: String, _ signature: String, _ body: String) { received.append((event, signature, body)) }
    }

    @Test func schedulesUseTheDefaultTimezoneAndRunsAreNotifiedSigned() async throws {
        let inbox = Inbox()
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let router = Router()
        router.post("/notify") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            let field = { (name: String) in request.headers.first { $0.name.canonicalName == name }?.value ?? "" }
            await inbox.add(field("x-runnel-event"), field("x-runnel-signature"), String(buffer: body))
            return Response(status: .ok)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) })
        let server = Task { try await app.run() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        let settings = "timezone: America/New_York\nnotify:\n  - {url: \"http://127.0.0.1:\(port)/notify\", secret: HOOK_KEY, events: [run.started, run.completed]}\n"
        let flow = "name: Morning\non:\n  schedule:\n    - cron: \"30 9 * * *\"\nsteps:\n  - {id: a, type: script, config: {run: \"true\"}}\n"
        let fixture = try await APITests.Fixture(["runnel.yaml": settings, "workflows/morning.yaml": flow])
        defer { fixture.remove() }
        #expect(await fixture.daemon.settings.timezone == "America/New_York")
        #expect(await fixture.daemon.settingsProblems.isEmpty)
        let wake = try #require(await fixture.daemon.scheduler.nextWake())
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "America/New_York"))
        #expect(calendar.component(.hour, from: wake) == 9 && calendar.component(.minute, from: wake) == 30)

        let run = try await fixture.daemon.launcher.startRun(workflowID: "morning", inputs: [:])
        _ = await fixture.daemon.engine.wait(run.id)
        var received: [(event: String, signature: String, body: String)] = []
        for _ in 0..<200 {
            received = await inbox.received
            if received.count >= 2 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(received.map(\.event).sorted() == ["run.completed", "run.started"])
        for item in received {
            #expect(WebhookSignature.isValid(item.signature, body: Array(item.body.utf8), secret: "hook-secret"))
            #expect(item.body.contains("\"id\":\"\(run.id)\""))
        }
    }
}

/// `GET /api/workflows/{id}/schedules`.
@Suite struct ScheduleRouteTests {
    @Test func listsSchedulesWithNextFireTimesInTheirZone() async throws {
        let flow = "name: Twice\non:\n  schedule:\n    - {cron: \"0 9 * * *\", id: morning, timezone: Europe/London}\n    - cron: \"*/15 * * * *\"\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"
        let fixture = try await APITests.Fixture(["workflows/twice.yaml": flow])
        defer { fixture.remove() }
        let schedules = try #require(await fixture.daemon.scheduler.schedules(of: "twice"))
        #expect(schedules.map(\.id) == ["twice#morning", "twice#1"])
        #expect(schedules.first?.timezone == "Europe/London")
        #expect(schedules.last?.timezone == "UTC")
        #expect(schedules.allSatisfy { $0.next.count == 3 })
        #expect(await fixture.daemon.scheduler.schedules(of: "nope") == nil)
    }
}

/// A notification target that fails is tried again.
@Suite struct NotificationRetryTests {
    actor Counter {
        var calls = 0
        func next() -> Int { calls += 1; return calls }
    }

    @Test func aFailedDeliveryIsRetried() async throws {
        let counter = Counter()
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let router = Router()
        router.post("/flaky") { _, _ in
            await counter.next() == 1 ? Response(status: .internalServerError) : Response(status: .ok)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) })
        let server = Task { try await app.run() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let settings = "notify:\n  - {url: \"http://127.0.0.1:\(port)/flaky\", events: [run.completed]}\n"
        let fixture = try await APITests.Fixture(["runnel.yaml": settings,
                                                  "workflows/a.yaml": "name: A\nsteps:\n  - {id: a, type: script, config: {run: \"true\"}}\n"])
        defer { fixture.remove() }
        let run = try await fixture.daemon.launcher.startRun(workflowID: "a", inputs: [:])
        _ = await fixture.daemon.engine.wait(run.id)
        for _ in 0..<500 where await counter.calls < 2 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await counter.calls == 2, "one 500, then the retry after the first backoff")
    }
}
