import AsyncHTTPClient
import Foundation
import NIOCore
import RunnelCore
import RunnelEngine

/// Posts run lifecycle events to the `notify:` URLs of `runnel.yaml`: a JSON body
/// `{type, sent_at, run: {id, workflow_id, status, trigger, error, outputs}}`, signed with
/// `X-Runnel-Signature: sha256=…` when the target names a secret, retried up to 4 times with
/// backoff (1 s, 2 s, 4 s) on a connection error or a non-2xx answer.
struct Notifier: Sendable {
    let targets: [RepositorySettings.Notification]
    let secrets: any SecretStore
    let backoff: [Duration]

    init(targets: [RepositorySettings.Notification], secrets: any SecretStore, backoff: [Duration] = [.seconds(1), .seconds(2), .seconds(4)]) {
        self.targets = targets
        self.secrets = secrets
        self.backoff = backoff
    }

    /// One POST to one target.
    struct Delivery: Sendable {
        var bytes: [UInt8]
        var target: RepositorySettings.Notification
        var type: String
    }

    /// The deliveries of `type` for `record` to every target that wants it; `approval`
    /// (the wait and its links) goes with `run.awaiting_approval`.
    func deliveries(_ type: String, _ record: RunRecord, approval: JSONValue? = nil) -> [Delivery] {
        var body: JSONValue = [
            "type": .string(type), "sent_at": .string(Date().formatted(.iso8601)),
            "run": ["id": .string(record.id), "workflow_id": .string(record.workflowID), "status": .string(record.status.rawValue),
                    "trigger": .string(record.trigger.type), "error": record.error.map(JSONValue.string) ?? .null,
                    "outputs": record.outputs.map(JSONValue.object) ?? .null],
        ]
        if let approval, case .object(var members) = body {
            members["approval"] = approval
            body = .object(members)
        }
        return deliveries(type, body: body)
    }

    /// The deliveries of `body` (which carries `type` and `sent_at`) as event `type` to every target that wants it.
    func deliveries(_ type: String, body: JSONValue) -> [Delivery] {
        let bytes = Array(body.serialized().utf8)
        return targets.filter { $0.events.isEmpty || $0.events.contains(type) }.map { Delivery(bytes: bytes, target: $0, type: type) }
    }

    /// Posts `delivery`, retrying with backoff. Returns why it was given up, after the last attempt.
    func deliver(_ delivery: Delivery) async -> String? {
        let (bytes, target, type) = (delivery.bytes, delivery.target, delivery.type)
        var request = HTTPClientRequest(url: target.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "runnel")
        request.headers.add(name: "X-Runnel-Event", value: type)
        if let name = target.secret, let key = secrets.value(named: name) {
            request.headers.add(name: "X-Runnel-Signature", value: WebhookSignature.sign(bytes, secret: key))
        }
        request.body = .bytes(ByteBuffer(bytes: bytes))
        var last = ""
        for attempt in 0...backoff.count {
            if attempt > 0 {
                // Cancelled (the daemon stops past its grace period): the delivery is given up now.
                do { try await Task.sleep(for: backoff[attempt - 1]) } catch { return "\(type) to \(target.url) was given up: the daemon stopped" }
            }
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                if (200..<300).contains(Int(response.status.code)) { return nil }
                last = "HTTP \(response.status.code)"
            } catch {
                last = "\(error)"
            }
        }
        return "\(type) to \(target.url) was not delivered after \(backoff.count + 1) attempts: \(last)"
    }
}
