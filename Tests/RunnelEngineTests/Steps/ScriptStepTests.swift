import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// `script` steps as real subprocesses in sh, bash and python3.
@Suite struct ScriptStepTests {
    @Test func capturesStdoutStderrAndOutputFileValues() async throws {
        let record = try await RealRunnerHarness.run("""
            name: Script
            steps:
              - id: hello
                type: script
                config:
                  env: {NAME: world}
                  run: |
                    echo "hello $NAME"
                    echo "oops" >&2
                    echo "greeting=hello $NAME" >> "$RUNNEL_OUTPUT"
                    printf 'notes<<END\\nline one\\nline two\\nEND\\n' >> "$RUNNEL_OUTPUT"
            outputs:
              greeting: ${{ steps.hello.output.greeting }}
            """)
        #expect(record.status == .completed)
        let output = try record.output("hello")
        #expect(output["stdout"] == "hello world\n")
        #expect(output["stderr"] == "oops\n")
        #expect(output["exit_code"] == 0)
        #expect(output["notes"] == "line one\nline two")
        #expect(record.outputs == ["greeting": "hello world"])
    }

    @Test func aJSONObjectPrintedLastBecomesTypedOutput() async throws {
        let record = try await RealRunnerHarness.run("""
            name: Python
            steps:
              - id: py
                type: script
                config:
                  shell: python3
                  run: |
                    import json, os
                    print("working")
                    print(json.dumps({"count": 3, "ok": True, "step": os.environ["RUNNEL_STEP_ID"]}))
              - id: check
                type: script
                depends_on: [py]
                if: ${{ steps.py.output.ok && steps.py.output.count == 3 }}
                config:
                  shell: bash
                  run: 'echo "[[ bash ]]"; [[ -n "$BASH_VERSION" ]]'
            """)
        #expect(record.status == .completed)
        let output = try record.output("py")
        #expect(output["count"] == 3)
        #expect(output["ok"] == true)
        #expect(output["step"] == "py")
        #expect(record.stepRun("check")?.status == .completed)
    }

    @Test func aNonZeroExitFailsWithTheLastLineOfStderr() async throws {
        let record = try await RealRunnerHarness.run("""
            name: Fails
            steps:
              - {id: bad, type: script, config: {run: "echo partial; echo 'disk full' >&2; exit 3"}}
            """)
        #expect(record.status == .failed)
        let step = try #require(record.stepRun("bad"))
        #expect(step.error == "the script exited with status 3: disk full")
        #expect(step.output?["exit_code"] == 3)
        #expect(step.output?["stdout"] == "partial\n")
    }

    @Test func inputsReachTheScriptAsDataNeverAsCode() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let marker = folder.path + "/pwned"
        let record = try await RealRunnerHarness.run("""
            name: Injection
            inputs:
              title: {type: string, required: true}
            steps:
              - id: echo
                type: script
                config:
                  env: {TITLE: "${{ inputs.title }}"}
                  run: 'printf "%s" "$TITLE"'
            """, inputs: ["title": .string("$(touch \(marker)); `touch \(marker)`")])
        #expect(record.status == .completed)
        #expect(try record.output("echo")["stdout"] == .string("$(touch \(marker)); `touch \(marker)`"))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func runsInAFreshFolderWithOnlyTheDeclaredEnvironment() async throws {
        let record = try await RealRunnerHarness.run("""
            name: Env
            env: {STAGE: prod}
            steps:
              - {id: one, type: script, config: {run: "pwd; ls -A | wc -l; touch left-behind"}}
              - {id: two, type: script, depends_on: [one], config: {run: "pwd; ls -A | wc -l; env | cut -d= -f1 | sort"}}
            """)
        #expect(record.status == .completed)
        let one = try #require(try record.output("one")["stdout"]?.stringValue).split(separator: "\n")
        let two = try #require(try record.output("two")["stdout"]?.stringValue).split(separator: "\n")
        #expect(one[0] != two[0])
        #expect(one[1].trimmingCharacters(in: .whitespaces) == "0")
        #expect(two[1].trimmingCharacters(in: .whitespaces) == "0")
        let names = Set(two.dropFirst(2).map(String.init))
        #expect(names.contains("STAGE"))
        #expect(names.contains("RUNNEL_OUTPUT") && names.contains("RUNNEL_RUN_ID"))
        let allowed = Set(ScriptStep.inherited + ["STAGE", "PWD", "SHLVL", "_", "OLDPWD"])
        #expect(names.filter { !$0.hasPrefix("RUNNEL_") }.isSubset(of: allowed))
        #expect(!names.contains { $0.hasPrefix("RUNNEL_SECRET_") })
    }

    @Test func aTimeoutKillsTheWholeProcessGroup() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pidFile = folder.path + "/child.pid"
        let started = Date()
        let record = try await RealRunnerHarness.run("""
            name: Hangs
            steps:
              - id: hang
                type: script
                timeout: 500ms
                config:
                  env: {PID_FILE: "\(pidFile)"}
                  run: |
                    sleep 300 &
                    echo $! > "$PID_FILE"
                    sleep 300
            """)
        #expect(record.status == .failed)
        #expect(record.stepRun("hang")?.error == "timed out after 500ms")
        #expect(Date().timeIntervalSince(started) < 60, "the timeout stopped a 300 s script")
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var alive = true
        for _ in 0..<100 where alive {
            alive = kill(pid, 0) == 0
            if alive { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(!alive, "the background grandchild \(pid) survived the timeout")
    }

    @Test func outputBeyondTheCapIsCut() async throws {
        let record = try await RealRunnerHarness.run("""
            name: Loud
            steps:
              - id: loud
                type: script
                config:
                  max_output_bytes: 1000
                  run: "head -c 50000000 /dev/zero | tr '\\\\0' x; echo done >&2"
            """)
        #expect(record.status == .completed)
        let output = try record.output("loud")
        #expect(output["stdout"]?.stringValue?.utf8.count == 1000)
        #expect(output["output_truncated"] == true)
        #expect(output["stderr"] == "done\n")
    }

    @Test func anUnknownInterpreterOrBrokenScriptIsAClearError() async throws {
        let record = try await RealRunnerHarness.run("""
            name: Syntax
            steps:
              - {id: broken, type: script, config: {shell: python3, run: "def ("}}
            """)
        #expect(record.status == .failed)
        let error = try #require(record.stepRun("broken")?.error)
        #expect(error.hasPrefix("the script exited with status 1: SyntaxError"))
    }
}
