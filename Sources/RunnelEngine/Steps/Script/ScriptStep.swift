import Foundation
import RunnelCore
import Subprocess
import SystemPackage

/// `script`: runs the step's text with `sh`, `bash` or `python3` in a fresh temporary folder,
/// in its own session so that a timeout or a cancelled run kills the whole process group.
///
/// Values reach the script only through environment variables: the step's `env`, the
/// workflow's `env`, `RUNNEL_*` variables, and a short list inherited from Runnel's own
/// environment (``inherited``) — never Runnel's secrets.
///
/// Run by the executor, the script's session is recorded (a `step_process` event) before the
/// script may run (``ScriptGate``), so that a restarted Runnel ends it before the step runs
/// again; its stdout and stderr lines go to the step's log as they are written.
struct ScriptStep: StepRunner {
    /// Where the step folders are made.
    let temporaryRoot: String
    /// How long a script may take to exit after SIGTERM before its group gets SIGKILL.
    let gracePeriod: Duration

    init(temporaryRoot: String = NSTemporaryDirectory(), gracePeriod: Duration = .seconds(2)) {
        self.temporaryRoot = temporaryRoot
        self.gracePeriod = gracePeriod
    }

    /// Variables passed through from Runnel's environment when set.
    static let inherited = ["PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "USER", "LOGNAME", "TMPDIR"]

    /// stdout and stderr are cut beyond 1 MB each unless the step says otherwise.
    static let defaultMaxOutputBytes = 1024 * 1024

    func run(_ invocation: StepInvocation) async -> StepOutcome {
        await run(invocation, stdin: nil)
    }

    /// Runs the script with `stdin` as its standard input (none: no input), as agent tools do.
    func run(_ invocation: StepInvocation, stdin: String?) async -> StepOutcome {
        guard case .script(let config) = invocation.step.config else {
            return .failed("not a script step", output: nil)
        }
        let folder: ScriptFolder
        do {
            folder = try ScriptFolder(root: temporaryRoot, script: config.run.value)
        } catch {
            return .failed("could not prepare the script's folder: \(error)", output: nil)
        }
        defer { folder.remove() }
        do {
            let environment = try self.environment(config, invocation, folder)
            if let stdin {
                return try await execute(config, invocation, environment: environment, folder: folder, input: .string(stdin))
            }
            return try await execute(config, invocation, environment: environment, folder: folder, input: .none)
        } catch {
            return .failed(error.description, output: nil)
        }
    }

    private func environment(_ config: ScriptConfig, _ invocation: StepInvocation,
                             _ folder: ScriptFolder) throws(StepFailure) -> [Environment.Key: String] {
        var values: [String: String] = [:]
        let own = ProcessInfo.processInfo.environment
        for name in Self.inherited { if let value = own[name] { values[name] = value } }
        if values["PATH"] == nil { values["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        for (name, value) in invocation.environment { values[name] = value }
        for (name, value) in try HTTPCall.pairs(config.env, field: "env", in: invocation.context) { values[name] = value }
        values["RUNNEL_OUTPUT"] = folder.outputFile
        values["RUNNEL_RUN_ID"] = invocation.runID
        values["RUNNEL_WORKFLOW_ID"] = invocation.workflowID
        values["RUNNEL_STEP_ID"] = invocation.step.id.value
        values["RUNNEL_ATTEMPT"] = String(invocation.attempt)
        values["RUNNEL_GATE"] = folder.path + "/gate"
        var result: [Environment.Key: String] = [:]
        for (name, value) in values {
            guard let key = Environment.Key(rawValue: name) else {
                throw StepFailure("environment variable name '\(name)' is not valid")
            }
            result[key] = value
        }
        return result
    }

    private func execute<Input: InputProtocol>(_ config: ScriptConfig, _ invocation: StepInvocation,
                                               environment: [Environment.Key: String],
                                               folder: ScriptFolder, input: Input) async throws(StepFailure) -> StepOutcome {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: gracePeriod)]
        let limit = config.maxOutputBytes ?? Self.defaultMaxOutputBytes
        let services = invocation.services
        let log = services?.log(runID: invocation.runID)
        let capture = ScriptCapture(limit: limit, log: log)
        let gate = try ScriptGate(folder: folder.path)
        let result: ExecutionResult<Void, SequenceOutput, SequenceOutput>
        do {
            result = try await Subprocess.run(
                .name("sh"), arguments: ["-c", ScriptGate.command, config.shell.rawValue, folder.scriptFile],
                environment: .custom(environment), workingDirectory: FilePath(folder.workDirectory),
                platformOptions: options, input: input, output: .sequence, error: .sequence
            ) { execution in
                // The child leads its own session: its pid is its session's and process group's id.
                let group = execution.processIdentifier.value
                ScriptProcessGroups.insert(group)
                defer { ScriptProcessGroups.remove(group) }
                if let services, let identity = ProcessIdentity.of(group) {
                    await services.recordProcess(identity, runID: invocation.runID)
                }
                gate.release()
                await withTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { await capture.read(execution.standardOutput, as: .stdout) }
                    tasks.addTask { await capture.read(execution.standardError, as: .stderr) }
                    if let log {
                        tasks.addTask {
                            while !Task.isCancelled {
                                try? await Task.sleep(for: StepLog.batchInterval)
                                await log.flush()
                            }
                        }
                    }
                    _ = await tasks.next()
                    _ = await tasks.next()
                    tasks.cancelAll()
                }
            }
        } catch {
            await log?.flush()
            if Task.isCancelled {
                return .failed("the step was cancelled", output: .object(output(capture, folder: folder, limit: limit, exitCode: .null)))
            }
            throw StepFailure("could not start \(config.shell.rawValue): \(error)")
        }
        await log?.flush()
        let stderr = capture.outputs.stderr
        switch result.terminationStatus {
        case .exited(let code):
            let values = output(capture, folder: folder, limit: limit, exitCode: .number(Double(code)))
            if code == 0 { return .completed(.object(values)) }
            let detail = stderr.lastLine.map { ": \($0)" } ?? ""
            return .failed("the script exited with status \(code)\(detail)", output: .object(values))
        case .signaled(let signal):
            let values = output(capture, folder: folder, limit: limit, exitCode: .null)
            if Task.isCancelled { return .failed("the step was cancelled", output: .object(values)) }
            return .failed("the script was killed by signal \(signal)", output: .object(values))
        }
    }

    /// The step's output: the values the script reported, its stdout and stderr (what it
    /// wrote until it ended or was stopped) and its exit code.
    private func output(_ capture: ScriptCapture, folder: ScriptFolder, limit: Int, exitCode: JSONValue) -> [String: JSONValue] {
        let (stdout, stderr) = capture.outputs
        var output = ScriptOutput.parse(stdout: stdout.text, outputFile: folder.readOutputFile(limit: limit))
        output["stdout"] = .string(stdout.text)
        output["stderr"] = .string(stderr.text)
        if stdout.truncated || stderr.truncated {
            output["output_truncated"] = .bool(true)
        }
        output["exit_code"] = exitCode
        return output
    }
}
