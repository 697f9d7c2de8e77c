import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import RunnelDaemon
import RunnelEngine
import Testing

/// `POST /hooks/git`: push webhooks from GitHub and GitLab make a mirroring daemon fetch.
@Suite struct GitHookTests {
    static let push = #"{"ref": "refs/heads/main", "after": "abc"}"#

    @Test func signedPushHooksFetchAndOthersAreRefused() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-githook-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let remote = folder + "/remote"
        try FileManager.default.createDirectory(atPath: remote + "/workflows", withIntermediateDirectories: true)
        try APITests.Fixture.git(remote, "init", "-q", "-b", "main")
        try APITests.greet.write(toFile: remote + "/workflows/greet.yaml", atomically: true, encoding: .utf8)
        try APITests.Fixture.git(remote, "add", "-A")
        try APITests.Fixture.git(remote, "commit", "-q", "-m", "greet")

        var configuration = DaemonConfiguration(repository: folder + "/state/mirror.git", state: folder + "/state")
        configuration.remote = remote
        configuration.fetchInterval = .seconds(3600)
        configuration.gitHookSecret = "GIT_HOOK"
        let daemon = try DaemonServices(configuration, secrets: EnvironmentSecretStore(environment: ["RUNNEL_SECRET_GIT_HOOK": "s3cret"]))
        _ = try await daemon.start()
        #expect(await daemon.workflows.keys.sorted() == ["greet"])
        let loop = Task { await daemon.runServices() }
        defer { loop.cancel() }
        let app = Application(router: APIRoutes(daemon: daemon, keys: nil).router())

        try "name: Other\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"
            .write(toFile: remote + "/workflows/other.yaml", atomically: true, encoding: .utf8)
        try APITests.Fixture.git(remote, "add", "-A")
        try APITests.Fixture.git(remote, "commit", "-q", "-m", "other")

        try await app.test(.router) { client in
            let github = WebhookSignature.sign(Array(Self.push.utf8), secret: "s3cret")
            try await client.execute(uri: "/hooks/git", method: .post, headers: [.init("X-Hub-Signature-256")!: "sha256=00"],
                                     body: ByteBuffer(string: Self.push)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/hooks/git", method: .post, body: ByteBuffer(string: Self.push)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/hooks/git", method: .post, headers: [.init("X-Gitlab-Token")!: "wrong"],
                                     body: ByteBuffer(string: Self.push)) { response in
                #expect(response.status == .unauthorized)
            }
            #expect(await daemon.workflows["other"] == nil, "refused hooks fetch nothing")

            try await client.execute(uri: "/hooks/git", method: .post,
                                     headers: [.init("X-Hub-Signature-256")!: github, .init("X-GitHub-Event")!: "ping"],
                                     body: ByteBuffer(string: Self.push)) { response in
                #expect(response.status == .ok)
            }
            let elsewhere = #"{"ref": "refs/heads/feature"}"#
            try await client.execute(uri: "/hooks/git", method: .post, headers: [.init("X-Gitlab-Token")!: "s3cret"],
                                     body: ByteBuffer(string: elsewhere)) { response in
                #expect(response.status == .ok)
                let body = try APITests.json(response)
                #expect(body["fetch"] == false)
            }
            try await client.execute(uri: "/hooks/git", method: .post,
                                     headers: [.init("X-Hub-Signature-256")!: github, .init("X-GitHub-Event")!: "push"],
                                     body: ByteBuffer(string: Self.push)) { response in
                #expect(response.status == .accepted)
            }
            // The loop fetches at once and activates the pushed workflow.
            for _ in 0..<200 where await daemon.workflows["other"] == nil { try await Task.sleep(for: .milliseconds(10)) }
            #expect(await daemon.workflows["other"]?.state == "active")

            try await client.execute(uri: "/api/workflows", method: .post,
                                     body: ByteBuffer(string: #"{"definition": "name: X\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n", "path": "x"}"#)) { response in
                #expect(response.status == .conflict)
                let body = try APITests.json(response)
                #expect(body["error"]?["code"] == "read_only")
            }
        }
    }

    @Test func aDaemonThatIsNotAMirrorHasNoGitHook() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/hooks/git", method: .post, body: ByteBuffer(string: Self.push)) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
