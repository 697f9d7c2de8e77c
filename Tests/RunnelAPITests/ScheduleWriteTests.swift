import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing

/// Schedule writes are commits of the workflow file that the scheduler follows at once.
@Suite struct ScheduleWriteTests {
    static let export = """
        # Export: this comment stays.
        name: Export
        on:
          schedule:
            - id: nightly
              cron: "0 2 * * *"
        inputs:
          full: {type: boolean, default: false}
        steps:
          - {id: a, type: wait, config: {duration: 1s}}

        """

    static func body(_ response: TestResponse) throws -> JSONValue { try JSONParser.parse(String(buffer: response.body)) }

    @Test func addingAndDeletingSchedulesAreCommitsTheSchedulerFollows() async throws {
        let fixture = try await APITests.Fixture(["workflows/data/export.yaml": Self.export])
        defer { fixture.remove() }
        var keys = try APIKeys(path: fixture.folder + "/keys.json")
        let writer = try keys.create(name: "planner", scopes: [.write])
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router())
        let auth: HTTPFields = [.authorization: "Bearer \(writer)"]
        #expect(await fixture.daemon.scheduler.scheduleCount == 1)
        try await app.test(.router) { client in
            let add = #"{"cron": "30 6 * * 1-5", "timezone": "Europe/Paris", "id": "morning", "catchup": "none", "inputs": {"full": true}}"#
            let commit = try await client.execute(uri: "/api/workflows/data%2Fexport/schedules", method: .post, headers: auth,
                                                  body: ByteBuffer(string: add)) { response in
                #expect(response.status == .created)
                let body = try Self.body(response)
                #expect(body["schedule"]?["id"] == "data/export#morning")
                #expect(body["schedule"]?["timezone"] == "Europe/Paris")
                #expect(body["schedule"]?["catchup"] == "none")
                #expect(body["schedule"]?["next"]?.arrayValue?.count == 3)
                return body["commit"]?.stringValue ?? ""
            }
            #expect(await fixture.daemon.scheduler.scheduleCount == 2)
            let file = try WriteTests.git(fixture.folder + "/repo", "show", "\(commit):workflows/data/export.yaml")
            #expect(file.hasPrefix("# Export: this comment stays.\nname: Export\non:\n  schedule:\n    - id: nightly\n      cron: \"0 2 * * *\"\n    - id: morning\n"))
            #expect(try WriteTests.git(fixture.folder + "/repo", "log", "-1", "--format=%an|%s") == "planner|Add a schedule to data/export (30 6 * * 1-5)\n")
            try await client.execute(uri: "/api/workflows/data%2Fexport/schedules", method: .get, headers: auth) { response in
                let ids = try Self.body(response)["schedules"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
                #expect(ids == ["data/export#nightly", "data/export#morning"])
            }
            // Invalid: 422 with the diagnostics, nothing committed.
            try await client.execute(uri: "/api/workflows/data%2Fexport/schedules", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"cron": "61 * * * *"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let answer = try Self.body(response)
                #expect(answer["error"]?["details"]?["diagnostics"]?.arrayValue?.isEmpty == false)
            }
            try await client.execute(uri: "/api/workflows/data%2Fexport/schedules", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"cron": "0 1 * * *", "id": "nightly"}"#)) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/api/workflows/data%2Fexport/schedules", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"timezone": "UTC"}"#)) { #expect($0.status == .badRequest) }
            #expect(await fixture.daemon.activeCommit == commit)

            // Delete by the id GET lists, percent-encoded ('#' is %23; ':' works too).
            try await client.execute(uri: "/api/schedules/data%2Fexport%23nightly", method: .delete, headers: auth) { response in
                #expect(response.status == .ok)
                let answer = try Self.body(response)
                #expect(answer["id"] == "data/export#nightly")
            }
            #expect(await fixture.daemon.scheduler.scheduleCount == 1)
            #expect(await fixture.daemon.scheduler.schedules(of: "data/export")?.map(\.id) == ["data/export#morning"])
            try await client.execute(uri: "/api/schedules/data%2Fexport:ghost", method: .delete, headers: auth) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/schedules/data%2Fexport:morning", method: .delete, headers: auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/schedules/no-separator", method: .delete, headers: auth) { #expect($0.status == .badRequest) }
        }
        #expect(await fixture.daemon.scheduler.scheduleCount == 0)
        let last = try WriteTests.git(fixture.folder + "/repo", "show", "HEAD:workflows/data/export.yaml")
        #expect(last == "# Export: this comment stays.\nname: Export\ninputs:\n  full: {type: boolean, default: false}\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n")
        let subjects = try WriteTests.git(fixture.folder + "/repo", "log", "--format=%s")
        #expect(subjects == "Remove schedule morning from data/export\nRemove schedule nightly from data/export\nAdd a schedule to data/export (30 6 * * 1-5)\ninitial\n")
    }
}
