import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// Live step logs: a script's lines recorded as written, masked, bounded, kept when the step
/// is stopped; http_request and agent steps log theirs too.
@Suite struct StepLogTests {
    @Test func aScriptsLinesAreRecordedWhileItRunsAndStreamedAsStepLogEvents() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let go = folder.path + "/go"
        let harness = try RealRunnerHarness([try workflow("""
            name: Live
            steps:
              - id: talk
                type: script
                config:
                  env: {GO: "\(go)"}
                  run: |
                    echo "first line"
                    printf 'partial '; printf 'then whole\\r\\n'
                    echo "to stderr" >&2
                    while [ ! -f "$GO" ]; do sleep 0.05; done
                    printf 'last without newline'
            """, id: "w")])
        defer { harness.folder.remove() }
        let started = try await harness.engine.start(workflowID: "w", inputs: [:])
        let events = await harness.engine.events(started.id)
        let collector = Task { () -> [RunEvent] in
            var seen: [RunEvent] = []
            for await event in events where event.kind == .stepLog { seen.append(event) }
            return seen
        }
        // The lines are in the store while the script still waits.
        var early: [StepLogLine] = []
        let deadline = ContinuousClock.now + .seconds(120)
        while early.count < 3, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
            early = try await harness.store.log(of: started.id, step: "talk", tail: nil)
        }
        #expect(early.map(\.text).sorted() == ["first line", "partial then whole", "to stderr"], "\(early)")
        #expect(await harness.store.record(started.id)?.stepRun("talk")?.status == .running)
        FileManager.default.createFile(atPath: go, contents: nil)
        let final = try #require(await harness.engine.wait(started.id))
        #expect(final.status == .completed)
        let lines = try await harness.store.log(of: started.id, step: nil, tail: nil)
        #expect(lines.map(\.seq) == [1, 2, 3, 4])
        #expect(lines.last?.text == "last without newline")
        #expect(lines.first { $0.text == "to stderr" }?.stream == .stderr)
        #expect(lines.allSatisfy { $0.stepID == "talk" && $0.attempt == 1 })
        #expect(try await harness.store.log(of: started.id, step: "talk", tail: 1).map(\.text) == ["last without newline"])
        #expect(try await harness.store.log(of: started.id, step: "other", tail: nil).isEmpty)
        let streamed = await collector.value
        // Lines written after the subscription are streamed (earlier ones may be, too).
        let texts = streamed.compactMap { $0.data?["text"]?.stringValue }
        #expect(texts.contains("last without newline"))
        #expect(Set(texts).isSubset(of: lines.map(\.text)))
    }

    @Test func aTimedOutScriptKeepsWhatItWroteInItsOutputAndLog() async throws {
        let harness = try RealRunnerHarness([try workflow("""
            name: Slow
            steps:
              - id: slow
                type: script
                timeout: 1s
                config:
                  run: |
                    echo "before the timeout"
                    echo "a warning" >&2
                    echo "partial=yes" >> "$RUNNEL_OUTPUT"
                    sleep 60
            """, id: "w")])
        defer { harness.folder.remove() }
        let record = try await harness.run("w")
        let step = try #require(record.stepRun("slow"))
        #expect(step.status == .failed)
        #expect(step.error == "timed out after 1s")
        #expect(step.output?["stdout"] == "before the timeout\n")
        #expect(step.output?["stderr"] == "a warning\n")
        #expect(step.output?["partial"] == "yes")
        #expect(step.output?["exit_code"] == .null)
        let lines = try await harness.store.log(of: record.id, step: "slow", tail: nil)
        #expect(lines.map(\.text).sorted() == ["a warning", "before the timeout"])
    }

    @Test func aCancelledScriptKeepsWhatItWrote() async throws {
        let harness = try RealRunnerHarness([try workflow("""
            name: Cancel
            steps:
              - {id: nap, type: script, config: {run: "echo napping; sleep 60"}}
            """, id: "w")])
        defer { harness.folder.remove() }
        let started = try await harness.engine.start(workflowID: "w", inputs: [:])
        for _ in 0..<1000 where try await harness.store.log(of: started.id, step: "nap", tail: nil).isEmpty {
            try await Task.sleep(for: .milliseconds(10))
        }
        await harness.engine.cancel(started.id)
        let record = try #require(await harness.engine.wait(started.id))
        #expect(record.status == .cancelled)
        #expect(record.stepRun("nap")?.status == .cancelled)
        #expect(record.stepRun("nap")?.output?["stdout"] == "napping\n")
        #expect(try await harness.store.log(of: record.id, step: "nap", tail: nil).map(\.text) == ["napping"])
    }

    @Test func aStepsLogKeepsItsLastMegabyteAndTheFileStaysBounded() async throws {
        let harness = try RealRunnerHarness([try workflow("""
            name: Loud
            steps:
              - id: loud
                type: script
                config:
                  shell: python3
                  run: |
                    import sys
                    for i in range(12000):
                        sys.stdout.write("line %05d %s\\n" % (i, "x" * 90))
                    sys.stdout.write("y" * 20000 + "\\n")
              - {id: quiet, type: script, depends_on: [loud], config: {run: "echo calm"}}
            """, id: "w")])
        defer { harness.folder.remove() }
        let record = try await harness.run("w")
        #expect(record.status == .completed)
        #expect(LineSplitter.completeLength(Array("aé".utf8)) == 3)
        #expect(LineSplitter.completeLength(Array(Array("aé".utf8).dropLast())) == 1)
        let lines = try await harness.store.log(of: record.id, step: "loud", tail: nil)
        // The newest lines that fit, each counting its bytes and 128 more.
        let size = lines.reduce(0) { $0 + $1.text.utf8.count + 128 }
        #expect(size <= StepLogLine.maxBytesPerStep)
        #expect(size > StepLogLine.maxBytesPerStep - 300)
        // The tail is kept: the long last line, split at 8 KiB, ends the log.
        #expect(lines.suffix(3).map(\.text.utf8.count) == [8192, 8192, 20000 - 2 * 8192])
        #expect(lines.first.map { $0.text.hasPrefix("line ") && !$0.text.hasPrefix("line 00000") } == true)
        #expect(zip(lines, lines.dropFirst()).allSatisfy { $0.seq < $1.seq })
        #expect(try await harness.store.log(of: record.id, step: "quiet", tail: nil).map(\.text) == ["calm"])
        let path = harness.store.root + "/w/" + record.id + ".log.jsonl"
        let fileSize = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(fileSize <= 2 * StepLogLine.maxBytesPerStep + 1000, "the log file holds \(fileSize) bytes")
    }

    @Test func logLinesAreMaskedAndSurviveReopeningTheStore() async throws {
        let secrets = DictionarySecrets(values: ["TOKEN": "s3cr3t-value"])
        let harness = try RealRunnerHarness([try workflow("""
            name: Masked
            steps:
              - id: leak
                type: script
                config:
                  env: {T: "${{ secrets.TOKEN }}"}
                  run: 'echo "token is $T"'
            """, id: "w")], secrets: secrets)
        defer { harness.folder.remove() }
        let record = try await harness.run("w")
        #expect(try await harness.store.log(of: record.id, step: "leak", tail: nil).map(\.text) == ["token is ***"])
        let reopened = try FileRunStore(state: harness.folder.path + "/state")
        _ = try await reopened.appendLog([StepLogLine(stepID: "leak", attempt: 2, stream: .stdout, time: Date(), text: "again")], to: record.id)
        #expect(try await reopened.log(of: record.id, step: nil, tail: nil).map(\.seq) == [1, 2])
        try await reopened.delete(record.id)
        #expect(!FileManager.default.fileExists(atPath: reopened.root + "/w/" + record.id + ".log.jsonl"))
        await #expect(throws: RunStoreError.self) { try await reopened.log(of: record.id, step: nil, tail: nil) }
    }

    @Test func anHTTPRequestLogsItsRequestAndAnswer() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let harness = try RealRunnerHarness([try workflow("""
            name: Fetch
            steps:
              - {id: get, type: http_request, config: {method: GET, url: "\(server.base)/json?x=1"}}
            """, id: "w")])
        defer { harness.folder.remove() }
        let record = try await harness.run("w")
        #expect(record.status == .completed)
        let lines = try await harness.store.log(of: record.id, step: "get", tail: nil)
        #expect(lines.map(\.stream) == [.http, .http])
        #expect(lines.first?.text == "GET \(server.base)/json?x=1")
        #expect(lines.last?.text.hasPrefix("GET \(server.base)/json?x=1 answered 200 in ") == true)
    }
}
