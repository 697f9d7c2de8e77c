import Foundation
import Testing

/// `runnel new` installs a template as a commit on the branch; `runnel templates` lists them.
@Suite struct NewCommandTests {
    static let health = ["new", "--template", "http-health-check", "--set", "service_name=api",
                         "--set", "url=https://api.example.com/healthz", "--set", "expected_status=204"]

    @Test func newCommitsTheFilledInWorkflowOnTheBranch() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        let first = try repo.commit("initial", ["workflows/other.yaml": wf("Other", steps: ["a"])])
        let output = try await runnel(Self.health + ["--name", "ops/api-health"], in: repo.url)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("Installed template http-health-check as workflows/ops/api-health.yaml: commit "))
        let file = try repo.git(["show", "HEAD:workflows/ops/api-health.yaml"])
        #expect(file.hasPrefix("# Installed from template 'http-health-check'.\nname: 'Health check: api'\n"))
        #expect(file.contains("steps.probe.output.status_code == 204"))
        #expect(file.contains("url: https://api.example.com/healthz\n"))
        #expect(!file.contains("parameters:"))
        #expect(try repo.git(["log", "-1", "--format=%s"]) == "Install template http-health-check as ops/api-health\n")
        #expect(try repo.git(["rev-parse", "HEAD~1"]).hasPrefix(first))
        #expect(try repo.git(["status", "--porcelain"]) == "", "the work tree follows the commit")
        let validate = try await runnel(["validate", "workflows"], in: repo.url)
        #expect(validate.status == 0, "\(validate.stdout)")

        // The id is taken now.
        let again = try await runnel(Self.health + ["--name", "ops/api-health"], in: repo.url)
        #expect(again.status == 1)
        #expect(again.stderr.contains("workflow 'ops/api-health' exists already"))
    }

    @Test func dryRunPrintsTheYAMLAndWritesNothing() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("initial", ["README.md": "x\n"])
        let before = try repo.snapshot()
        let output = try await runnel(Self.health + ["--dry-run"], in: repo.url)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("# Installed from template 'http-health-check'.\n"))
        #expect(output.stdout.contains("    condition: steps.probe.status == 'completed' && steps.probe.output.status_code == 204\n"))
        #expect(try repo.snapshot() == before)
    }

    @Test func badParametersExitWithStatusTwoNamingTheParameter() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("initial", ["README.md": "x\n"])
        let before = try repo.snapshot()
        let wrongType = try await runnel(["new", "--template", "http-health-check", "--set", "service_name=api", "--set", "url=https://x.example.com",
                                    "--set", "expected_status=ok"], in: repo.url)
        #expect(wrongType.status == 2)
        #expect(wrongType.stderr.contains("parameter 'expected_status' must be an integer, not string \"ok\""), "\(wrongType.stderr)")
        let missing = try await runnel(["new", "--template", "http-health-check", "--set", "service_name=api"], in: repo.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("parameter 'url' is required"))
        let unknown = try await runnel(["new", "--template", "webhook-to-slack", "--set", "chanel=ops"], in: repo.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("parameter 'chanel' is not declared; did you mean 'channel'?"))
        let noTemplate = try await runnel(["new", "--template", "ghost"], in: repo.url)
        #expect(noTemplate.status == 2)
        #expect(try repo.snapshot() == before)
    }

    @Test func aRepositoryTemplateWinsAndTemplatesListsParameters() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        let mine = """
            # Mine.
            name: "Mine ${{ params.label }}"
            parameters:
              label: {type: string, default: x, description: A label}
            steps:
              - {id: a, type: wait, config: {duration: 1s}}

            """
        try repo.commit("initial", ["templates/webhook-to-slack.yaml": mine])
        let list = try await runnel(["templates"], in: repo.url)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("webhook-to-slack\trepository\tMine ${{ params.label }}\n  --set label=<string>  default \"x\"  A label\n"))
        #expect(list.stdout.contains("http-health-check\tbuiltin\tHealth check: ${{ params.service_name }}\n"))
        #expect(list.stdout.contains("  --set service_name=<string>  (required)  Name used in alerts\n"))
        let dry = try await runnel(["new", "--template", "webhook-to-slack", "--dry-run"], in: repo.url)
        #expect(dry.stdout == "# Installed from template 'webhook-to-slack'.\nname: Mine x\nsteps:\n- id: a\n  type: wait\n  config:\n    duration: 1s\n", "\(dry.stderr)")
    }
}
