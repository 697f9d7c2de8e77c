import Foundation
import RunnelCore

/// Runs one run to its end: performs what the ``RunStateMachine`` decides, runs the steps
/// (each in its own task, so that one can be cancelled or timed out alone), and records
/// every change in the store before acting on it.
struct RunExecutor: Sendable {
    let plan: RunPlan
    let context: RunContext
    let store: any RunStore
    let runners: StepRunners
    let host: any ExecutorHost
    let masker: SecretMasker
    let drain: DrainSignal
    let metrics: RunnelMetrics
    /// A pause or stop asked while the run runs.
    var control = RunControl()

    private enum Completion: Sendable {
        case step(id: String, attempt: Int, outcome: StepOutcome, branch: Bool?)
        case wake
        case runTimeout
        case cancel
        /// Start no step; when the running ones have ended, leave the run `paused`.
        case pause
        /// The process is stopping: start no step, let the running ones end until the deadline.
        case drain(deadline: ContinuousClock.Instant)
        case drainDeadline
    }

    /// Runs `record` (new, resumed or recovered) until it finishes; returns the final record.
    func execute(_ record: RunRecord, fromStep: String? = nil, resumed: Bool = false) async -> RunRecord {
        let mailbox = Mailbox<Completion>()
        // The loop runs in a task of its own: cancelling the caller's task reaches it as one
        // `.cancel` message, never as task cancellation.
        let loop = Task { await run(record, fromStep: fromStep, resumed: resumed, mailbox) }
        return await withTaskCancellationHandler {
            await loop.value
        } onCancel: {
            mailbox.post(.cancel)
        }
    }

