import Foundation
import RunnelCore

/// Validates 10,000 generated workflow files (1–2 KB each) on all cores and prints files/s
/// and MB/s, beside PyYAML's C loader parsing the same files (when python3 has it).
enum ValidationBenchmark {
    static let fileCount = 10_000

    static func run() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-bench-\(getpid())/workflows")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let paths = generate(into: folder)
        let bytes = paths.reduce(0) { $0 + (((try? FileManager.default.attributesOfItem(atPath: $1))?[.size] as? Int) ?? 0) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("validate: \(paths.count) files, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB, \(cores) cores")

        _ = validateAll(Array(paths.prefix(200)), cores: cores)  // warm-up
        var best = Double.infinity
        var problems = 0
        for _ in 0..<3 {
            let start = DispatchTime.now()
            problems = validateAll(paths, cores: cores)
            best = min(best, seconds(since: start))
        }
        print(String(format: "validate (read + parse + check): %.0f files/s, %.1f MB/s (best of 3, %.3f s; %d diagnostics)",
                     Double(paths.count) / best, Double(bytes) / 1_048_576 / best, best, problems))
        phases(Array(paths.prefix(2000)))
        pyYAMLBaseline(folder: folder, fileCount: paths.count, bytes: bytes)
        chains()
    }

    /// One workflow of 2,500, 5,000 and 10,000 steps in a chain, each step reading the one
    /// before (`if: steps.sN.output`), timed through the `runnel validate` binary built
    /// beside this one: exactly the CLI's path (read, parse, rules, cross-file catalog).
    /// Near-linear means the 10k figure is about four times the 2.5k one, not sixteen.
    static func chains() {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("runnel")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            print("validate chain: no runnel binary beside runnel-bench (build the runnel product too)")
            return
        }
        for count in [2_500, 5_000, 10_000] {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-bench-chain-\(getpid())-\(count)")
            defer { try? FileManager.default.removeItem(at: root) }
            try? FileManager.default.createDirectory(at: root.appendingPathComponent("workflows"), withIntermediateDirectories: true)
            var text = "name: chain\nsteps:\n"
            for i in 0..<count {
                text += "  - {id: s\(i), type: wait, config: {duration: 1s}" + (i > 0 ? ", depends_on: [s\(i - 1)], if: steps.s\(i - 1).output" : "") + "}\n"
            }
            FileManager.default.createFile(atPath: root.appendingPathComponent("workflows/chain.yaml").path, contents: Data(text.utf8))
            var best = Double.infinity
            var status: Int32 = -1
            for _ in 0..<3 {
                let process = Process()
                process.executableURL = binary
                process.arguments = ["validate"]
                process.currentDirectoryURL = root
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                let start = DispatchTime.now()
                guard (try? process.run()) != nil else { return }
                process.waitUntilExit()
                best = min(best, seconds(since: start))
                status = process.terminationStatus
            }
            print(String(format: "validate chain of %d steps (runnel validate, %.0f KB): %.3f s (best of 3, exit %d)",
                         count, Double(text.utf8.count) / 1024, best, status))
        }
    }

    /// What `runnel validate` runs: ``LocalFiles/loadAll(_:root:shownLink:)`` reads and
    /// parses the files on every core, then ``Validator/validate(_:knownWorkflows:)`` checks
    /// them on every core; returns the number of diagnostics.
    static func validateAll(_ paths: [String], cores: Int) -> Int {
        let root = paths.first.map { URL(fileURLWithPath: $0).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path } ?? "/"
        let results = LocalFiles.loadAll(paths.map { (path: $0, displayPath: $0) }, root: root)
        return Validator.validate(results).count
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    static func pyYAMLBaseline(folder: URL, fileCount: Int, bytes: Int) {
        let script = """
            import sys, os, time, yaml
            loader = getattr(yaml, "CSafeLoader", None)
            if loader is None: print("pyyaml: no C loader"); sys.exit(0)
            paths = [os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs]
            best = 1e9
            for _ in range(3):
                t = time.perf_counter()
                for p in paths:
                    with open(p, "rb") as fh: yaml.load(fh.read(), Loader=loader)
                best = min(best, time.perf_counter() - t)
            print("%d %.6f" % (len(paths), best))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            print("pyyaml baseline: python3 not available")
            return
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let parts = output.split(separator: " ")
        guard parts.count == 2, let files = Double(parts[0]), let time = Double(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)) else {
            print("pyyaml baseline: \(output.isEmpty ? "PyYAML not installed" : output.trimmingCharacters(in: .whitespacesAndNewlines))")
            return
        }
        print(String(format: "pyyaml CSafeLoader parse only, 1 core: %.0f files/s, %.1f MB/s (best of 3)",
                     files / time, Double(bytes) / 1_048_576 / time))
    }

    /// Writes `fileCount` realistic workflows of 1–2 KB.
    static func generate(into folder: URL) -> [String] {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var paths: [String] = []
        for index in 0..<fileCount {
            let path = folder.appendingPathComponent("team\(index % 50)/flow-\(index).yaml").path
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data(workflow(index).utf8))
            paths.append(path)
        }
        return paths
    }

    static func workflow(_ index: Int) -> String {
        var text = """
            name: Generated flow \(index)
            description: Fetches records, transforms them and notifies the team
            tags: [generated, team\(index % 50)]
            inputs:
              dataset_id: {type: string, required: true}
              limit: {type: integer, default: \(10 + index % 90)}
            on:
              schedule:
                - cron: "\(index % 60) \(index % 24) * * 1-5"
                  timezone: America/New_York
                  inputs: {dataset_id: daily}
              webhook:
                - id: hook\(index)
                  secret: HOOK_SECRET
            defaults:
              timeout: 5m
              retry: {attempts: 3, backoff: exponential, initial: 1s, max: 30s}
            steps:
              - id: fetch
                type: http_request
                config:
                  url: "https://api.example.com/data/${{ inputs.dataset_id }}?limit=${{ inputs.limit }}"
                  headers: {Authorization: "Bearer ${{ secrets.API_TOKEN }}"}
              - id: transform
                type: script
                depends_on: [fetch]
                config:
                  shell: python3
                  env: {BODY: "${{ toJSON(steps.fetch.output.body) }}"}
                  run: |
                    import json, os
                    rows = json.loads(os.environ["BODY"])
                    print(json.dumps({"count": len(rows)}))

            """
        let extra = index % 4
        for n in 0..<extra {
            text += """
                  - id: notify\(n)
                    type: webhook
                    depends_on: [transform]
                    if: ${{ steps.fetch.output.status_code == 200 && steps.transform.output.count > \(n) }}
                    config:
                      url: https://hooks.example.com/notify/\(n)
                      body: {text: "${{ format('{0} rows from {1}', steps.transform.output.count, inputs.dataset_id) }}"}

                """
        }
        text += """
            outputs:
              count: ${{ steps.transform.output.count }}

            """
        return text
    }
}

import Yams

extension ValidationBenchmark {
    /// Where the time goes, on one core: YAML composition, loading, rules.
    static func phases(_ paths: [String]) {
        let texts = paths.compactMap { FileManager.default.contents(atPath: $0) }.map { String(decoding: $0, as: UTF8.self) }
        var start = DispatchTime.now()
        for text in texts { _ = try? Yams.compose(yaml: text, Resolver.basic) }
        let compose = seconds(since: start)
        start = DispatchTime.now()
        var results: [LoadResult] = []
        for (path, text) in zip(paths, texts) { results.append(WorkflowLoader.load(path: path, text: text)) }
        let load = seconds(since: start)
        start = DispatchTime.now()
        for result in results { _ = Validator.validate(result) }
        let rules = seconds(since: start)
        let n = Double(texts.count)
        print(String(format: "phases, 1 core, per file: yaml compose %.0f µs, load (compose + model) %.0f µs, rules %.0f µs",
                     compose / n * 1e6, load / n * 1e6, rules / n * 1e6))
    }
}

extension ValidationBenchmark {
    /// A loop over one phase for profilers: `runnel-bench profile-load` / `profile-rules`.
    static func profile(rulesOnly: Bool) {
        let texts = (0..<2000).map(workflow)
        let results = texts.enumerated().map { WorkflowLoader.load(path: "workflows/f\($0.offset).yaml", text: $0.element) }
        let start = DispatchTime.now()
        for _ in 0..<5 {
            if rulesOnly {
                for result in results { _ = Validator.validate(result) }
            } else {
                for (index, text) in texts.enumerated() { _ = WorkflowLoader.load(path: "workflows/f\(index).yaml", text: text) }
            }
        }
        print(String(format: "%.0f µs per file", seconds(since: start) / 10_000 * 1e6))
    }
}
