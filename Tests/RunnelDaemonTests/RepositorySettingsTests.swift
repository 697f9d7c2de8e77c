import RunnelDaemon
import RunnelEngine
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

/// `providers:` as part of the repository settings.
@Suite struct RepositorySettingsProviderTests {
    @Test func readsProviders() {
        let (settings, problems) = RepositorySettings.parse("providers:\n  default: {base_url: \"http://127.0.0.1:11434/v1\", model: llama3.2, timeout: 2m}\n")
        #expect(problems.isEmpty)
        #expect(settings.providers.providers["default"]?.chatCompletionsURL == "http://127.0.0.1:11434/v1/chat/completions")
        #expect(settings.providers.providers["default"]?.timeout == .seconds(120))
    }

    @Test func aBadProviderIsAProblemWithItsPosition() {
        #expect(RepositorySettings.parse("providers:\n  default: {base_url: x, model: m, max_tokens: -1}\n").1 == [
            "runnel.yaml:2:23: 'base_url' of provider 'default' must start with http:// or https://",
            "runnel.yaml:2:48: 'max_tokens' of provider 'default' must be a positive whole number",
        ])
    }
}

/// `retention:` as part of the repository settings.
@Suite struct RepositorySettingsRetentionTests {
    @Test func readsTheRetentionPolicy() {
        let (settings, problems) = RepositorySettings.parse("retention: {runs: 90d, keep_last: 1000}\n")
        #expect(problems.isEmpty)
        #expect(settings.retention == RetentionPolicy(maxAge: .seconds(90 * 86_400), keepLast: 1000))
        #expect(RepositorySettings.parse("timezone: UTC\n").0.retention == nil)
        #expect(RepositorySettings.parse("retention:\n  keep_last: 5\n").0.retention == RetentionPolicy(keepLast: 5))
    }

    @Test func aBadRetentionIsAProblemWithItsPosition() {
        #expect(RepositorySettings.parse("retention: {runs: soon}\n").1 == ["runnel.yaml:1:19: 'retention.runs' must be a duration such as 90d or 12h"])
        #expect(RepositorySettings.parse("retention:\n  keep_last: 0\n").1 == ["runnel.yaml:2:14: 'retention.keep_last' must be a whole number from 1 to 100000000"])
        #expect(RepositorySettings.parse("retention:\n  days: 3\n").1 == ["runnel.yaml:2:9: unknown key 'days' in 'retention' (expected: runs, keep_last)"])
        #expect(RepositorySettings.parse("retention: 90d\n").1 == ["runnel.yaml:1:12: 'retention' must be a mapping such as {runs: 90d, keep_last: 1000}"])
    }
}