    private func run(_ record: RunRecord, fromStep: String?, resumed: Bool, _ mailbox: Mailbox<Completion>) async -> RunRecord {
        let runID = record.id
        var machine = RunStateMachine(plan: plan, record: resumed || !record.stepRuns.isEmpty ? record : nil, fromStep: fromStep)
        await store.appendOrLog(RunEvent(resumed ? .runResumed : .runStarted, time: Date()), to: runID)
        let base = await store.record(runID) ?? record
        var journal = RunJournal(StepsContext(base))
        // A step never runs while a script of an earlier attempt of it still runs.
        if resumed, let reason = await endEarlierAttempts(runID) {
            return await finish(base, journal.steps, status: .failed, error: reason)
        }

        var tasks: [String: Task<Void, Never>] = [:]
        var timers: [Task<Void, Never>] = []
        // While draining: the steps given up on (their ends are not recorded: they run again
        // when the run resumes).
        var draining = false
        var abandoned: Set<String> = []
        var pausing = false
        let listener = drain.listen { mailbox.post(.drain(deadline: $0)) }
        control.onPause { mailbox.post(.pause) }
        defer {
            drain.remove(listener)
            for task in tasks.values { task.cancel() }
            for timer in timers { timer.cancel() }
        }
        if let timeout = plan.workflow.timeout?.value {
            timers.append(Task {
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { mailbox.post(.runTimeout) }
            })
        }

        while true {
            var launches: [(id: String, attempt: Int, step: Step, invocation: StepInvocation)] = []
            for action in machine.next(now: Date()) {
                switch action {
                case .start(let stepID, let attempt):
                    guard !draining, let step = plan.main.step(stepID) ?? plan.onFailure.step(stepID) else { continue }
                    let evaluation = context.evaluationContext(base, steps: journal.steps, anyFailed: machine.hasFailure,
                                                               cancelled: machine.isCancelled)
                    if let skipReason = evaluateCondition(step, evaluation) {
                        machine.finished(stepID, .skipped(skipReason))
                        journal.add(RunEvent(.stepSkipped, time: Date(), stepID: stepID, error: skipReason))
                        mailbox.post(.wake)
                        continue
                    }
                    machine.started(stepID, attempt: attempt)
                    journal.add(RunEvent(.stepStarted, time: Date(), stepID: stepID, attempt: attempt))
                    var invocation = StepInvocation(runID: runID, workflowID: plan.workflow.id, step: step, attempt: attempt,
                                                    context: evaluation, secrets: context.secrets,
                                                    environment: context.environment(evaluation))
                    invocation.services = StepServices(store: store, host: host, workflow: plan.workflow, commit: base.commit, masker: masker,
                                                      stepID: stepID, attempt: attempt)
                    launches.append((stepID, attempt, step, invocation))
                case .skip(let stepID, let reason):
                    journal.add(RunEvent(.stepSkipped, time: Date(), stepID: stepID, error: reason))
                case .wake(let at):
                    timers.append(Task {
                        try? await Task.sleep(for: .sleep(seconds: at.timeIntervalSinceNow))
                        mailbox.post(.wake)
                    })
                case .finish(let status, let error):
                    await journal.flush(to: store, runID: runID)
                    return await finish(base, journal.steps, status: status, error: error)
                }
            }
            // Recorded (skips durably) before any of these steps runs.
            await journal.flush(to: store, runID: runID)
            if draining, tasks.keys.allSatisfy(abandoned.contains) {
                return await interrupted(base, runID)
            }
            if pausing, tasks.keys.allSatisfy(abandoned.contains) {
                return await paused(base, runID, abandoned: abandoned, machine: machine, journal: &journal)
            }
            for launch in launches {
                tasks[launch.id] = Task {
                    let clock = ContinuousClock()
                    let began = clock.now
                    let (outcome, branch) = await runAttempt(launch.step, launch.invocation)
                    let elapsed = clock.now - began
                    if case .completed = outcome {
                        metrics.recordStep(type: launch.step.type.rawValue, outcome: "completed", seconds: elapsed.seconds)
                    } else {
                        metrics.recordStep(type: launch.step.type.rawValue, outcome: "failed", seconds: elapsed.seconds)
                    }
                    mailbox.post(.step(id: launch.id, attempt: launch.attempt, outcome: outcome, branch: branch))
                }
            }
            // Everything that arrived meanwhile is handled together and recorded with one sync
            // before the machine decides what follows.
            for completion in await mailbox.take() {
                switch completion {
                case .wake:
                    continue
                case .cancel:
                    machine.cancel()
                    for task in tasks.values { task.cancel() }
                case .runTimeout:
                    let reason = "the run timed out after \(plan.workflow.timeout?.value.compactDescription ?? "?")"
                    machine.abort(reason)
                    for task in tasks.values { task.cancel() }
                case .pause:
                    pausing = true
                    machine.hold()
                    await abandonWaitingSteps(runID, tasks, into: &abandoned)
                case .drain(let deadline):
                    draining = true
                    await abandonWaitingSteps(runID, tasks, into: &abandoned)
                    timers.append(Task {
                        try? await Task.sleep(until: deadline, clock: .continuous)
                        mailbox.post(.drainDeadline)
                    })
                case .drainDeadline:
                    await journal.flush(to: store, runID: runID)
                    return await interrupted(base, runID)
                case .step(let stepID, _, _, _) where abandoned.contains(stepID):
                    tasks[stepID] = nil
                case .step(let stepID, let attempt, let outcome, let branch):
                    tasks[stepID] = nil
                    recordOutcome(stepID, attempt: attempt, outcome: outcome, branch: branch, machine: &machine, journal: &journal)
                }
            }
            await journal.flush(to: store, runID: runID)
        }
    }

    /// Gives up the steps that wait (for time, a person, a tool call's approval): they would
    /// hold a stop or a pause for nothing, and wait again when the run resumes (decisions
    /// already recorded are kept).
    private func abandonWaitingSteps(_ runID: String, _ tasks: [String: Task<Void, Never>], into abandoned: inout Set<String>) async {
        for (stepID, task) in tasks {
            guard let type = (plan.main.step(stepID) ?? plan.onFailure.step(stepID))?.type else { continue }
            var waiting = type == .wait || type == .approval
            if type == .agentTask { waiting = await host.isAwaitingApproval(runID: runID, stepID: stepID) }
            guard waiting else { continue }
            abandoned.insert(stepID)
            task.cancel()
        }
    }

