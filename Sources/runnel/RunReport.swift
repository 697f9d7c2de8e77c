import Foundation
import RunnelCore
import RunnelEngine

/// How the CLI prints runs: the end of a foreground run, a list, one run in detail.
enum RunReport {
    /// The result of a foreground run: status, duration, outputs or error, record path.
    static func printResult(_ record: RunRecord, recordPath: String, json: Bool) {
        if json {
            print(record.jsonText())
            return
        }
        let duration = record.durationSeconds.map { " in " + RunProgress.format($0) } ?? ""
        print("run \(record.id) \(record.status.rawValue)\(duration)")
        if let error = record.error { print("error: \(error)") }
        if let outputs = record.outputs, !outputs.isEmpty {
            print("outputs:")
            print(indent(JSONValue.object(outputs).serialized(pretty: true)))
        }
        print("record: \(recordPath)")
    }

    /// A table of runs, newest first.
    static func table(_ runs: [RunSummary], total: Int) -> String {
        guard !runs.isEmpty else { return "no runs\n" }
        var rows = [["RUN", "WORKFLOW", "STATUS", "TRIGGER", "CREATED", "DURATION"]]
        for run in runs {
            let duration = run.completedAt.map { RunProgress.format($0.timeIntervalSince(run.createdAt)) } ?? "-"
            rows.append([run.id, run.workflowID, run.status.rawValue, run.trigger, timestamp(run.createdAt), duration])
        }
        var out = render(rows)
        if total > runs.count { out += "(\(runs.count) of \(total); use --limit and --offset for more)\n" }
        return out
    }

    /// One run with its steps, timings, outputs and errors.
    static func detail(_ record: RunRecord, recordPath: String) -> String {
        var out = """
            run:       \(record.id)
            workflow:  \(record.workflowID)\(record.workflowVersion.map { " (version \($0))" } ?? "")
            status:    \(record.status.rawValue)
            trigger:   \(record.trigger.type)
            created:   \(timestamp(record.createdAt))

            """
        if let commit = record.commit { out += "commit:    \(commit)\n" }
        if let duration = record.durationSeconds { out += "duration:  \(RunProgress.format(duration))\n" }
        if !record.inputs.isEmpty { out += "inputs:    \(JSONValue.object(record.inputs).serialized())\n" }
        if let error = record.error { out += "error:     \(error)\n" }
        out += "record:    \(recordPath)\n\nsteps:\n"
        var rows = [["STEP", "STATUS", "ATTEMPT", "DURATION", "ERROR"]]
        for step in record.stepRuns {
            rows.append([step.stepID, step.status.rawValue, String(step.attempt),
                         step.durationSeconds.map(RunProgress.format) ?? "-",
                         step.error.map { $0.split(separator: "\n").first.map(String.init) ?? "" } ?? ""])
        }
        out += indent(render(rows))
        for step in record.stepRuns {
            guard let output = step.output else { continue }
            out += "\noutput of \(step.stepID):\n" + indent(output.serialized(pretty: true)) + "\n"
        }
        if let outputs = record.outputs, !outputs.isEmpty {
            out += "\noutputs:\n" + indent(JSONValue.object(outputs).serialized(pretty: true)) + "\n"
        }
        return out
    }

    private static func render(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
