import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import RunnelEngine
import Testing
@testable import RunnelDashboard

/// The dashboard through its router: sign-in and sessions, CSRF tokens, scopes, the pages
/// over the API, the run form.
@Suite struct DashboardTests {
    func signIn(_ client: some TestClientProtocol, key: String) async throws -> Browser {
        var browser = Browser()
        try await client.execute(uri: "/dashboard/signin", method: .get) { browser.take($0) }
        try await client.execute(uri: "/dashboard/signin", method: .post, headers: browser.formHeaders,
                                 body: Browser.form([("csrf", browser.csrf ?? ""), ("key", key), ("next", "/dashboard/workflows")])) { response in
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/dashboard/workflows")
            let cookie = response.headers[.setCookie] ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/dashboard"))
            browser.take(response)
        }
        try await client.execute(uri: "/dashboard/workflows", method: .get, headers: browser.headers) { browser.take($0) }
        return browser
    }

    @Test func signingInNeedsAValidKeyAndTheFormsToken() async throws {
        let fixture = try await DashboardFixture(["workflows/greet.yaml": DashboardFixture.greet])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            var browser = Browser()
            try await client.execute(uri: "/dashboard/workflows", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/dashboard/signin") == true)
                browser.take(response)
            }
            try await client.execute(uri: "/", method: .get) { #expect($0.headers[.location] == "/dashboard") }
            try await client.execute(uri: "/dashboard/signin", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("Content-Security-Policy")!]?.hasPrefix("default-src 'self'") == true)
                browser.take(response)
            }
            let token = try #require(browser.csrf)
            try await client.execute(uri: "/dashboard/signin", method: .post, headers: browser.formHeaders,
                                     body: Browser.form([("key", fixture.admin)])) { response in
                #expect(response.status == .forbidden, "no CSRF token: refused")
                #expect(response.headers[.setCookie] == nil)
            }
            try await client.execute(uri: "/dashboard/signin", method: .post, headers: browser.formHeaders,
                                     body: Browser.form([("csrf", token), ("key", "rnl_wrong")])) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("not valid"))
            }
            try await client.execute(uri: "/dashboard/signin", method: .post, headers: browser.formHeaders,
                                     body: Browser.form([("csrf", token), ("key", fixture.admin), ("next", "https://evil.example/")])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/dashboard/workflows", "only dashboard paths after sign-in")
                browser.take(response)
            }
            try await client.execute(uri: "/dashboard/workflows", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains(#"data-workflow="greet""#))
                #expect(html.contains(#"id="viewer">admin<"#))
                #expect(!html.contains("--no-auth"))
                browser.take(response)
            }
            // Sign out ends the session.
            try await client.execute(uri: "/dashboard/signout", method: .post, headers: browser.formHeaders,
                                     body: Browser.form([("csrf", browser.csrf ?? "")])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/dashboard/workflows", method: .get, headers: browser.headers) { #expect($0.status == .seeOther) }
            // Everything else is the API's.
            try await client.execute(uri: "/healthz", method: .get) { #expect(String(buffer: $0.body).hasPrefix(#"{"status":"ok"}"#)) }
            try await client.execute(uri: "/api/workflows", method: .get) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func theRunFormStartsARunThroughTheAPIAndNeedsItsToken() async throws {
        let fixture = try await DashboardFixture(["workflows/greet.yaml": DashboardFixture.greet])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            let browser = try await signIn(client, key: fixture.admin)
            var formHTML = ""
            try await client.execute(uri: "/dashboard/workflows/greet", method: .get, headers: browser.headers) { formHTML = String(buffer: $0.body) }
            #expect(formHTML.contains(#"id="run-form""#))
            #expect(formHTML.contains(#"name="input.who""#) && formHTML.contains("required"))
            #expect(formHTML.contains(#"name="input.times" value="1""#), "defaults fill the fields")
            #expect(formHTML.contains("<svg") && formHTML.contains(#"data-from="say" data-to="after""#))
            try await client.execute(uri: "/dashboard/run/greet", method: .post, headers: browser.formHeaders,
                                     body: Browser.form([("input.who", "Ada")])) { #expect($0.status == .forbidden) }
            #expect(await fixture.daemon.store.list(RunQuery()).total == 0, "a form without its token does nothing")
            // The API's validation: a required input left empty.
            try await client.execute(uri: "/dashboard/run/greet", method: .post, headers: browser.formHeaders,
                                     body: Browser.form([("csrf", browser.csrf ?? ""), ("input.times", "x")])) { response in
                #expect(response.headers[.location] == "/dashboard/workflows/greet")
            }
            try await client.execute(uri: "/dashboard/workflows/greet", method: .get, headers: browser.headers) { response in
                #expect(String(buffer: response.body).contains(#"class="flash error""#))
            }
            var location = ""
            try await client.execute(uri: "/dashboard/run/greet", method: .post, headers: browser.formHeaders,
                                     body: Browser.form([("csrf", browser.csrf ?? ""), ("input.who", "Ada"), ("input.times", "2")])) { response in
                #expect(response.status == .seeOther)
                location = response.headers[.location] ?? ""
            }
            #expect(location.hasPrefix("/dashboard/runs/"))
            let runID = String(location.dropFirst("/dashboard/runs/".count))
            let record = try #require(await fixture.daemon.store.record(runID))
            #expect(record.inputs["who"] == "Ada" && record.inputs["times"] == 2)
            for _ in 0..<100 where await fixture.daemon.store.record(runID)?.status != .completed { try await Task.sleep(for: .milliseconds(50)) }
            try await client.execute(uri: location, method: .get, headers: browser.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"data-status="completed""#))
                #expect(html.contains("hello Ada"), "the step's log")
                #expect(html.contains(#"id="rerun""#) && html.contains(#"id="delete""#))
            }
        }
    }

    @Test func aReadKeySeesNoWriteButtonAndItsFormsAreRefusedByTheAPI() async throws {
        let fixture = try await DashboardFixture(["workflows/greet.yaml": DashboardFixture.greet])
        defer { fixture.remove() }
        let run = try await fixture.daemon.launcher.startRun(workflowID: "greet", inputs: ["who": "Bo"], trigger: RunTrigger(type: "manual"))
        try await fixture.app.test(.router) { client in
            let browser = try await signIn(client, key: fixture.reader)
            try await client.execute(uri: "/dashboard/workflows/greet", method: .get, headers: browser.headers) { response in
                #expect(!String(buffer: response.body).contains(#"id="run-form""#))
            }
            try await client.execute(uri: "/dashboard/runs/\(run.id)", method: .get, headers: browser.headers) { response in
                let html = String(buffer: response.body)
                for button in ["cancel", "resume", "rerun", "delete"] { #expect(!html.contains(#"id="\#(button)""#)) }
            }
            try await client.execute(uri: "/dashboard/versions/greet", method: .get, headers: browser.headers) { response in
                #expect(!String(buffer: response.body).contains("Roll back"))
            }
            try await client.execute(uri: "/dashboard/run/greet", method: .post, headers: browser.formHeaders,
                                     body: Browser.form([("csrf", browser.csrf ?? ""), ("input.who", "Eve")])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/dashboard/workflows/greet", method: .get, headers: browser.headers) { response in
                #expect(String(buffer: response.body).contains("lacks the &#39;run&#39; scope"), "the API's own refusal")
            }
            #expect(await fixture.daemon.store.list(RunQuery()).total == 1)
        }
    }

    @Test func withoutAuthEveryPageSaysSo() async throws {
        let fixture = try await DashboardFixture(["workflows/greet.yaml": DashboardFixture.greet], auth: false)
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            for page in ["/dashboard/workflows", "/dashboard/runs", "/dashboard/approvals", "/dashboard/status", "/dashboard/workflows/greet",
                         "/dashboard/versions/greet"] {
                try await client.execute(uri: page, method: .get) { response in
                    #expect(response.status == .ok, "\(page)")
                    #expect(String(buffer: response.body).contains("--no-auth"), "\(page)")
                }
            }
        }
    }

    @Test func anInvalidFileShowsEachDiagnosticUnderItsLine() async throws {
        let broken = DashboardFixture.greet.replacingOccurrences(of: "depends_on: [say]", with: "depends_on: [nope]")
        let fixture = try await DashboardFixture(["workflows/greet.yaml": DashboardFixture.greet, "workflows/broken.yaml": broken], auth: false)
        defer { fixture.remove() }
        let line = try #require(broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("nope") }) + 1
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/dashboard/workflows/broken", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"id="error-count""#))
                let diagnostic = try #require(html.range(of: #"<div class="diag" data-line="\#(line)">"#), "a diagnostic under line \(line)")
                let after = html[diagnostic.upperBound...].prefix(300)
                #expect(after.contains("^") && after.contains("nope"))
                #expect(after.contains("workflows/broken.yaml:\(line):"))
            }
            try await client.execute(uri: "/dashboard/workflows?state=invalid", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"data-workflow="broken""#) && !html.contains(#"data-workflow="greet""#))
                #expect(html.contains("1 error(s)"))
            }
        }
    }

    @Test func everyTemplateParses() {
        let renderer = PageRenderer()
        for name in Templates.all.keys { #expect(renderer.library.getTemplate(named: name) != nil, "\(name)") }
    }

    @Test func assetsAreServedWithTheirTypes() async throws {
        let fixture = try await DashboardFixture([:], auth: false)
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            for (name, type) in [("app.css", "text/css"), ("app.js", "text/javascript"), ("icon.svg", "image/svg+xml")] {
                try await client.execute(uri: "/dashboard/assets/\(name)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix(type) == true)
                    #expect(response.body.readableBytes < 50_000)
                }
            }
            try await client.execute(uri: "/dashboard/assets/nope.js", method: .get) { #expect($0.status == .notFound) }
        }
    }
}
