public import Foundation
public import RunnelCore

extension ApprovalWait {
    /// The data of the `run_awaiting_approval` event that starts (or, `restored`, re-announces
    /// after a restart) this wait.
    public var eventData: JSONValue {
        var data: [String: JSONValue] = [
            "kind": .string(request.kind), "message": request.message.map(JSONValue.string) ?? .null,
            "approvers": .array(request.approvers.map(JSONValue.string)), "required": .number(Double(request.required)),
            "on_timeout": .string(request.onTimeout.rawValue), "since": .string(since.formatted(Self.preciseTime)),
            "expires_at": expiresAt.map { .string($0.formatted(Self.preciseTime)) } ?? .null,
            "input_schema": request.inputSchema ?? .null, "notify_email": .array(request.notifyEmail.map(JSONValue.string)),
            "data": request.data ?? .null, "workflow_id": .string(workflowID), "started_by": startedBy.map(JSONValue.string) ?? .null,
        ]
        if let timeout = request.timeout { data["timeout_seconds"] = .number(timeout.seconds) }
        return .object(data)
    }

    /// The wait of `stepID` that a previous process left open in `events` (announced, neither
    /// decided nor ended by the run's end), with the decisions recorded since; nil when none.
    public static func open(in events: [RunEvent], runID: String, stepID: String) -> ApprovalWait? {
        guard let start = events.lastIndex(where: { $0.kind == .runAwaitingApproval && $0.stepID == stepID }) else { return nil }
        let later = events[events.index(after: start)...]
        if later.contains(where: { ($0.kind == .approvalDecided && $0.stepID == stepID) || $0.endsRun }) { return nil }
        guard var wait = ApprovalWait(announcement: events[start], runID: runID) else { return nil }
        wait.usedTokens = usedTokens(in: events)
        wait.decisions = later.filter { $0.kind == .approvalRecorded && $0.stepID == stepID }
            .compactMap { ApprovalDecision(json: $0.data, at: $0.time) }
        return wait
    }

    /// Every open wait of a run, for listings that read the store (`runnel approvals`).
    public static func open(in events: [RunEvent], runID: String) -> [ApprovalWait] {
        let steps = Set(events.filter { $0.kind == .runAwaitingApproval }.compactMap(\.stepID))
        return steps.sorted().compactMap { open(in: events, runID: runID, stepID: $0) }
    }

    /// Token ids that decisions of the run used.
    static func usedTokens(in events: [RunEvent]) -> Set<String> {
        Set(events.filter { $0.kind == .approvalRecorded }.compactMap { $0.data?["token_id"]?.stringValue })
    }

    /// A wait read back from its announcement (a `run_awaiting_approval` event), without decisions.
    public init?(announcement event: RunEvent, runID: String) {
        guard let stepID = event.stepID, let data = event.data else { return nil }
        let date = { (key: String) in
            data[key]?.stringValue.flatMap { (try? Date($0, strategy: Self.preciseTime)) ?? (try? Date($0, strategy: .iso8601)) }
        }
        let request = ApprovalRequest(
            runID: runID, stepID: stepID, kind: data["kind"]?.stringValue ?? "approval", message: data["message"]?.stringValue,
            approvers: data["approvers"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            required: Int(data["required"]?.numberValue ?? 1),
            timeout: data["timeout_seconds"]?.numberValue.map { .milliseconds(Int64($0 * 1000)) },
            onTimeout: data["on_timeout"]?.stringValue.flatMap(ApprovalTimeoutAction.init(rawValue:)) ?? .reject,
            inputSchema: data["input_schema"].flatMap { $0 == .null ? nil : $0 },
            notifyEmail: data["notify_email"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            data: data["data"].flatMap { $0 == .null ? nil : $0 })
        self.init(request, workflowID: data["workflow_id"]?.stringValue ?? "", startedBy: data["started_by"]?.stringValue,
                  now: date("since") ?? event.time)
        expiresAt = date("expires_at")
    }

    /// A wait as `GET /api/approvals` lists it (``json``), decisions included.
    public init?(listed json: JSONValue) {
        guard let runID = json["run_id"]?.stringValue, let stepID = json["step_id"]?.stringValue,
              let since = json["since"]?.stringValue.flatMap({ try? Date($0, strategy: Self.preciseTime) }) else { return nil }
        self.init(announcement: RunEvent(.runAwaitingApproval, time: since, stepID: stepID, data: json), runID: runID)
        decisions = json["decisions"]?.arrayValue?.compactMap { item in
            ApprovalDecision(json: item, at: item["at"]?.stringValue.flatMap { try? Date($0, strategy: .iso8601) } ?? since)
        } ?? []
    }

    /// ISO 8601 with milliseconds: a restored deadline is the one announced.
    static let preciseTime = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The wait as the API lists it.
    public var json: JSONValue {
        var object = eventData.objectValue ?? [:]
        object["run_id"] = .string(request.runID)
        object["step_id"] = .string(request.stepID)
        object["decisions"] = .array(decisions.map(\.json))
        object["remaining"] = .number(Double(remaining))
        object["notify_email"] = nil
        return .object(object)
    }
}
