import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon
import RunnelEngine

extension APIRoutes {
    /// `POST /hooks/git`: a push webhook from GitHub or GitLab makes a mirroring daemon fetch
    /// at once. GitHub signs the body (`X-Hub-Signature-256`, HMAC-SHA256 under the secret);
    /// GitLab sends the secret itself (`X-Gitlab-Token`), compared in constant time. A push to
    /// another branch, or GitHub's `ping`, fetches nothing.
    func addGitHookRoute(to router: Router<BasicRequestContext>) {
        router.post("/hooks/git") { request, _ in
            guard daemon.isMirror else {
                throw APIError.notFound("this daemon watches a local repository; /hooks/git serves mirror mode (runnel serve --remote)")
            }
            let bytes = try await RequestBody.bytes(request)
            guard let name = daemon.gitHookSecret else {
                throw APIError.unauthorized("no secret to check push hooks against: start with --git-hook-secret NAME")
            }
            guard let secret = daemon.secrets.value(named: name), !secret.isEmpty else {
                throw APIError.unauthorized("the push hook secret '\(name)' has no value: set it in the secrets file or as RUNNEL_SECRET_\(name)")
            }
            let header = { (field: String) in request.headers.first { $0.name.canonicalName == field }?.value }
            let signed = WebhookSignature.isValid(header("x-hub-signature-256"), body: bytes, secret: secret)
                || header("x-gitlab-token").map { WebhookSignature.constantTimeEqual($0, secret) } == true
            guard signed else { throw APIError.unauthorized("the signature is missing or does not match") }
            if header("x-github-event") == "ping" { return JSONResponse.make(["fetch": false, "reason": "ping"]) }
            let payload = try? JSONParser.parse(String(decoding: bytes, as: UTF8.self))
            let watched = "refs/heads/\(daemon.branch)"
            if case .string(let ref)? = payload?.objectValue?["ref"], ref != watched {
                return JSONResponse.make(["fetch": false, "reason": .string("a push to \(ref), not \(watched)")])
            }
            await daemon.reconciler.requestFetch()
            return JSONResponse.make(["fetch": true], status: .accepted)
        }
    }
}