    /// Leaves the run `paused`: the waiting steps given up are recorded as cancelled (they
    /// run again when it resumes), then `run_paused` with who paused it.
    private func paused(_ base: RunRecord, _ runID: String, abandoned: Set<String>, machine: RunStateMachine,
                        journal: inout RunJournal) async -> RunRecord {
        let request = control.pauseRequest ?? RunStop()
        for stepID in abandoned.sorted() {
            journal.add(RunEvent(.stepCancelled, time: Date(), stepID: stepID, attempt: machine.attempt(of: stepID),
                                 error: "the run was paused; the step runs again when it resumes"))
        }
        await journal.flush(to: store, runID: runID)
        await store.appendOrLog(RunEvent(.runPaused, time: Date(), data: ["by": .string(request.by)], error: request.reason), to: runID)
        return await store.record(runID) ?? base
    }

    /// Evaluates a step's `if`; returns why it is skipped, or nil to run it.
    private func evaluateCondition(_ step: Step, _ evaluation: EvaluationContext) -> String? {
        guard let condition = step.condition?.value else { return nil }
        do {
            return try evaluation.evaluate(condition: condition).isTruthy ? nil : "'if' was false"
        } catch {
            return "'if' could not be evaluated: \(error)"
        }
    }

    /// Decides what an attempt's end means and adds its event to the journal.
    private func recordOutcome(_ stepID: String, attempt: Int, outcome: StepOutcome, branch: Bool?,
                               machine: inout RunStateMachine, journal: inout RunJournal) {
        let now = Date()
        let output = outcome.output.map { masker.mask($0) }
        switch outcome {
        case .completed:
            if let branch { machine.tookBranch(stepID, then: branch) }
            machine.finished(stepID, .completed)
            journal.add(RunEvent(.stepCompleted, time: now, stepID: stepID, attempt: attempt, data: output))
        case .failed(let message, _):
            let error = masker.mask(message)
            if machine.isCancelled || Task.isCancelled {
                machine.finished(stepID, .cancelled)
                journal.add(RunEvent(.stepCancelled, time: now, stepID: stepID, attempt: attempt, data: output, error: error))
                return
            }
            if let reason = machine.stoppedBecause {
                // The run's timeout stopped the step: it was cancelled, and the run fails with the reason.
                machine.finished(stepID, .cancelled)
                journal.add(RunEvent(.stepCancelled, time: now, stepID: stepID, attempt: attempt, data: output, error: "stopped: \(reason)"))
                return
            }
            switch machine.failed(stepID, error: error, now: now) {
            case .retry(_, let at):
                let delay = String(format: "%.1fs", at.timeIntervalSince(now))
                journal.add(RunEvent(.stepRetrying, time: now, stepID: stepID, attempt: attempt, data: output,
                                     error: "\(error) (retrying in \(delay))"))
            case .failed:
                journal.add(RunEvent(.stepFailed, time: now, stepID: stepID, attempt: attempt, data: output, error: error))
            }
        }
    }

    /// Leaves the run unfinished for the next start: its completed steps are kept, the
    /// others run again when it resumes.
    private func interrupted(_ base: RunRecord, _ runID: String) async -> RunRecord {
        await store.appendOrLog(RunEvent(.runInterrupted, time: Date(), error: "the process stopped; the run resumes at the next start"),
                                    to: runID)
        return await store.record(runID) ?? base
    }

    private func finish(_ base: RunRecord, _ steps: StepsContext, status: RunStatus, error: String?) async -> RunRecord {
        let runID = base.id
        var status = status
        var error = error
        var outputs: JSONValue?
        if status == .completed, !plan.workflow.outputs.isEmpty {
            let evaluation = context.evaluationContext(base, steps: steps, anyFailed: false, cancelled: false)
            var values: [String: JSONValue] = [:]
            for output in plan.workflow.outputs {
                do {
                    values[output.name.value] = try output.value.evaluated(in: evaluation)
                } catch let failure {
                    status = .failed
                    error = "output '\(output.name.value)' could not be evaluated: \(failure)"
                }
            }
            outputs = masker.mask(.object(values))
        }
        let kind: RunEvent.Kind = status == .completed ? .runCompleted : status == .cancelled ? .runCancelled : .runFailed
        var data = outputs
        if status == .cancelled {
            // Who stopped it and why (a cancel through the engine always says; a bare task cancel is the user's).
            let stop = control.stopRequest ?? RunStop()
            data = ["by": .string(stop.by)]
            error = stop.reason
        }
        await store.appendOrLog(RunEvent(kind, time: Date(), data: data, error: error.map(masker.mask)), to: runID)
        return await store.record(runID) ?? RunRecord(id: runID, workflowID: plan.workflow.id, trigger: .manual, inputs: [:], createdAt: Date())
    }

