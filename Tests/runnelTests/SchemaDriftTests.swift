import Foundation
import Testing
@testable import RunnelCore
@testable import RunnelDaemon
@testable import RunnelEngine

/// The editor schemas list exactly the keys and choices the loaders accept: every closed
/// object of a schema (`additionalProperties: false`) is mapped to the list its reader checks
/// unknown keys against, and its `properties` are that list, both ways. A key added to the
/// loader and not to the schema (or the other way round) fails here.
@Suite struct SchemaDriftTests {
    static func root(_ schema: EditorSchema) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(schema.json.utf8)) as? [String: Any], "\(schema.path)")
    }

    /// The JSON pointers of every subschema that closes its object (`additionalProperties: false`).
    static func closedObjects(in value: Any, at pointer: String = "") -> Set<String> {
        var found: Set<String> = []
        var stack: [(Any, String)] = [(value, pointer)]
        while let (node, path) = stack.popLast() {
            if let object = node as? [String: Any] {
                if let closed = object["additionalProperties"] as? Bool, !closed { found.insert(path) }
                for (key, child) in object { stack.append((child, path + "/" + key)) }
            } else if let array = node as? [Any] {
                for (index, child) in array.enumerated() { stack.append((child, path + "/\(index)")) }
            }
        }
        return found
    }

    /// The subschema at a JSON pointer such as `/definitions/step`.
    static func subschema(_ root: [String: Any], _ pointer: String) -> [String: Any]? {
        var node: Any = root
        for part in pointer.split(separator: "/") {
            guard let object = node as? [String: Any], let child = object[String(part)] else { return nil }
            node = child
        }
        return node as? [String: Any]
    }

    static func propertyNames(_ root: [String: Any], _ pointer: String) -> Set<String>? {
        (subschema(root, pointer)?["properties"] as? [String: Any]).map { Set($0.keys) }
    }

    /// Checks that the closed objects of `schema` are exactly `expected`'s pointers, each with
    /// exactly the keys its reader accepts.
    static func check(_ schema: EditorSchema, _ expected: [String: [String]]) throws {
        let root = try Self.root(schema)
        let closed = closedObjects(in: root)
        #expect(closed == Set(expected.keys),
                "\(schema.path): closed objects without a loader key list \(closed.subtracting(expected.keys).sorted()); listed but not closed \(Set(expected.keys).subtracting(closed).sorted())")
        for (pointer, keys) in expected.sorted(by: { $0.key < $1.key }) {
            let properties = try #require(propertyNames(root, pointer), "\(schema.path)#\(pointer) has no properties")
            #expect(properties.subtracting(keys).isEmpty, "\(schema.path)#\(pointer) lists keys the loader refuses: \(properties.subtracting(keys).sorted())")
            #expect(Set(keys).subtracting(properties).isEmpty, "\(schema.path)#\(pointer) lacks keys the loader accepts: \(Set(keys).subtracting(properties).sorted())")
        }
    }

    /// The schema pointer of each key list of the workflow loader, apart from the top level.
    static var workflowKeyLists: [String: [String]] {
        var lists = [
            "/definitions/input_spec": WorkflowKeys.input,
            "/definitions/triggers": WorkflowKeys.triggers,
            "/definitions/schedule": WorkflowKeys.schedule,
            "/definitions/event_trigger": WorkflowKeys.eventTrigger,
            "/definitions/webhook_trigger": WorkflowKeys.webhookTrigger,
            "/definitions/workflow_trigger": WorkflowKeys.workflowTrigger,
            "/definitions/mcp_trigger": WorkflowKeys.mcpTrigger,
            "/definitions/concurrency": WorkflowKeys.concurrency,
            "/definitions/defaults": WorkflowKeys.defaults,
            "/definitions/retry_policy": WorkflowKeys.retry,
            "/definitions/agent": WorkflowKeys.agent,
            "/definitions/tool": WorkflowKeys.tool,
            "/definitions/step": WorkflowKeys.step,
            "/definitions/approval_notify": WorkflowKeys.approvalNotify,
            "/definitions/publish": WorkflowKeys.publish,
        ]
        for type in StepType.allCases { lists["/definitions/config_\(type.rawValue)"] = WorkflowKeys.config(type) }
        return lists
    }

    @Test func theWorkflowSchemaHasExactlyTheKeysTheLoaderAccepts() throws {
        var lists = Self.workflowKeyLists
        lists[""] = WorkflowKeys.workflow.filter { !WorkflowKeys.templateOnly.contains($0) }
        try Self.check(.workflow, lists)
    }

    @Test func theTemplateSchemaHasExactlyTheKeysTheLoaderAcceptsInTemplates() throws {
        var lists = Self.workflowKeyLists
        lists[""] = WorkflowKeys.workflow
        try Self.check(.template, lists)
    }

    @Test func theSettingsSchemaHasExactlyTheKeysRunnelReads() throws {
        try Self.check(.settings, [
            "/definitions/provider": ProviderCatalog.knownKeys,
            "/definitions/smtp": RepositorySettings.smtpKeys,
            "/definitions/approvals": RepositorySettings.approvalsKeys,
            "/definitions/retention": RetentionPolicy.keys,
            "/definitions/connection": ConnectionCatalog.knownKeys,
            "/definitions/connection/properties/auth": ConnectionCatalog.authKeys,
            "/definitions/connection/properties/probe": ConnectionCatalog.probeKeys,
        ])
        // The top level is open (Runnel ignores other keys), but lists every key it reads.
        let root = try Self.root(.settings)
        #expect(Self.propertyNames(root, "") == Set(RepositorySettings.Key.allCases.map(\.rawValue)))
        let events = Self.subschema(root, "/definitions/notify_target/properties/events/items")?["enum"] as? [String]
        #expect(events == RepositorySettings.eventNames)
    }

    /// The `enum` at a pointer, or the `const`s of a `oneOf`'s branches at `property`.
    static func choices(_ root: [String: Any], _ pointer: String) -> [String]? {
        subschema(root, pointer)?["enum"] as? [String]
    }

    static func consts(_ root: [String: Any], oneOfAt pointer: String) -> [String] {
        let branches = subschema(root, pointer)?["oneOf"] as? [[String: Any]] ?? []
        return branches.compactMap { (($0["properties"] as? [String: Any])?["type"] as? [String: Any])?["const"] as? String }
    }

    static func raw<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String] where T.RawValue == String {
        T.allCases.map(\.rawValue)
    }

    @Test func theSchemaChoicesAreTheLoadersChoices() throws {
        let root = try Self.root(.workflow)
        let expected: [(String, [String])] = [
            ("/properties/status", Self.raw(WorkflowStatus.self)),
            ("/definitions/input_type", Self.raw(InputType.self)),
            ("/definitions/schedule/properties/catchup", Self.raw(CatchupPolicy.self)),
            ("/definitions/concurrency/properties/on_conflict", Self.raw(ConflictAction.self)),
            ("/definitions/retry_policy/properties/backoff", Self.raw(Backoff.self)),
            ("/definitions/tool/properties/type", Self.raw(ToolKind.self)),
            ("/definitions/step/properties/type", Self.raw(StepType.self)),
            ("/definitions/config_http_request/properties/method", Self.raw(HTTPMethod.self)),
            ("/definitions/config_webhook/properties/method", Self.raw(HTTPMethod.self)),
            ("/definitions/config_script/properties/shell", Self.raw(ScriptShell.self)),
            ("/definitions/config_approval/properties/on_timeout", Self.raw(ApprovalTimeoutAction.self)),
        ]
        for (pointer, values) in expected {
            #expect(Self.choices(root, pointer) == values, "\(EditorSchema.workflow.path)#\(pointer)")
        }
        // `oneOf` on `type`: one branch per step type and per tool kind, each with its config.
        #expect(Self.consts(root, oneOfAt: "/definitions/step") == Self.raw(StepType.self))
        #expect(Self.consts(root, oneOfAt: "/definitions/tool") == Self.raw(ToolKind.self))
    }
}
