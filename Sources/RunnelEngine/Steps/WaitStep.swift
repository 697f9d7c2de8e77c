import Foundation
import RunnelCore

/// `wait`: sleeps for a duration, or polls until an expression holds. When polling, the
/// optional `check` request is made at every poll; `poll.output` is its latest output and
/// `poll.count` the number of polls so far. The step's `timeout` bounds the polling.
struct WaitStep: StepRunner {
    let transport: HTTPTransport

    func run(_ invocation: StepInvocation) async -> StepOutcome {
        guard case .wait(let config) = invocation.step.config else {
            return .failed("not a wait step", output: nil)
        }
        switch config.mode {
        case .duration(let duration):
            do {
                try await Task.sleep(for: duration.value)
            } catch {
                return .failed("the step was cancelled", output: nil)
            }
            return .completed(["waited_seconds": .number(duration.value.seconds)])
        case .until(let condition, let interval, let check):
            return await poll(condition.value, every: interval, check: check, invocation)
        }
    }

    private func poll(_ condition: String, every interval: Duration, check: HTTPRequestConfig?,
                      _ invocation: StepInvocation) async -> StepOutcome {
        var count = 0
        var latest: JSONValue = .null
        while true {
            count += 1
            var context = invocation.context
            if let check {
                do {
                    let call = try transport.prepare(HTTPCall(check, in: context), through: check.connection?.value, for: invocation)
                    latest = try await transport.send(call).output
                } catch {
                    if Task.isCancelled { return .failed("the step was cancelled", output: nil) }
                    // A failed check is one more poll that didn't succeed, not the end of the wait.
                    latest = ["error": .string(error.description)]
                }
            }
            context.contexts["poll"] = ["output": latest, "count": .number(Double(count))]
            do {
                if try context.evaluate(condition: condition).isTruthy { return .completed(["polls": .number(Double(count)), "output": latest]) }
            } catch {
                return .failed("'until' could not be evaluated: \(error)", output: ["polls": .number(Double(count)), "output": latest])
            }
            do {
                try await Task.sleep(for: interval)
            } catch {
                return .failed("the step was cancelled", output: ["polls": .number(Double(count)), "output": latest])
            }
        }
    }
}
