/// What the loader made of one file: the workflow (when the file could be read as one)
/// and every problem found on the way.
public struct LoadResult: Sendable {
    /// The file's path as given.
    public var path: String
    /// The file's text (empty when it was not UTF-8).
    public var text: String
    /// The workflow; `nil` when the file is not YAML or not a mapping.
    public var workflow: Workflow?
    /// Problems found while loading, in file order.
    public var diagnostics: [Diagnostic]

    /// Creates a result.
    public init(path: String, text: String, workflow: Workflow?, diagnostics: [Diagnostic]) {
        self.path = path
        self.text = text
        self.workflow = workflow
        self.diagnostics = diagnostics
    }
}

/// Reads workflow files: YAML → ``Workflow`` with positions, reporting syntax errors,
/// duplicate keys, unknown keys, wrong types and missing keys as ``Diagnostic``s.
public enum WorkflowLoader {
    /// Loads a file from raw bytes (checks that they are UTF-8 first).
    /// - Parameters:
    ///   - path: The file's path; the workflow id is derived from it.
    ///   - bytes: The file's content.
    public static func load(path: String, bytes: [UInt8]) -> LoadResult {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(bytes)
            let location = SourceFile.location(ofByteOffset: offset, in: String(decoding: bytes[..<offset], as: UTF8.self))
            let diagnostic = Diagnostic(.error, "file is not valid UTF-8 (invalid byte at offset \(offset))", file: path, at: location, rule: "syntax")
            return LoadResult(path: path, text: "", workflow: nil, diagnostics: [diagnostic])
        }
        return load(path: path, text: text)
    }

    /// ``load(path:bytes:)`` of every file, on every core (``Parallel``), in order: blobs read
    /// from git (`runnel check`, the reconcile) parse as files on disk do.
    public static func loadAll(_ files: [(path: String, bytes: [UInt8])]) -> [LoadResult] {
        Parallel.map(files.count) { load(path: files[$0].path, bytes: files[$0].bytes) }
    }

    /// Loads a file from its text.
    /// - Parameters:
    ///   - path: The file's path; the workflow id is derived from it, and a path below
    ///     `templates/` is loaded as a template (it may declare `parameters`).
    ///   - text: The file's content.
    public static func load(path: String, text: String) -> LoadResult {
        var context = LoadContext(file: path)
        let root: SourceValue?
        do {
            root = try YAMLReader.read(text)
        } catch {
            switch error {
            case .diagnostic(let message, let location, let rule): context.error(message, at: location, rule: rule)
            }
            return LoadResult(path: path, text: text, workflow: nil, diagnostics: context.diagnostics)
        }
        guard let root else {
            context.error("file is empty; a workflow needs at least 'name' and 'steps'", at: .start, rule: "syntax")
            return LoadResult(path: path, text: text, workflow: nil, diagnostics: context.diagnostics)
        }
        let workflow = readWorkflow(root, path: path, isTemplate: WorkflowID.isTemplate(path: path), context: &context)
        return LoadResult(path: path, text: text, workflow: workflow, diagnostics: context.diagnostics)
    }

    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            offset += UTF8.width(scalar)
        }
        return offset
    }

    static func readWorkflow(_ root: SourceValue, path: String, isTemplate: Bool, context: inout LoadContext) -> Workflow? {
        guard let members = context.mapping(root, "a workflow file") else { return nil }
        var known = WorkflowKeys.workflow
        if !isTemplate { known.removeAll { WorkflowKeys.templateOnly.contains($0) } }
        context.checkKeys(members, known: known, in: "the workflow")
        let value = { (key: String) in members.first { $0.key.value == key }?.value }

        let id = WorkflowID.from(path: path)
        if let problem = WorkflowID.problem(with: id) {
            context.error(problem, at: .start, rule: "workflow-id")
        }
        let name = context.require(members, "name", in: "the workflow", at: root.location).flatMap { context.string($0, "'name'") }
        if let name, name.value.trimmingSpaces.isEmpty {
            context.error("'name' must not be empty", at: name.location, rule: "invalid-value")
        }
        let stepsValue = context.require(members, "steps", in: "the workflow", at: root.location)
        let steps = stepsValue.map { readSteps($0, "'steps'", context: &context) } ?? []
        if let stepsValue, steps.isEmpty, stepsValue.items?.isEmpty == true {
            context.error("'steps' must list at least one step", at: stepsValue.location, rule: "invalid-value")
        }
        let onFailure = value("on_failure").map { readSteps($0, "'on_failure'", context: &context) } ?? []
        let stepCount = Workflow.flatten(steps + onFailure).count
        guard stepCount <= Workflow.maxSteps else {
            // Refused whole: the rules are not run on a graph past the documented size.
            context.error("the workflow has \(stepCount) steps; a workflow may have at most \(Workflow.maxSteps) (main, on_failure and loop bodies together); split it into workflows run by 'workflow' steps",
                          at: stepsValue?.location ?? root.location, rule: "step-limit")
            return nil
        }

        return Workflow(
            id: id,
            path: path,
            name: name?.value ?? "",
            description: context.string(value("description"), "'description'")?.value,
            tags: context.stringList(value("tags"), "'tags'").map(\.value),
            status: context.choice(value("status"), "'status'", as: WorkflowStatus.self) ?? .active,
            inputs: readInputs(value("inputs"), "'inputs'", context: &context),
            parameters: readInputs(value("parameters"), "'parameters'", context: &context),
            triggers: readTriggers(value("on"), context: &context),
            concurrency: readConcurrency(value("concurrency"), context: &context),
            defaults: readDefaults(value("defaults"), context: &context),
            timeout: context.duration(value("timeout"), "'timeout'", positive: true),
            env: context.namedValues(value("env"), "'env'", scalarsOnly: true),
            agent: readAgent(value("agent"), context: &context),
            tools: readTools(value("tools"), context: &context),
            steps: steps,
            outputs: context.namedValues(value("outputs"), "'outputs'"),
            onFailure: onFailure,
            source: root,
            connections: readConnections(value("connections"), context: &context),
            publish: readPublish(value("publish"), context: &context)
        )
    }

    /// `publish:`: the gallery entry.
    static func readPublish(_ value: SourceValue?, context: inout LoadContext) -> PublishBlock? {
        guard let value, let members = context.mapping(value, "'publish'") else { return nil }
        context.checkKeys(members, known: WorkflowKeys.publish, in: "'publish'")
        let get = { (key: String) in members.first { $0.key.value == key }?.value }
        return PublishBlock(title: context.string(get("title"), "'publish.title'")?.value,
                            description: context.string(get("description"), "'publish.description'")?.value,
                            categories: context.stringList(get("categories"), "'publish.categories'").map(\.value),
                            icon: context.string(get("icon"), "'publish.icon'")?.value)
    }

    /// `connections:`: toolkit names to connection names.
    static func readConnections(_ value: SourceValue?, context: inout LoadContext) -> [ConnectionBinding] {
        guard let value, let members = context.mapping(value, "'connections'") else { return [] }
        return members.compactMap { member in
            context.string(member.value, "'connections.\(member.key.value)'").map { ConnectionBinding(toolkit: member.key, connection: $0) }
        }
    }

    static func readConcurrency(_ value: SourceValue?, context: inout LoadContext) -> ConcurrencyPolicy? {
        guard let value, let members = context.mapping(value, "'concurrency'") else { return nil }
        context.checkKeys(members, known: WorkflowKeys.concurrency, in: "'concurrency'")
        let get = { (key: String) in members.first { $0.key.value == key }?.value }
        return ConcurrencyPolicy(
            limit: context.integer(get("limit"), "'concurrency.limit'", min: 1) ?? 1,
            onConflict: context.choice(get("on_conflict"), "'concurrency.on_conflict'", as: ConflictAction.self) ?? .queue)
    }

    static func readDefaults(_ value: SourceValue?, context: inout LoadContext) -> StepDefaults {
        guard let value, let members = context.mapping(value, "'defaults'") else { return StepDefaults() }
        context.checkKeys(members, known: WorkflowKeys.defaults, in: "'defaults'")
        let get = { (key: String) in members.first { $0.key.value == key }?.value }
        return StepDefaults(
            timeout: context.duration(get("timeout"), "'defaults.timeout'", positive: true),
            retry: readRetry(get("retry"), "'defaults.retry'", context: &context))
    }

    static func readRetry(_ value: SourceValue?, _ what: String, context: inout LoadContext) -> RetryPolicy? {
        guard let value else { return nil }
        if case .number = value.kind {
            // `retry: 3` is shorthand for three attempts with the default backoff.
            guard let attempts = context.integer(value, what, min: 1, max: 100) else { return nil }
            return RetryPolicy(attempts: attempts, backoff: .exponential, initial: .seconds(1), max: .seconds(60), jitter: true)
        }
        guard let members = context.mapping(value, what) else { return nil }
        context.checkKeys(members, known: WorkflowKeys.retry, in: what)
        let get = { (key: String) in members.first { $0.key.value == key }?.value }
        let initial = context.duration(get("initial"), "'initial'")?.value ?? .seconds(1)
        let maximum = context.duration(get("max"), "'max'")?.value ?? .seconds(60)
        if let maxValue = get("max"), maximum < initial {
            context.error("retry 'max' (\(maximum.compactDescription)) is shorter than 'initial' (\(initial.compactDescription))",
                          at: maxValue.location, rule: "invalid-value")
        }
        return RetryPolicy(
            attempts: context.integer(context.require(members, "attempts", in: what, at: value.location), "'attempts'", min: 1, max: 100) ?? 1,
            backoff: context.choice(get("backoff"), "'backoff'", as: Backoff.self) ?? .exponential,
            initial: initial,
            max: maximum,
            jitter: context.bool(get("jitter"), "'jitter'") ?? true)
    }

    static func readAgent(_ value: SourceValue?, context: inout LoadContext) -> AgentDefaults? {
        guard let value, let members = context.mapping(value, "'agent'") else { return nil }
        context.checkKeys(members, known: WorkflowKeys.agent, in: "'agent'")
        let get = { (key: String) in members.first { $0.key.value == key }?.value }
        return AgentDefaults(system: context.string(get("system"), "'agent.system'")?.value,
                             model: context.string(get("model"), "'agent.model'")?.value)
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return s
    }
}
