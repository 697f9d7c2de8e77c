import Testing

@testable import RunnelCore

@Suite struct ChangeSummaryTests {
    func load(_ text: String) throws -> JSONValue {
        try #require(WorkflowLoader.load(path: "workflows/w.yaml", text: text).workflow?.definition)
    }

    let v1 = """
        name: Report
        on:
          schedule:
            - cron: "0 9 * * *"
        steps:
          - id: fetch
            type: wait
            config: {duration: 1s}
          - id: send
            type: wait
            config: {duration: 1s}
        """

    @Test func summarisesStepsAndSchedule() throws {
        let v2 = """
            name: Report
            on:
              schedule:
                - cron: "0 10 * * *"
            steps:
              - id: fetch
                type: wait
                config: {duration: 2s}
              - id: send
                type: wait
                config: {duration: 1s}
              - id: archive
                type: wait
                config: {duration: 1s}
            """
        #expect(ChangeSummary.describe(from: try load(v1), to: try load(v2)) == "Added 1 step, modified 1 step, changed the schedule")
        #expect(ChangeSummary.describe(from: try load(v2), to: try load(v1)) == "Removed 1 step, modified 1 step, changed the schedule")
    }

    @Test func createdDeletedUnchangedAndOtherKeys() throws {
        let a = try load(v1)
        #expect(ChangeSummary.describe(from: nil, to: a) == "Created the workflow with 2 steps")
        #expect(ChangeSummary.describe(from: a, to: nil) == "Deleted the workflow")
        #expect(ChangeSummary.describe(from: a, to: a) == "No changes")
        let renamed = try load(v1.replacingOccurrences(of: "name: Report", with: "name: Daily report\ndescription: hi"))
        #expect(ChangeSummary.describe(from: a, to: renamed) == "Renamed the workflow, changed the description")
        let reordered = try load("""
            name: Report
            on:
              schedule:
                - cron: "0 9 * * *"
            steps:
              - id: send
                type: wait
                config: {duration: 1s}
              - id: fetch
                type: wait
                config: {duration: 1s}
            """)
        #expect(ChangeSummary.describe(from: a, to: reordered) == "Reordered the steps")
    }

    @Test func patchesBetweenParsedDefinitionsApply() throws {
        let variants = [v1, v1.replacingOccurrences(of: "0 9", with: "*/5 9"), v1 + "\ntags: [a, b]\n",
                        v1.replacingOccurrences(of: "send", with: "deliver")]
        for old in variants {
            for new in variants {
                let a = try load(old), b = try load(new)
                #expect(try JSONPatch.diff(from: a, to: b).apply(to: a) == b)
            }
        }
    }
}
