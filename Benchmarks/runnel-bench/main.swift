// Runnel's benchmarks: `make bench` (release build). Each prints figures, never pass/fail.
//   runnel-bench [validate] [cron] [git] [engine] [daemon]     (default: all)
let selected = Set(CommandLine.arguments.dropFirst())
let all = selected.isEmpty

if all || selected.contains("validate") { ValidationBenchmark.run() }
if all || selected.contains("cron") { CronBenchmark.run() }
if all || selected.contains("git") { GitBenchmark.run() }
if all || selected.contains("engine") { await EngineBenchmark.run() }
if all || selected.contains("daemon") { await DaemonBenchmark.run() }
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "daemon-cold" {
    await DaemonBenchmark.coldStart(repo: CommandLine.arguments[2], state: CommandLine.arguments[3])
}
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "git-index" { GitBenchmark.indexOnly(CommandLine.arguments[2]) }
if selected.contains("validate-chains") { ValidationBenchmark.chains() }
if selected.contains("profile-load") { ValidationBenchmark.profile(rulesOnly: false) }
if selected.contains("profile-rules") { ValidationBenchmark.profile(rulesOnly: true) }
