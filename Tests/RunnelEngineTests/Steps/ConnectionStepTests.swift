import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// Requests through `connection:`: a URL relative to the connection's `base_url`, its auth
/// applied by the engine and masked, and hosts outside `allowed_hosts` refused.
@Suite struct ConnectionStepTests {
    static func catalog(_ yaml: String) throws -> ConnectionCatalog {
        let (catalog, problems) = ConnectionCatalog.parse(try SourceValue.parse(yaml: yaml)["connections"])
        #expect(problems.isEmpty, "\(problems)")
        return catalog
    }

    /// Runs `yaml` (workflow id `w`) with the real runners and `catalog`; returns the record and the record's text.
    static func run(_ yaml: String, _ catalog: ConnectionCatalog, secrets: [String: String]) async throws -> (RunRecord, String) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try FileRunStore(state: folder.path + "/state")
        let engine = Engine(store: store, runners: .standard(temporaryRoot: folder.path, connections: ConnectionCatalogBox(catalog)),
                            secrets: DictionarySecrets(values: secrets), workflows: MemoryWorkflowSource([try workflow(yaml, id: "w")]))
        let started = try await engine.start(workflowID: "w", inputs: [:])
        let record = try #require(await engine.wait(started.id))
        let text = await store.recordText(started.id) ?? ""
        let log = (try? await store.log(of: started.id, step: nil, tail: nil).map(\.text).joined(separator: "\n")) ?? ""
        return (record, text + "\n" + log)
    }

    @Test func appliesEachAuthKindToARelativeURLAndMasksTheSecrets() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let catalog = try Self.catalog("""
            connections:
              bearer-acct: {type: demo, base_url: "\(server.base)/", auth: {type: bearer, secret: TOKEN}}
              basic-acct: {base_url: "\(server.base)", auth: {type: basic, username: ada, password_secret: PASSWORD}}
              header-acct: {base_url: "\(server.base)", auth: {type: header, name: X-Api-Key, secret: TOKEN}}
              query-acct: {base_url: "\(server.base)", auth: {type: query, name: key, secret: TOKEN}}
            """)
        let (record, text) = try await Self.run("""
            name: Through connections
            connections: {a: bearer-acct, b: basic-acct, c: header-acct, d: query-acct}
            steps:
              - {id: one, type: http_request, config: {connection: a, url: json}}
              - {id: two, type: http_request, depends_on: [one], config: {connection: b, url: /json}}
              - {id: three, type: webhook, depends_on: [two], config: {connection: c, url: echo, body: {x: 1}}}
              - {id: four, type: http_request, depends_on: [three], config: {connection: d, url: "json?page=2"}}
            """, catalog, secrets: ["TOKEN": "tok-s3cret-123", "PASSWORD": "pw-s3cret-456"])
        #expect(record.status == .completed, "\(record.error ?? "") \(record.stepRuns.map { $0.error ?? "" })")
        let entries = await server.requests.entries
        #expect(entries.map(\.path) == ["/json", "/json", "/echo", "/json"])
        #expect(entries[0].headers["authorization"] == "Bearer tok-s3cret-123")
        #expect(entries[1].headers["authorization"] == "Basic " + Data("ada:pw-s3cret-456".utf8).base64EncodedString())
        #expect(entries[2].headers["x-api-key"] == "tok-s3cret-123")
        #expect(entries[3].query == "page=2&key=tok-s3cret-123")
        #expect(!text.contains("tok-s3cret-123") && !text.contains("pw-s3cret-456"), "a secret reached the record or the log")
        #expect(text.contains("key=***"), "the query secret is masked in the logged URL")
    }

    @Test func aHostOutsideAllowedHostsAnUnboundToolkitAndAnUndefinedSecretFail() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let catalog = try Self.catalog("""
            connections:
              local: {base_url: "\(server.base)", allowed_hosts: [127.0.0.1], auth: {type: bearer, secret: TOKEN}}
              elsewhere: {base_url: "http://localhost:\(server.port)", allowed_hosts: ["*.example.com"]}
            """)
        let (outside, _) = try await Self.run("""
            name: Outside
            connections: {api: local}
            steps:
              - {id: get, type: http_request, config: {connection: api, url: "http://localhost:\(server.port)/json"}}
            """, catalog, secrets: ["TOKEN": "t"])
        #expect(outside.status == .failed)
        #expect(outside.stepRun("get")?.error?.contains("host 'localhost' is not in the allowed_hosts of connection 'local'") == true,
                "\(outside.stepRun("get")?.error ?? "")")
        let (base, _) = try await Self.run("""
            name: Base outside
            connections: {api: elsewhere}
            steps:
              - {id: get, type: http_request, config: {connection: api, url: json}}
            """, catalog, secrets: [:])
        #expect(base.stepRun("get")?.error?.contains("is not in the allowed_hosts of connection 'elsewhere'") == true)
        let (undefined, _) = try await Self.run("""
            name: No secret
            connections: {api: local}
            steps:
              - {id: get, type: http_request, config: {connection: api, url: json}}
            """, catalog, secrets: [:])
        #expect(undefined.stepRun("get")?.error == "secret 'TOKEN' of connection 'local' is not set (RUNNEL_SECRET_TOKEN or the secrets file)")
        let (undeclared, _) = try await Self.run("""
            name: Undeclared
            connections: {api: nowhere}
            steps:
              - {id: get, type: http_request, config: {connection: api, url: json}}
            """, catalog, secrets: [:])
        #expect(undeclared.stepRun("get")?.error == "connection 'nowhere' (toolkit 'api') is not declared in runnel.yaml's 'connections'")
        #expect(await server.requests.entries.isEmpty, "no request left")
    }

    @Test func theCatalogReportsEachProblemWithItsPosition() throws {
        let value = try SourceValue.parse(yaml: """
            connections:
              a: {base_url: ftp://x, auth: {type: bearer}}
              b: {auth: {type: oauth, secret: S}}
              c: {base_url: "https://c.example.com", auth: {type: basic, password_secret: P}, probe: {url: ping, method: FETCH}}
              d: {base_url: "https://d.example.com", allowed_hosts: ["https://d.example.com"], colour: red}
              ok: {base_url: "https://ok.example.com", auth: {type: header, name: X-Key, secret: K}, probe: {url: me, expected_status: [200, 204]}}
            """)
        let (catalog, problems) = ConnectionCatalog.parse(value["connections"])
        #expect(catalog.connections.map(\.name) == ["ok"])
        #expect(catalog.connection("ok")?.probe == Connection.Probe(method: .GET, url: "me", expectedStatus: [200, 204]))
        #expect(problems == [
            "runnel.yaml:2:17: 'base_url' of connection 'a' must be an http:// or https:// URL",
            "runnel.yaml:2:32: connection 'a' needs 'secret'",
            "runnel.yaml:3:20: 'auth.type' of connection 'b' must be bearer, basic, header or query, not 'oauth'",
            "runnel.yaml:4:48: basic auth of connection 'c' needs one of 'username' or 'username_secret'",
            "runnel.yaml:4:90: 'probe.method' of connection 'c' must be an HTTP method",
            "runnel.yaml:5:84: unknown key 'colour' in connection 'd'",
            "runnel.yaml:5:58: each of 'allowed_hosts' of connection 'd' must be a host name (api.example.com, *.example.com)",
        ], "\(problems)")
    }

    @Test func theProbeGoesThroughTheConnectionAndSaysWhatItFound() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let catalog = try Self.catalog("""
            connections:
              good: {base_url: "\(server.base)", auth: {type: bearer, secret: TOKEN}, probe: {url: json}}
              picky: {base_url: "\(server.base)", probe: {url: status/204, expected_status: 200}}
              bare: {base_url: "\(server.base)"}
            """)
        let secrets = DictionarySecrets(values: ["TOKEN": "tok-probe-789"])
        let good = try #require(await catalog.connection("good")?.runProbe(secrets: secrets))
        #expect(good.ok && good.status == 200 && good.error == nil)
        #expect(await server.requests.entries.last?.headers["authorization"] == "Bearer tok-probe-789")
        let picky = try #require(await catalog.connection("picky")?.runProbe(secrets: secrets))
        #expect(!picky.ok && picky.status == 204 && picky.error == "answered 204, expected 200")
        #expect(await catalog.connection("bare")?.runProbe(secrets: secrets) == nil)
        let missing = try #require(await catalog.connection("good")?.runProbe(secrets: NoSecrets()))
        #expect(!missing.ok && missing.status == nil && missing.error?.contains("secret 'TOKEN' of connection 'good' is not set") == true)
    }
}
