// Runnel's benchmarks: `make bench` (release build). Each prints figures, never pass/fail.
//   runnel-bench [validate] [cron] [git] [engine] [daemon] [store] [dashboard]     (default: all)
//   runnel-bench store 100000   (one size of the store benchmark; default 100,000 and 1,000,000)
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
if selected.contains("validate-chains") { ValidationBenchmark.chains() }
if selected.contains("profile-load") { ValidationBenchmark.profile(rulesOnly: false) }
if selected.contains("profile-rules") { ValidationBenchmark.profile(rulesOnly: true) }