    // MARK: - Running one attempt

    /// Runs one attempt with the step's timeout; returns the outcome and, for branching
    /// steps, the branch taken.
    private func runAttempt(_ step: Step, _ invocation: StepInvocation) async -> (StepOutcome, Bool?) {
        let timeout = plan.attemptTimeout(of: step)
        return await Self.limited(timeout, { await runStep(step, invocation) }) { stopped in
            (.failed("timed out after \(timeout?.compactDescription ?? "?")", output: stopped?.0.output), nil)
        }
    }

    private func runStep(_ step: Step, _ invocation: StepInvocation) async -> (StepOutcome, Bool?) {
        switch step.config {
        case .condition(let config):
            return conditionStep(config, invocation)
        case .approval(let config):
            return await approvalStep(step, config, invocation)
        case .loop(let config):
            return (await loopStep(config, invocation), nil)
        case .workflow(let config):
            return (await workflowStep(config, invocation), nil)
        case .invalid:
            return (.failed("the step's config is invalid (run `runnel validate`)", output: nil), nil)
        default:
            guard let runner = runners.runner(for: step.type) else {
                return (.failed("no runner for \(step.type.rawValue) steps", output: nil), nil)
            }
            return (await runner.run(invocation), nil)
        }
    }

    private func conditionStep(_ config: ConditionConfig, _ invocation: StepInvocation) -> (StepOutcome, Bool?) {
        let text = config.condition.value
        do {
            let result = try invocation.context.evaluate(condition: text).isTruthy
            return (.completed(["result": .bool(result)]), result)
        } catch {
            return (.failed("condition '\(text)' could not be evaluated: \(error)", output: nil), nil)
        }
    }

    private func approvalStep(_ step: Step, _ config: ApprovalConfig, _ invocation: StepInvocation) async -> (StepOutcome, Bool?) {
        var message = config.message?.value
        if let text = message, Template.containsExpression(text) {
            message = (try? Template(parsing: text).evaluate(in: invocation.context).text).map(masker.mask) ?? text
        }
        let request = ApprovalRequest(runID: invocation.runID, stepID: step.id.value, message: message, approvers: config.approvers,
                                      required: config.required, timeout: config.timeout?.value, onTimeout: config.onTimeout,
                                      inputSchema: config.inputSchema, notifyEmail: config.notifyEmail)
        guard let output = await host.awaitApproval(request).output else {
            return (.failed("the step was cancelled", output: nil), nil)
        }
        if output["approved"] == true { return (.completed(output), true) }
        if !config.else.isEmpty { return (.completed(output), false) }
        let note = output["note"]?.stringValue.map { ": \($0)" } ?? ""
        return (.failed("rejected by \(output["by"]?.stringValue ?? "?")\(note)", output: output), nil)
    }

    func workflowStep(_ config: WorkflowStepConfig, _ invocation: StepInvocation) async -> StepOutcome {
        var inputs: [String: JSONValue] = [:]
        if let raw = config.inputs {
            do {
                inputs = try raw.evaluated(in: invocation.context).objectValue ?? [:]
            } catch {
                return .failed("inputs of workflow '\(config.workflow.value)' could not be evaluated: \(error)", output: nil)
            }
        }
        switch await host.runChild(workflowID: config.workflow.value, inputs: inputs, parentRunID: invocation.runID, wait: config.wait) {
        case .failure(let error):
            return .failed("workflow '\(config.workflow.value)' could not start: \(error)", output: nil)
        case .success(let child):
            let output: JSONValue = ["run_id": .string(child.id), "status": .string(child.status.rawValue),
                                     "outputs": .object(child.outputs ?? [:])]
            if !config.wait || child.status == .completed { return .completed(output) }
            return .failed("workflow '\(config.workflow.value)' run \(child.id) \(child.status.rawValue): \(child.error ?? "")", output: output)
        }
    }
}
