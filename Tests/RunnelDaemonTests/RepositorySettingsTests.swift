import RunnelDaemon
import Testing

/// `runnel.yaml`: what is read, and what a bad file gives.
@Suite struct RepositorySettingsTests {
    @Test func readsTimezoneAndNotifyTargets() {
        let (settings, problems) = RepositorySettings.parse("timezone: Europe/Berlin\nnotify:\n  - url: https://hooks.example.com/a\n  - {url: https://hooks.example.com/b, events: [run.failed]}\nproviders: {}\n")
        #expect(problems.isEmpty)
        #expect(settings.timezone == "Europe/Berlin")
        #expect(settings.notify.map(\.url) == ["https://hooks.example.com/a", "https://hooks.example.com/b"])
        #expect(settings.notify.last?.events == ["run.failed"])
    }

    @Test func problemsSayWhere() {
        #expect(RepositorySettings.parse("timezone: Mars/Olympus\n").1 == ["runnel.yaml:1:11: 'timezone' must be an IANA time zone name"])
        #expect(RepositorySettings.parse("notify:\n  - {secret: X}\n").1 == ["runnel.yaml:2:5: a notify entry needs a 'url'"])
        #expect(RepositorySettings.parse("timezone: [unclosed").1.first?.hasPrefix("runnel.yaml:") == true)
        #expect(RepositorySettings.parse("").1.isEmpty)
        #expect(RepositorySettings.parse("max_concurrent_runs: 0\n").1 == ["runnel.yaml:1:22: 'max_concurrent_runs' must be a whole number from 1 to 10000"])
    }

    @Test func readsTheRunLimit() {
        #expect(RepositorySettings.parse("max_concurrent_runs: 3\n").0.maxConcurrentRuns == 3)
        #expect(RepositorySettings.parse("timezone: UTC\n").0.maxConcurrentRuns == nil)
    }
}
