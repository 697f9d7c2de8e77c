public import Logging

/// Where the engine logs what it can't record (an event or log line the store refused):
/// the task-local logger, bound by the engine to its own around each run (``Engine/init``'s
/// `logger`). Messages are constant, the values in `runnel.*` metadata.
public enum EngineLog {
    /// The logger of the current task.
    @TaskLocal public static var logger = Logger(label: "runnel.engine")

    /// The message of an event the store refused (`runnel.run_id`, `runnel.event`, `runnel.error`).
    public static let eventNotRecorded: Logger.Message = "run event not recorded"
    /// The message of step log lines the store refused (`runnel.run_id`, `runnel.count`, `runnel.error`).
    public static let logNotRecorded: Logger.Message = "step log lines not recorded"
}

extension RunStore {
    /// Appends `events`; a refusal is logged (the run goes on: what is lost is its trace).
    func appendOrLog(contentsOf events: [RunEvent], to runID: String) async {
        do {
            _ = try await append(contentsOf: events, to: runID)
        } catch {
            EngineLog.logger.error(EngineLog.eventNotRecorded, metadata: [
                "runnel.run_id": .string(runID), "runnel.event": .array(events.map { .string($0.kind.rawValue) }),
                "runnel.error": .string("\(error)"),
            ])
        }
    }

    /// Appends `event`; a refusal is logged.
    func appendOrLog(_ event: RunEvent, to runID: String) async {
        await appendOrLog(contentsOf: [event], to: runID)
    }

    /// Appends step log `lines`; a refusal is logged (the lines are dropped, not the step).
    func appendLogOrLog(_ lines: [StepLogLine], to runID: String) async {
        do {
            _ = try await appendLog(lines, to: runID)
        } catch {
            EngineLog.logger.error(EngineLog.logNotRecorded, metadata: [
                "runnel.run_id": .string(runID), "runnel.count": .stringConvertible(lines.count), "runnel.error": .string("\(error)"),
            ])
        }
    }
}
