// Runnel's benchmarks: `make bench` (release build). Each prints figures, never pass/fail.
//   runnel-bench [validate] [cron] [git] [engine] [daemon] [store] [dashboard]     (default: all)
//   runnel-bench store 100000   (one size of the store benchmark; default 100,000 and 1,000,000)
//   runnel-bench push [N]       (the one-file push to active alone, N pushes; for callgrind, see DaemonBenchmark+push.swift)
//   runnel-bench one-step-runs 20 [noop]   (what callgrind counts for the step overhead)
//   runnel-bench dashboard 10000   (the dashboard over that many runs; default 100,000)
let selected = Set(CommandLine.arguments.dropFirst())
let all = selected.isEmpty

if all || selected.contains("validate") { ValidationBenchmark.run() }
if all || selected.contains("cron") { CronBenchmark.run() }
if all || selected.contains("git") { GitBenchmark.run() }
if all || selected.contains("engine") { await EngineBenchmark.run() }
if all || selected.contains("daemon") { await DaemonBenchmark.run() }
if all || selected.contains("store") {
    let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }.filter { $0 >= 1_000 }
    await StoreBenchmark.run(sizes: sizes.isEmpty ? [100_000, 1_000_000] : sizes)
}
if all || selected.contains("dashboard") {
    let size = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first { $0 >= 1_000 }
    await DashboardBenchmark.run(size: size ?? 100_000)
}
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "daemon-cold" {
    await DaemonBenchmark.coldStart(repo: CommandLine.arguments[2], state: CommandLine.arguments[3])
}
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "git-index" { GitBenchmark.indexOnly(CommandLine.arguments[2]) }
if CommandLine.arguments.count >= 2, CommandLine.arguments[1] == "push" {
    await DaemonBenchmark.push(rounds: CommandLine.arguments.count > 2 ? max(2, Int(CommandLine.arguments[2]) ?? 25) : 25)
}
if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "one-step-runs", let runs = Int(CommandLine.arguments[2]) {
    await EngineBenchmark.oneStepRuns(runs, noop: CommandLine.arguments.dropFirst(3).first == "noop")
}
if selected.contains("validate-chains") { ValidationBenchmark.chains() }
if selected.contains("profile-load") { ValidationBenchmark.profile(rulesOnly: false) }
if selected.contains("profile-rules") { ValidationBenchmark.profile(rulesOnly: true) }
