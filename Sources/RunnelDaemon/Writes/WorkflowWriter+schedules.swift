public import RunnelCore
import RunnelGit

extension WorkflowWriter {
    /// A schedule to add to a workflow's `on.schedule`.
    public struct NewSchedule: Sendable {
        /// The cron expression.
        public var cron: String
        /// The IANA time zone (the repository default when `nil`).
        public var timezone: String?
        /// Its stable `id:` (its index names it when `nil`).
        public var id: String?
        /// `none`, `last` or `all` (default `last`).
        public var catchup: String?
        /// Inputs given to the runs it starts.
        public var inputs: JSONValue?

        /// Creates a schedule.
        public init(cron: String, timezone: String? = nil, id: String? = nil, catchup: String? = nil, inputs: JSONValue? = nil) {
            self.cron = cron
            self.timezone = timezone
            self.id = id
            self.catchup = catchup
            self.inputs = inputs
        }

        /// The `on.schedule` entry, keys in the documented order.
        var entry: SourceValue {
            let at = SourceLocation.start
            var members: [SourceValue.Member] = []
            func add(_ key: String, _ value: JSONValue?) {
                guard let value else { return }
                members.append(.init(key: Located(key, at: at), value: SourceValue(json: value, at: at)))
            }
            add("id", id.map(JSONValue.string))
            add("cron", .string(cron))
            add("timezone", timezone.map(JSONValue.string))
            add("catchup", catchup.map(JSONValue.string))
            add("inputs", inputs)
            return SourceValue(.object(members), at: at)
        }
    }

    /// Appends `schedule` to the `on.schedule` of workflow `id`, as a validated commit (the
    /// file's text is kept; see ``ScheduleEdit``). Returns the write and the new schedule as
    /// the daemon runs it.
    public func addSchedule(_ schedule: NewSchedule, to id: String, message: String, author: String,
                            base: String?) async throws(WriteError) -> (write: WriteResult, schedule: ScheduleService.ScheduleInfo?) {
        let (text, workflow) = try currentFile(of: id)
        let index = workflow.triggers.schedules.count
        guard let edited = ScheduleEdit.adding(schedule.entry, to: text) else {
            throw WriteError(kind: .failed, description: "workflow '\(id)' could not be edited: its file is not a mapping")
        }
        let result = try await writeWorkflow(id: id, yaml: edited, create: false, message: message, author: author, base: base)
        let key = ScheduleKey(workflowID: id, name: schedule.id ?? String(index))
        return (result, await scheduler.schedules(of: id)?.first { $0.id == key.description })
    }

    /// Removes schedule `name` (its `id:` or index) from workflow `id`, as a commit.
    public func deleteSchedule(_ name: String, of id: String, message: String, author: String, base: String?) async throws(WriteError) -> WriteResult {
        let (text, workflow) = try currentFile(of: id)
        guard let index = workflow.triggers.schedules.enumerated().first(where: { ($0.element.id?.value ?? String($0.offset)) == name })?.offset,
              let edited = ScheduleEdit.removing(at: index, from: text) else {
            throw WriteError(kind: .notFound, description: "workflow '\(id)' has no schedule '\(name)'")
        }
        return try await writeWorkflow(id: id, yaml: edited, create: false, message: message, author: author, base: base)
    }

    /// The text of workflow `id`'s file at the active commit, and the workflow it loads as.
    func currentFile(of id: String) throws(WriteError) -> (String, Workflow) {
        guard let entry = snapshots.current.workflows[id], let tip = snapshots.current.activeCommit.flatMap(ObjectID.init(hex:)) else {
            throw WriteError(kind: .notFound, description: "workflow '\(id)' not found")
        }
        let bytes: [UInt8]?
        do {
            bytes = try repository.file(at: entry.path, in: tip)
        } catch {
            throw WriteError(kind: .failed, description: "\(error)")
        }
        guard let bytes else { throw WriteError(kind: .notFound, description: "workflow '\(id)' not found at \(tip.short)") }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let workflow = WorkflowLoader.load(path: entry.path, text: text).workflow else {
            throw WriteError(kind: .invalid, description: "workflow '\(id)' does not load at \(tip.short); fix the file first",
                             diagnostics: entry.errors.map(\.description))
        }
        return (text, workflow)
    }
}
