import Foundation
import RunnelCore

extension RunExecutor {
    /// Runs a loop's nested step once per item, `max_parallel` at a time, each item with the
    /// nested step's `if`, retries and timeout. Output: the list of item outputs in order.
    func loopStep(_ config: LoopConfig, _ invocation: StepInvocation) async -> StepOutcome {
        let items: [JSONValue]
        do {
            switch try config.items.evaluated(in: invocation.context) {
            case .array(let array): items = array
            case .null: items = []
            case let other: return .failed("loop 'items' must be a list, got \(other.typeName)", output: nil)
            }
        } catch {
            return .failed("loop 'items' could not be evaluated: \(error)", output: nil)
        }
        var outputs = [JSONValue](repeating: .null, count: items.count)
        var failures: [(Int, String)] = []
        await withTaskGroup(of: (Int, StepOutcome).self) { group in
            var nextIndex = 0
            var running = 0
            func startNext() {
                let index = nextIndex
                nextIndex += 1
                running += 1
                group.addTask { (index, await runItem(config.step, item: items[index], index: index, invocation)) }
            }
            while nextIndex < items.count, running < config.maxParallel { startNext() }
            while let (index, outcome) = await group.next() {
                running -= 1
                outputs[index] = outcome.output ?? .null
                if case .failed(let message, _) = outcome { failures.append((index, message)) }
                let stop = Task.isCancelled || (config.failFast && !failures.isEmpty)
                if !stop, nextIndex < items.count { startNext() }
            }
        }
        if Task.isCancelled { return .failed("the step was cancelled", output: .array(outputs)) }
        if let (index, message) = failures.min(by: { $0.0 < $1.0 }) {
            let more = failures.count > 1 ? " (and \(failures.count - 1) more)" : ""
            return .failed("item \(index) failed: \(message)\(more)", output: .array(outputs))
        }
        return .completed(.array(outputs))
    }

    /// One item: the nested step's `if`, then its attempts with backoff.
    private func runItem(_ step: Step, item: JSONValue, index: Int, _ parent: StepInvocation) async -> StepOutcome {
        var context = parent.context
        context.contexts["loop"] = ["item": item, "index": .number(Double(index))]
        if let condition = step.condition?.value {
            let holds: Bool
            do {
                holds = try context.evaluate(condition: condition).isTruthy
            } catch {
                return .failed("'if' could not be evaluated: \(error)", output: nil)
            }
            if !holds { return .completed(.null) }
        }
        let policy = plan.retryPolicy(of: step)
        var attempt = 1
        while true {
            var invocation = parent
            invocation.step = step
            invocation.context = context
            invocation.attempt = attempt
            let outcome = await runNested(step, invocation)
            guard case .failed = outcome, attempt < policy.attempts, !Task.isCancelled else { return outcome }
            let delay = RunStateMachine.backoff(policy, afterAttempt: attempt, random: Double.random(in: 0..<1))
            try? await Task.sleep(for: .sleep(seconds: delay))
            attempt += 1
        }
    }

    private func runNested(_ step: Step, _ invocation: StepInvocation) async -> StepOutcome {
        let timeout = plan.attemptTimeout(of: step)
        return await Self.limited(timeout, { await nestedOnce(step, invocation) }) { stopped in
            .failed("timed out after \(timeout?.compactDescription ?? "?")", output: stopped?.output)
        }
    }

    private func nestedOnce(_ step: Step, _ invocation: StepInvocation) async -> StepOutcome {
        switch step.config {
        case .workflow(let config): return await workflowStep(config, invocation)
        case .loop(let config): return await loopStep(config, invocation)
        case .condition, .approval:
            return .failed("a loop's step cannot be a \(step.type.rawValue) step", output: nil)
        case .invalid:
            return .failed("the step's config is invalid (run `runnel validate`)", output: nil)
        default:
            guard let runner = runners.runner(for: step.type) else { return .failed("no runner for \(step.type.rawValue) steps", output: nil) }
            return await runner.run(invocation)
        }
    }
}
